package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.Durations;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.ReleasePlan;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs a plan's go/no-go checklist: every item's check at once on virtual threads, each within
 * its timeout, then the verdict ({@link GateReport#decide}). Never throws for bad plans, bad
 * reports or unreachable services: each becomes a result with a reason.
 *
 * <p>Thread-safe and reusable: configuration is fixed at {@link Builder#build()}.
 */
public final class GateEngine {
    /** How long a check may take when its item sets no timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Clock clock;
    private final Duration defaultTimeout;
    private final Function<String, Optional<String>> variables;
    private final HttpClient http;
    private final boolean commandsAllowed;
    private final Optional<ConfigValue> prometheusUrl;
    private final Evaluators evaluators = new Evaluators();

    private GateEngine(Builder builder) {
        this.clock = builder.clock;
        this.defaultTimeout = builder.defaultTimeout;
        this.variables = builder.variables;
        this.http = builder.http.orElseGet(() -> HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build());
        this.commandsAllowed = builder.commandsAllowed;
        this.prometheusUrl = builder.prometheusUrl;
    }

    /** A builder with the system clock, the process environment and commands not allowed. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the checks of {@code plan}.
     *
     * @param plan the plan
     * @param category only this category's items, or every item when empty
     * @param marks manual marks on record
     * @param waivers waivers on record
     * @param listener told of each result as it finishes
     * @throws IllegalArgumentException when {@code category} names no category of the plan
     */
    public GateReport run(ReleasePlan plan, Optional<String> category, List<Mark> marks, List<Waiver> waivers,
            GateListener listener) {
        category.ifPresent(id -> {
            if (plan.gates().stream().noneMatch(c -> c.id().equals(id))) {
                throw new IllegalArgumentException("the plan has no gate category '" + id + "'; it has "
                        + String.join(", ", plan.gates().stream().map(GateCategory::id).toList()));
            }
        });
        Map<String, Mark> latest = new HashMap<>();
        for (Mark mark : marks) {
            latest.merge(mark.item(), mark, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        CheckContext base = new CheckContext(plan, variables, http, clock, defaultTimeout, latest, commandsAllowed,
                prometheusUrl);
        ReentrantLock listenerLock = new ReentrantLock();
        List<Future<ItemResult>> futures = new ArrayList<>();
        // not try-with-resources: close() would wait for a timed-out check that ignores interrupts
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (GateCategory gate : plan.gates()) {
                if (category.isPresent() && !category.get().equals(gate.id())) {
                    continue;
                }
                for (GateCategory.Item item : gate.items()) {
                    futures.add(executor.submit(() -> {
                        ItemResult result = runOne(executor, gate.id(), item, base);
                        listenerLock.lock();
                        try {
                            listener.finished(result);
                        } catch (RuntimeException e) {
                            // a broken listener must not lose the verdict
                        } finally {
                            listenerLock.unlock();
                        }
                        return result;
                    }));
                }
            }
            List<ItemResult> results = new ArrayList<>();
            for (Future<ItemResult> future : futures) {
                results.add(join(future));
            }
            return GateReport.decide(results, waivers, clock.instant());
        } finally {
            executor.shutdownNow();
        }
    }

    private ItemResult runOne(ExecutorService executor, String category, GateCategory.Item item, CheckContext base) {
        Duration timeout = item.timeout().orElse(defaultTimeout);
        CheckContext context = base.withTimeout(timeout);
        Instant start = clock.instant();
        Future<CheckResult> check = executor.submit(() -> evaluators.evaluate(item, context));
        CheckResult result;
        try {
            result = check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            result = Results.fail("no result within " + Durations.format(timeout)
                    + " (the item's timeout); the check was stopped");
        } catch (ExecutionException e) {
            result = unexpected(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check.cancel(true);
            result = Results.error("the gate run was interrupted before this check finished");
        }
        Duration took = Duration.between(start, clock.instant());
        return new ItemResult(category, item, result, took.isNegative() ? Duration.ZERO : took);
    }

    static CheckResult unexpected(Throwable cause) {
        return Results.error("the check stopped on an unexpected " + cause.getClass().getSimpleName()
                + "; this is a bug in Gantry");
    }

    private static ItemResult join(Future<ItemResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for gate checks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a gate check wrapper failed", e.getCause());
        }
    }

    /** Dispatches each kind of check to its evaluator; the switch is exhaustive over the sealed type. */
    static final class Evaluators {
        private final ManualCheck manual = new ManualCheck();
        private final HttpCheck http = new HttpCheck();
        private final HttpHeadersCheck headers = new HttpHeadersCheck();
        private final EnvContractCheck env = new EnvContractCheck();
        private final SqlLintCheck sqlLint = new SqlLintCheck();
        private final CoverageCheck coverage = new CoverageCheck();
        private final JunitCheck junit = new JunitCheck();
        private final PrometheusCheck prometheus = new PrometheusCheck();
        private final BugsCheck bugs = new BugsCheck();
        private final DocsCheck docs = new DocsCheck();
        private final CommandCheck command = new CommandCheck();
        private final SloCheck slo = new SloCheck();

        CheckResult evaluate(GateCategory.Item item, CheckContext context) throws InterruptedException {
            CheckSpec spec = item.check();
            return switch (spec) {
                case CheckSpec.Manual s -> manual.evaluate(s, item, context);
                case CheckSpec.Http s -> http.evaluate(s, item, context);
                case CheckSpec.HttpHeaders s -> headers.evaluate(s, item, context);
                case CheckSpec.Env s -> env.evaluate(s, item, context);
                case CheckSpec.SqlLint s -> sqlLint.evaluate(s, item, context);
                case CheckSpec.Coverage s -> coverage.evaluate(s, item, context);
                case CheckSpec.Junit s -> junit.evaluate(s, item, context);
                case CheckSpec.Prometheus s -> prometheus.evaluate(s, item, context);
                case CheckSpec.Bugs s -> bugs.evaluate(s, item, context);
                case CheckSpec.Docs s -> docs.evaluate(s, item, context);
                case CheckSpec.Command s -> command.evaluate(s, item, context);
                case CheckSpec.Slo s -> slo.evaluate(s, item, context);
            };
        }
    }

    /**
     * Configures a {@link GateEngine}. Not thread-safe.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private Function<String, Optional<String>> variables = name -> Optional.ofNullable(System.getenv(name));
        private Optional<HttpClient> http = Optional.empty();
        private boolean commandsAllowed;
        private Optional<ConfigValue> prometheusUrl = Optional.empty();

        private Builder() {}

        /** The clock results and waivers are timed with. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How long a check may take when its item sets no timeout. */
        public Builder defaultTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("a timeout must be positive, got " + value);
            }
            this.defaultTimeout = value;
            return this;
        }

        /** Where {@code ${VAR}} references and the env contract look variables up. */
        public Builder variables(Function<String, Optional<String>> value) {
            this.variables = Objects.requireNonNull(value, "variables");
            return this;
        }

        /** The HTTP client to use instead of a default one. */
        public Builder httpClient(HttpClient value) {
            this.http = Optional.of(value);
            return this;
        }

        /** Whether {@code command} checks run; only the CLI allows them, never the server. */
        public Builder commandsAllowed(boolean value) {
            this.commandsAllowed = value;
            return this;
        }

        /** The Prometheus base URL for checks that name none (e.g. {@code ${PROMETHEUS_URL}}). */
        public Builder prometheusUrl(ConfigValue value) {
            this.prometheusUrl = Optional.of(value);
            return this;
        }

        /** The engine, configured. */
        public GateEngine build() {
            return new GateEngine(this);
        }
    }
}
