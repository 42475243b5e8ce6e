package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gate.PrometheusClient;
import dev.gantry.testing.PrometheusServer;
import java.net.http.HttpClient;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The end-to-end harness itself: a real Prometheus sees the error rate the test sets on the test application. */
class TestApplicationTest {
    @Test
    void errorRate_setByTheTest_isWhatPrometheusMeasures() throws Exception {
        try (TestApplication app = TestApplication.start();
                PrometheusServer prometheus = PrometheusServer.scraping(app.metricsUrl())) {
            prometheus.awaitQuery("http_requests_total");
            PrometheusClient client = new PrometheusClient(HttpClient.newHttpClient(), prometheus.url(), prometheus.url());
            String query = TestApplication.errorRateQuery("5s");
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(value(client, query)).isEqualTo(0.0));
            app.errorRate(0.2);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(value(client, query)).isBetween(0.15, 0.25));
        }
    }

    private static double value(PrometheusClient client, String query) throws InterruptedException {
        PrometheusClient.Answer answer = client.query(query, Duration.ofSeconds(2));
        if (answer instanceof PrometheusClient.Answer.Samples s && !s.samples().isEmpty()) {
            return s.samples().getFirst().value();
        }
        return Double.NaN;
    }
}
