package dev.gantry.deploy;

import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.Deploy;
import dev.gantry.plan.Durations;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a plan's deploy stages or its rollback steps, in order, stopping at the first failure:
 * commands through {@code sh -c} in the plan's directory with the release's {@link Facts}
 * substituted and their output streamed to the listener, HTTP verifications retried until their
 * timeout, manual steps and stage approvals through {@link Approvals}. While steps run, the
 * {@link ZeroDowntimeProbe} polls the plan's health URL; a run whose probe exceeds the plan's
 * {@code maxFailedProbes} fails even when every step succeeded.
 *
 * <p>Only the CLI runs this: a server never runs shell commands from a plan. It does not check
 * the gate verdict or the freeze; the caller does that first with {@link ProductionGuard}.
 * Thread-safe for separate runs.
 */
public final class DeployRunner {
    /** How long a command step may run when it sets no timeout. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(30);
    /** How long an HTTP verification retries when it sets no timeout. */
    public static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofSeconds(30);

    private final Clock clock;
    private final HttpClient http;
    private final Function<String, Optional<String>> variables;
    private final Approvals approvals;
    private final RunListener listener;

    private DeployRunner(Builder builder) {
        this.clock = builder.clock;
        this.http = builder.http.orElseGet(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        this.variables = builder.variables;
        this.approvals = builder.approvals;
        this.listener = builder.listener;
    }

    /** A builder with the system clock, the process environment, and approvals refused. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the deploy stages: all of them, or only {@code stage}.
     *
     * @param override the recorded reason a refusal was overridden, if one was
     * @throws IllegalArgumentException when {@code stage} names no stage of the plan
     */
    public RunLog deploy(ReleasePlan plan, Optional<String> stage, Optional<String> override) {
        List<Deploy.Stage> stages = plan.deploy().stages().stream()
                .filter(s -> stage.isEmpty() || s.name().equals(stage.get())).toList();
        if (stage.isPresent() && stages.isEmpty()) {
            throw new IllegalArgumentException("the plan has no deploy stage '" + stage.get() + "'; it has "
                    + String.join(", ", plan.deploy().stages().stream().map(Deploy.Stage::name).toList()));
        }
        return run(RunLog.Kind.DEPLOY, plan, stages, override);
    }

    /** Runs the rollback steps as one stage named {@code rollback}. */
    public RunLog rollback(ReleasePlan plan, Optional<String> override) {
        return run(RunLog.Kind.ROLLBACK, plan,
                List.of(new Deploy.Stage("rollback", true, Optional.empty(), plan.rollback().steps())), override);
    }

    private RunLog run(RunLog.Kind kind, ReleasePlan plan, List<Deploy.Stage> stages, Optional<String> override) {
        Instant started = clock.instant();
        List<StepRecord> records = new ArrayList<>();
        Optional<ZeroDowntimeProbe> probe = Optional.empty();
        String failure = "";
        Deploy deploy = plan.deploy();
        if (deploy.healthUrl().isPresent()) {
            ConfigValue url = deploy.healthUrl().get();
            Optional<URI> uri = url.resolve(variables).flatMap(DeployRunner::uri);
            if (uri.isEmpty()) {
                failure = "the health URL '" + url.redacted() + "' cannot be resolved to an http(s) URL; set "
                        + String.join(", ", url.variables());
            } else {
                probe = Optional.of(ZeroDowntimeProbe.start(http, uri.get(), url.redacted(), deploy.probeInterval(),
                        clock, deploy.maxFailedProbes(), listener::probeFailed));
            }
        }
        if (failure.isEmpty()) {
            outer:
            for (Deploy.Stage stage : stages) {
                listener.stageStarted(stage.name());
                if (stage.approval().isPresent()) {
                    Instant at = clock.instant();
                    Optional<String> by = approvals.ask(new Approvals.ApprovalRequest(stage.name(), stage.approval(),
                            "Approve stage '" + stage.name() + "' of " + plan.release().product() + " "
                                    + plan.release().version() + " as " + stage.approval().get() + "?"));
                    StepRecord record = new StepRecord(stage.name(), "approval by " + stage.approval().get(),
                            by.isPresent() ? StepRecord.Status.SUCCEEDED : StepRecord.Status.FAILED, at,
                            since(at), by.map(name -> "approved by " + name).orElse("not approved"));
                    records.add(record);
                    listener.stepFinished(record);
                    if (by.isEmpty()) {
                        failure = "stage '" + stage.name() + "' was not approved";
                        break;
                    }
                }
                Facts facts = Facts.of(plan, stage.name());
                for (Step step : stage.steps()) {
                    listener.stepStarted(stage.name(), step);
                    StepRecord record = step(plan, stage.name(), step, facts);
                    records.add(record);
                    listener.stepFinished(record);
                    if (record.status() == StepRecord.Status.FAILED) {
                        failure = "step '" + step.name() + "' of stage '" + stage.name() + "' failed: " + record.detail();
                        break outer;
                    }
                }
            }
        }
        Optional<ProbeReport> report = probe.map(ZeroDowntimeProbe::stop);
        if (failure.isEmpty() && report.isPresent() && !report.get().withinLimit()) {
            failure = "the zero-downtime probe saw " + report.get().failed() + " failed probes, more than the "
                    + report.get().maxFailed().orElse(0) + " allowed (longest gap " + report.get().longestGap().toMillis()
                    + "ms)";
        }
        boolean succeeded = failure.isEmpty();
        String what = kind == RunLog.Kind.DEPLOY ? "deploy" : "rollback";
        String summary = succeeded ? what + " of " + plan.release().product() + " " + plan.release().version()
                + " succeeded: " + records.size() + " steps" : what + " stopped: " + failure;
        return new RunLog(kind, plan.release().product(), plan.release().version(), started, since(started), records,
                report, succeeded, summary, override);
    }

    private StepRecord step(ReleasePlan plan, String stage, Step step, Facts facts) {
        Instant at = clock.instant();
        String detail;
        boolean ok;
        if (step.run().isPresent()) {
            Result result = command(plan, step, facts);
            ok = result.ok();
            detail = result.detail();
        } else if (step.http().isPresent()) {
            Result result = verify(step.http().get(), step.timeout().orElse(DEFAULT_VERIFY_TIMEOUT), facts);
            ok = result.ok();
            detail = result.detail();
        } else {
            Optional<String> by = approvals.ask(new Approvals.ApprovalRequest(stage, Optional.empty(),
                    "Manual step '" + step.name() + "'" + step.verify().map(v -> " (verify: " + v + ")").orElse("")
                            + step.owner().map(o -> " for " + o).orElse("") + ": is it done?"));
            ok = by.isPresent();
            detail = by.map(name -> "confirmed by " + name).orElse("not confirmed");
        }
        return new StepRecord(stage, step.name(), ok ? StepRecord.Status.SUCCEEDED : StepRecord.Status.FAILED, at,
                since(at), detail);
    }

    private record Result(boolean ok, String detail) {}

    private Result command(ReleasePlan plan, Step step, Facts facts) {
        String raw = step.run().orElseThrow();
        List<String> unknown = facts.unknown(raw);
        if (!unknown.isEmpty()) {
            return new Result(false, "refers to " + String.join(", ", unknown) + ", which the plan does not declare");
        }
        Duration timeout = step.timeout().orElse(DEFAULT_COMMAND_TIMEOUT);
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", facts.substitute(raw)).directory(plan.directory().toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(false, "could not start 'sh' on this machine");
        }
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    listener.output(line);
                }
            } catch (IOException e) {
                // the stream closed with the process
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                return new Result(false, "did not finish within " + Durations.format(timeout) + " and was stopped");
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
        int exit = process.exitValue();
        return new Result(exit == 0, "exit code " + exit);
    }

    private Result verify(Step.HttpVerification check, Duration timeout, Facts facts) {
        ConfigValue url = new ConfigValue(facts.substitute(check.url().raw()), check.url().sensitive());
        String shown = new ConfigValue(facts.substitute(check.url().redacted()), false).raw();
        Optional<URI> uri = url.resolve(variables).flatMap(DeployRunner::uri);
        if (uri.isEmpty()) {
            return new Result(false, "'" + shown + "' cannot be resolved to an http(s) URL");
        }
        Instant deadline = clock.instant().plus(timeout);
        String last = "no attempt";
        while (true) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            Duration requestTimeout = remaining.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                    : remaining.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : remaining;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri.get())
                        .timeout(requestTimeout).GET().build(), HttpResponse.BodyHandlers.ofString());
                boolean statusOk = response.statusCode() == check.expect();
                boolean bodyOk = check.bodyContains().map(response.body()::contains).orElse(true);
                if (statusOk && bodyOk) {
                    return new Result(true, "GET " + shown + " answered " + response.statusCode());
                }
                last = "GET " + shown + " answered " + response.statusCode()
                        + (statusOk ? " without '" + check.bodyContains().orElse("") + "' in the body"
                                : ", expected " + check.expect());
            } catch (IOException e) {
                last = "GET " + shown + " failed (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, "interrupted");
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return new Result(false, last + " (tried for " + Durations.format(timeout) + ")");
            }
            try {
                Thread.sleep(left.compareTo(Duration.ofSeconds(1)) < 0 ? left : Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, "interrupted");
            }
        }
    }

    private static Optional<URI> uri(String text) {
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void stop(Process process) {
        // The shell first, so it cannot run the rest of its script once its child is gone.
        java.util.List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private Duration since(Instant start) {
        Duration took = Duration.between(start, clock.instant());
        return took.isNegative() ? Duration.ZERO : took;
    }

    /** Configures a {@link DeployRunner}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Optional<HttpClient> http = Optional.empty();
        private Function<String, Optional<String>> variables = name -> Optional.ofNullable(System.getenv(name));
        private Approvals approvals = Approvals.REFUSE;
        private RunListener listener = RunListener.NONE;

        private Builder() {}

        /** The clock step timings and the probe use. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The HTTP client for verifications and the probe, instead of a default one. */
        public Builder httpClient(HttpClient value) {
            this.http = Optional.of(value);
            return this;
        }

        /** Where {@code ${VAR}} references in URLs are looked up. */
        public Builder variables(Function<String, Optional<String>> value) {
            this.variables = Objects.requireNonNull(value, "variables");
            return this;
        }

        /** Who approves stages and confirms manual steps; by default nobody, so such runs stop. */
        public Builder approvals(Approvals value) {
            this.approvals = Objects.requireNonNull(value, "approvals");
            return this;
        }

        /** Told of stages, steps, output lines and failed probes as they happen. */
        public Builder listener(RunListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The runner, configured. */
        public DeployRunner build() {
            return new DeployRunner(this);
        }
    }
}
