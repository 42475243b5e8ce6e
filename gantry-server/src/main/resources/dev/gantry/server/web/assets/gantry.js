// Gantry dashboard: progressive enhancement only; every page works without this file.
(function () {
  "use strict";

  // Every htmx request carries the session's CSRF token as a header.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.body && document.body.dataset.csrf;
    if (token) {
      event.detail.headers["X-CSRF-Token"] = token;
    }
  });

  // Live guard charts: one line per guard (its readings over time) and its threshold.
  var charts = {};

  function setUpCharts(root) {
    if (typeof Chart === "undefined") {
      return;
    }
    root.querySelectorAll("canvas[data-guard]").forEach(function (canvas) {
      var id = canvas.dataset.guard;
      if (charts[id] && charts[id].canvas === canvas) {
        return;
      }
      var datasets = [{ label: id, data: [], borderColor: "#0969da", backgroundColor: "#0969da", tension: 0.2 }];
      if (canvas.dataset.threshold !== "") {
        datasets.push({ label: "threshold", data: [], borderColor: "#cf222e", borderDash: [6, 4], pointRadius: 0 });
      }
      charts[id] = new Chart(canvas, {
        type: "line",
        data: { labels: [], datasets: datasets },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
          scales: { y: { beginAtZero: true } }, plugins: { legend: { position: "bottom" } } }
      });
      canvas.dataset.points = "0";
    });
  }

  function addReadings(json) {
    var status;
    try {
      status = JSON.parse(json);
    } catch (e) {
      return;
    }
    (status.guards || []).forEach(function (g) {
      var chart = charts[g.id];
      if (!chart || typeof g.value !== "number") {
        return;
      }
      var label = g.at ? new Date(g.at).toLocaleTimeString() : new Date().toLocaleTimeString();
      var labels = chart.data.labels;
      if (labels.length && labels[labels.length - 1] === label && chart.data.datasets[0].data.length &&
          chart.data.datasets[0].data[chart.data.datasets[0].data.length - 1] === g.value) {
        return;
      }
      labels.push(label);
      chart.data.datasets[0].data.push(g.value);
      if (chart.data.datasets[1]) {
        chart.data.datasets[1].data.push(parseFloat(chart.canvas.dataset.threshold));
      }
      if (labels.length > 120) {
        labels.shift();
        chart.data.datasets.forEach(function (d) { d.data.shift(); });
      }
      chart.update();
      chart.canvas.dataset.points = String(chart.data.datasets[0].data.length);
    });
  }

  // The guards event feeds the charts; it is never swapped into the page.
  document.addEventListener("htmx:sseBeforeMessage", function (event) {
    if (event.target && event.target.id === "rollout-guards-feed") {
      event.preventDefault();
      addReadings(event.detail.data);
    }
  });

  document.addEventListener("DOMContentLoaded", function () { setUpCharts(document); });
  document.addEventListener("htmx:afterSettle", function () { setUpCharts(document); });
})();
