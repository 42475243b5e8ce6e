package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SseParserTest {
    @Nested
    class Parsing {
        private final List<SseParser.Event> events = new ArrayList<>();
        private final List<Long> retries = new ArrayList<>();
        private final SseParser parser = new SseParser(events::add, retries::add);

        private void feed(String... lines) {
            for (String l : lines) {
                parser.line(l);
            }
        }

        @Test
        void line_multiLineDataAndId_dispatchesOnBlankLine() {
            feed("event: put", "id: 42", "data: {\"a\":", "data: 1}");
            assertThat(events).isEmpty();

            feed("");

            assertThat(events).containsExactly(new SseParser.Event("put", "{\"a\":\n1}", "42"));
        }

        @Test
        void line_commentsAndRetry_areNotEvents() {
            feed(": heartbeat", "", "retry: 2500", "");

            assertThat(events).isEmpty();
            assertThat(retries).containsExactly(2500L);
        }

        @Test
        void line_noSpaceAfterColonAndDefaultType_areHandled() {
            feed("data:x", "");

            assertThat(events).containsExactly(new SseParser.Event("message", "x", null));
        }
    }

    @Nested
    class Backoffs {
        @Test
        void delay_growsExponentiallyWithinJitterAndCaps() {
            Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(3), () -> 0.0);
            Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(3), () -> 0.999999);

            assertThat(low.delay(0)).isEqualTo(Duration.ofMillis(50));
            assertThat(high.delay(0)).isEqualTo(Duration.ofMillis(99));
            assertThat(low.delay(3)).isEqualTo(Duration.ofMillis(400));
            assertThat(high.delay(10)).isEqualTo(Duration.ofMillis(2999));
            assertThat(low.delay(100)).isEqualTo(Duration.ofMillis(1500));
        }
    }
}
