package dev.gantry.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VersionTest {
    static Version v(String text) {
        return Version.parse(text).orElseThrow();
    }

    @Nested
    class Parse {
        @Test
        void parse_notAVersion_isEmpty() {
            assertThat(Version.parse("latest")).isEmpty();
            assertThat(Version.parse("1..2")).isEmpty();
            assertThat(Version.parse("")).isEmpty();
        }

        @Test
        void parse_prefixPrereleaseAndBuild_areRead() {
            assertThat(v("v1.2.0-rc.1+build.7").numbers()).containsExactly(1, 2, 0);
            assertThat(v("v1.2.0-rc.1+build.7").prerelease()).containsExactly("rc", "1");
        }
    }

    @Nested
    class CompareTo {
        @Test
        void compareTo_numbers_orderNumericallyNotAsText() {
            List<String> sorted = Stream.of("1.10.0", "1.9.0", "1.2.0", "2.0", "1.2.0-rc.2", "1.2.0-rc.10", "1.2.0-beta")
                    .map(VersionTest::v).sorted().map(Version::toString).toList();

            assertThat(sorted).containsExactly("1.2.0-beta", "1.2.0-rc.2", "1.2.0-rc.10", "1.2.0", "1.9.0", "1.10.0", "2.0");
        }

        @Test
        void sameAs_missingPartsAndPrefix_areTheSameRelease() {
            assertThat(v("1.2").sameAs(v("v1.2.0"))).isTrue();
            assertThat(v("1.2").sameAs(v("1.2.1"))).isFalse();
        }
    }
}
