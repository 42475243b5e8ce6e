package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueSyntaxTest {
    @Nested
    class Days {
        @ParameterizedTest
        @CsvSource({"D0, 2026-03-02", "D, 2026-03-02", "D-7, 2026-02-23", "D+7, 2026-03-09", "2026-01-01, 2026-01-01"})
        void parse_releaseDay_resolvesAgainstLaunch(String text, LocalDate expected) {
            assertThat(DayRef.parse(text).orElseThrow().resolve(LocalDate.of(2026, 3, 2))).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"D-7d", "d-7", "T-7", "next week", "2026-13-01", "D--1", "D-99999"})
        void parse_notADay_isEmpty(String text) {
            assertThat(DayRef.parse(text)).isEmpty();
        }

        @Test
        void text_roundTrips() {
            assertThat(DayRef.parse("D+3").orElseThrow().text()).isEqualTo("D+3");
            assertThat(DayRef.parse("D-0").orElseThrow().text()).isEqualTo("D0");
        }
    }

    @Nested
    class DurationSyntax {
        @ParameterizedTest
        @CsvSource({"250ms, PT0.25S", "30s, PT30S", "5m, PT5M", "1h30m, PT1H30M", "7d, PT168H", "2w, PT336H"})
        void parse_duration_isExact(String text, Duration expected) {
            assertThat(Durations.parse(text)).hasValue(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "5 minutes", "m5", "0s", "-5m", "1.5h", ""})
        void parse_notADuration_isEmpty(String text) {
            assertThat(Durations.parse(text)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"250ms", "30s", "5m", "1h30m", "7d", "1d12h"})
        void format_writesDaysAndSmallerUnits(String text) {
            assertThat(Durations.format(Durations.parse(text).orElseThrow())).isEqualTo(text);
        }

        @Test
        void format_weeks_areWrittenAsDays() {
            assertThat(Durations.format(Durations.parse("2w").orElseThrow())).isEqualTo("14d");
        }
    }

    @Nested
    class Thresholds {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "> 5%     | 0.06  | true", "> 5%     | 0.05  | false", "> 2s     | 2.5   | true", "> 800ms  | 0.7   | false",
            ">= 99.5% | 0.995 | true", "< 1%     | 0.02  | false", "100      | 100   | true", "100      | 99    | false",
            "!= 0     | 0     | false", "== 1     | 1     | true"})
        void test_measuredValue_comparesInTheMeasuredUnit(String threshold, double measured, boolean holds) {
            assertThat(Threshold.parse(threshold).orElseThrow().test(measured)).isEqualTo(holds);
        }

        @ParameterizedTest
        @ValueSource(strings = {"> five", ">> 5", "5 %%", "about 5", ""})
        void parse_notAThreshold_isEmpty(String text) {
            assertThat(Threshold.parse(text)).isEmpty();
        }
    }

    @Nested
    class Interpolation {
        @Test
        void resolve_allVariablesPresent_substitutes() {
            ConfigValue value = new ConfigValue("${BASE}/hooks/${ID}", true);

            assertThat(value.variables()).containsExactly("BASE", "ID");
            assertThat(value.resolve(name -> java.util.Optional.of(name.toLowerCase()))).hasValue("base/hooks/id");
        }

        @Test
        void resolve_variableMissing_isEmpty() {
            assertThat(new ConfigValue("${NOPE}", true).resolve(name -> java.util.Optional.empty())).isEmpty();
        }

        @Test
        void redacted_neverShowsAnInlineSecret() {
            assertThat(new ConfigValue("https://hooks.slack.com/services/T0/B0/abc", true).redacted()).isEqualTo("<hidden>");
            assertThat(new ConfigValue("https://status.example.com", false).redacted()).isEqualTo("https://status.example.com");
        }
    }

    @Nested
    class Hints {
        @ParameterizedTest
        @CsvSource({"versoin, version", "prevous, previous", "gaurds, guards", "notfy, notify"})
        void nearest_typo_findsTheKey(String typo, String expected) {
            assertThat(Suggestions.nearest(typo, java.util.List.of("version", "previous", "guards", "notify", "owner")))
                    .hasValue(expected);
        }

        @Test
        void nearest_unrelatedWord_suggestsNothing() {
            assertThat(Suggestions.nearest("banana", java.util.List.of("version", "owner"))).isEmpty();
        }
    }
}
