package dev.gantry.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.sdk.GantryClient;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider as an application sees it: through the OpenFeature client API, over a snapshot file. */
class GantryProviderTest {

    private static final ImmutableContext CAROL = new ImmutableContext("carol");

    @TempDir
    Path directory;

    private Path file;
    private String domain;
    private Client client;

    @BeforeEach
    void setUp() {
        file = directory.resolve("flags.json");
        domain = "gantry-test-" + UUID.randomUUID();
        client = OpenFeatureAPI.getInstance().getClient(domain);
    }

    @AfterEach
    void tearDown() {
        // replacing the provider shuts ours down, which closes the Gantry client
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, new NoOpProvider());
    }

    private void start() {
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, new GantryProvider(GantryClient.builder()
                .file(file)
                .fileReloadInterval(Duration.ofMillis(20))
                .build()));
    }

    @Nested
    class Evaluation {

        @BeforeEach
        void load() {
            FlagFiles.write(file, FlagFiles.snapshotV1());
            start();
        }

        @Test
        void getBooleanDetails_individualTarget_servesTargetingMatch() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("dark-mode", false, new ImmutableContext("alice"));

            assertThat(d.getValue()).isTrue();
            assertThat(d.getVariant()).isEqualTo("on");
            assertThat(d.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
            assertThat(d.getFlagMetadata().getString("gantryReason")).isEqualTo("TARGET_MATCH");
            assertThat(d.getErrorCode()).isNull();
        }

        @Test
        void getBooleanDetails_ruleOnListAttribute_servesTargetingMatchWithRuleId() {
            ImmutableContext bob = new ImmutableContext("bob",
                    Map.of("groups", new Value(List.of(new Value("staff"), new Value("beta")))));

            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("dark-mode", false, bob);

            assertThat(d.getValue()).isTrue();
            assertThat(d.getReason()).isEqualTo(Reason.TARGETING_MATCH.name());
            assertThat(d.getFlagMetadata().getString("gantryReason")).isEqualTo("RULE_MATCH");
            assertThat(d.getFlagMetadata().getString("ruleId")).isEqualTo("beta-testers");
        }

        @Test
        void getBooleanDetails_integerAttributeAgainstNumberRule_matches() {
            ImmutableContext bigAccount = new ImmutableContext("dave", Map.of("seats", new Value(150)));

            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("dark-mode", false, bigAccount);

            assertThat(d.getValue()).isTrue();
            assertThat(d.getFlagMetadata().getString("ruleId")).isEqualTo("big-accounts");
        }

        @Test
        void getBooleanDetails_noTargetNorRule_servesDefaultReason() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("dark-mode", true, CAROL);

            assertThat(d.getValue()).isFalse();
            assertThat(d.getVariant()).isEqualTo("off");
            assertThat(d.getReason()).isEqualTo(Reason.DEFAULT.name());
        }

        @Test
        void getBooleanDetails_flagOff_servesOffVariationAsDisabled() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("kill-switch", true, CAROL);

            assertThat(d.getValue()).isFalse();
            assertThat(d.getVariant()).isEqualTo("killed");
            assertThat(d.getReason()).isEqualTo(Reason.DISABLED.name());
        }

        @Test
        void getBooleanDetails_prerequisiteOff_servesOffVariationNamingThePrerequisite() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("new-checkout", true, CAROL);

            assertThat(d.getValue()).isFalse();
            assertThat(d.getVariant()).isEqualTo("off");
            assertThat(d.getReason()).isEqualTo("PREREQUISITE_FAILED");
            assertThat(d.getFlagMetadata().getString("prerequisiteKey")).isEqualTo("kill-switch");
            assertThat(d.getErrorCode()).isNull();
        }

        @Test
        void getStringDetails_split_servesBothVariantsAsSplit() {
            FlagEvaluationDetails<String> first = null;
            FlagEvaluationDetails<String> other = null;
            for (int i = 0; i < 200 && other == null; i++) {
                FlagEvaluationDetails<String> d = client.getStringDetails("banner", "none", new ImmutableContext("user-" + i));
                assertThat(d.getReason()).isEqualTo(Reason.SPLIT.name());
                if (first == null) {
                    first = d;
                } else if (!d.getVariant().equals(first.getVariant())) {
                    other = d;
                }
            }

            assertThat(other).as("a second variant among 200 keys of a 50/50 split").isNotNull();
            assertThat(List.of(first.getValue(), other.getValue())).containsExactlyInAnyOrder("Welcome!", "Hello again!");
        }

        @Test
        void getStringDetails_sameKeyTwice_servesSameVariant() {
            ImmutableContext eve = new ImmutableContext("eve");

            assertThat(client.getStringValue("banner", "none", eve)).isEqualTo(client.getStringValue("banner", "none", eve));
        }

        @Test
        void getIntegerDetails_wholeNumber_servesInteger() {
            FlagEvaluationDetails<Integer> d = client.getIntegerDetails("max-items", 0, CAROL);

            assertThat(d.getValue()).isEqualTo(25);
            assertThat(d.getVariant()).isEqualTo("twenty-five");
            assertThat(d.getErrorCode()).isNull();
        }

        @Test
        void getIntegerDetails_fraction_returnsDefaultWithTypeMismatch() {
            FlagEvaluationDetails<Integer> d = client.getIntegerDetails("discount", 7, CAROL);

            assertThat(d.getValue()).isEqualTo(7);
            assertThat(d.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
            assertThat(d.getErrorMessage()).contains("discount").contains("2.5");
        }

        @Test
        void getDoubleDetails_number_servesDouble() {
            assertThat(client.getDoubleValue("discount", 0.0, CAROL)).isEqualTo(2.5);
            assertThat(client.getDoubleValue("max-items", 0.0, CAROL)).isEqualTo(25.0);
        }

        @Test
        void getObjectDetails_jsonFlag_servesStructure() {
            FlagEvaluationDetails<Value> d = client.getObjectDetails("checkout-config", new Value("none"), CAROL);

            assertThat(d.getVariant()).isEqualTo("grid");
            Structure config = d.getValue().asStructure();
            assertThat(config.getValue("layout").asString()).isEqualTo("grid");
            assertThat(config.getValue("columns").asInteger()).isEqualTo(3);
            assertThat(config.getValue("beta").asBoolean()).isTrue();
            assertThat(config.getValue("tags").asList()).extracting(Value::asString).containsExactly("new", "wide");
        }

        @Test
        void getBooleanDetails_dateAttribute_isPassedAsInstant() {
            // no date rule in the fixture: a date attribute must simply not break evaluation
            ImmutableContext withDate = new ImmutableContext("carol", Map.of("signedUp", new Value(Instant.parse("2024-01-01T00:00:00Z")),
                    "profile", new Value(new dev.openfeature.sdk.ImmutableStructure(Map.of("age", new Value(3))))));

            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("dark-mode", true, withDate);

            assertThat(d.getErrorCode()).isNull();
            assertThat(d.getValue()).isFalse();
        }
    }

    @Nested
    class Errors {

        @BeforeEach
        void load() {
            FlagFiles.write(file, FlagFiles.snapshotV1());
            start();
        }

        @Test
        void getBooleanDetails_unknownFlag_returnsDefaultWithFlagNotFound() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("no-such-flag", true, CAROL);

            assertThat(d.getValue()).isTrue();
            assertThat(d.getReason()).isEqualTo(Reason.ERROR.name());
            assertThat(d.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
            assertThat(d.getErrorMessage()).contains("no-such-flag");
        }

        @Test
        void getStringDetails_booleanFlag_returnsDefaultWithTypeMismatch() {
            FlagEvaluationDetails<String> d = client.getStringDetails("dark-mode", "fallback", CAROL);

            assertThat(d.getValue()).isEqualTo("fallback");
            assertThat(d.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        }

        @Test
        void getObjectDetails_booleanFlag_returnsCallersDefaultWithTypeMismatch() {
            Value fallback = new Value("fallback");

            FlagEvaluationDetails<Value> d = client.getObjectDetails("dark-mode", fallback, CAROL);

            assertThat(d.getValue()).isEqualTo(fallback);
            assertThat(d.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        }

        @Test
        void getBooleanDetails_blankAttributeName_returnsDefaultWithInvalidContext() {
            ImmutableContext blankName = new ImmutableContext("carol", Map.of(" ", new Value("x")));

            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("dark-mode", true, blankName);

            assertThat(d.getValue()).isTrue();
            assertThat(d.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
            assertThat(d.getErrorMessage()).contains("blank name");
        }

        @Test
        void getBooleanDetails_prerequisiteCycle_returnsDefaultWithParseError() {
            FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("loop-a", true, CAROL);

            assertThat(d.getValue()).isTrue();
            assertThat(d.getErrorCode()).isEqualTo(ErrorCode.PARSE_ERROR);
            assertThat(d.getErrorMessage()).contains("cycle");
            assertThat(d.getFlagMetadata().getString("gantryErrorCode")).isEqualTo("MALFORMED_FLAG");
        }
    }

    @Nested
    class FileEvents {

        @Test
        void setProviderAndWait_snapshotFile_isReadyAndAnnouncesReady() throws InterruptedException {
            FlagFiles.write(file, FlagFiles.snapshotV1());
            start();
            EventRecorder events = EventRecorder.on(client);

            events.next(ProviderEvent.PROVIDER_READY);
            assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
        }

        @Test
        void fileChanged_announcesConfigurationChangedWithTheChangedFlag() throws InterruptedException {
            FlagFiles.write(file, FlagFiles.snapshotV1());
            start();
            EventRecorder events = EventRecorder.on(client);
            events.next(ProviderEvent.PROVIDER_READY);

            FlagFiles.write(file, FlagFiles.snapshotV2DarkModeOff());

            EventDetails changed = events.next(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED);
            assertThat(changed.getFlagsChanged()).containsExactly("dark-mode");
            assertThat(client.getBooleanDetails("dark-mode", true, new ImmutableContext("alice")).getReason())
                    .isEqualTo(Reason.DISABLED.name());
        }

        @Test
        void fileMalformed_announcesStaleAndKeepsServingThePreviousSnapshot() throws InterruptedException {
            FlagFiles.write(file, FlagFiles.snapshotV1());
            start();
            EventRecorder events = EventRecorder.on(client);
            events.next(ProviderEvent.PROVIDER_READY);

            FlagFiles.write(file, "{\"format\": 1, \"version\": \"v2\", \"flags\": [ {\"key\": \"broken\"} ]}");

            EventDetails stale = events.next(ProviderEvent.PROVIDER_STALE);
            assertThat(stale.getMessage()).contains("rejected");
            assertThat(client.getProviderState()).isEqualTo(ProviderState.STALE);
            assertThat(client.getBooleanValue("dark-mode", false, new ImmutableContext("alice"))).isTrue();
        }

        @Test
        void fileFixedAfterMalformed_announcesReadyAgain() throws InterruptedException {
            FlagFiles.write(file, FlagFiles.snapshotV1());
            start();
            EventRecorder events = EventRecorder.on(client);
            events.next(ProviderEvent.PROVIDER_READY);
            FlagFiles.write(file, "not json at all");
            events.next(ProviderEvent.PROVIDER_STALE);

            FlagFiles.write(file, FlagFiles.snapshotV2DarkModeOff());

            assertThat(events.await(ProviderEvent.PROVIDER_READY)).isNotNull();
            assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
            assertThat(client.getBooleanValue("dark-mode", true, new ImmutableContext("alice"))).isFalse();
        }

        @Test
        void setProviderAndWait_missingFile_isInErrorUntilTheFileAppears() throws InterruptedException {
            try {
                start();
            } catch (RuntimeException expected) {
                // some SDK versions rethrow the initialization failure; the state is what counts
            }
            assertThat(client.getProviderState()).isEqualTo(ProviderState.ERROR);
            assertThat(client.getBooleanDetails("dark-mode", true, CAROL).getErrorCode()).isNotNull();
            EventRecorder events = EventRecorder.on(client);
            events.next(ProviderEvent.PROVIDER_ERROR);

            FlagFiles.write(file, FlagFiles.snapshotV1());

            events.await(ProviderEvent.PROVIDER_READY);
            assertThat(client.getProviderState()).isEqualTo(ProviderState.READY);
            assertThat(client.getBooleanValue("dark-mode", false, new ImmutableContext("alice"))).isTrue();
        }

        @Test
        void fileDeletedAfterStart_announcesStale() throws InterruptedException {
            FlagFiles.write(file, FlagFiles.snapshotV1());
            start();
            EventRecorder events = EventRecorder.on(client);
            events.next(ProviderEvent.PROVIDER_READY);

            try {
                Files.delete(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }

            assertThat(events.next(ProviderEvent.PROVIDER_STALE).getMessage()).contains("does not exist");
            assertThat(client.getBooleanValue("dark-mode", false, new ImmutableContext("alice"))).isTrue();
        }
    }
}
