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
})();
