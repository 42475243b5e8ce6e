package dev.gantry.server.gate;

import dev.gantry.gate.CheckResult;
import dev.gantry.gate.GateEngine;
import dev.gantry.gate.GateReport;
import dev.gantry.gate.ItemResult;
import dev.gantry.gate.Waiver;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.ConfigValue;
import dev.gantry.plan.GateCategory;
import dev.gantry.plan.ReleasePlan;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the checks a server may run itself: {@code http}, {@code http-headers} and
 * {@code prometheus}, with the gate engine, commands disabled, {@code ${VAR}} resolved from the
 * server's own environment only, and every request (redirects included) limited to the allowed
 * outbound hosts. Every other item is SKIPPED ("runs in the CLI only"): the server never runs a
 * command and never reads files named by a plan. Thread-safe.
 */
public final class ServerGateRunner {
    /** The reason given for items the server does not run. */
    public static final String CLI_ONLY = "runs in the CLI only";

    private final OutboundHosts allowed;
    private final Function<String, Optional<String>> environment;
    private final Clock clock;
    private final GateEngine engine;
    private final Optional<ConfigValue> prometheusUrl;

    /**
     * @param allowed the hosts checks may call
     * @param environment the server's environment, for {@code ${VAR}}
     * @param clock the clock
     */
    public ServerGateRunner(OutboundHosts allowed, Function<String, Optional<String>> environment, Clock clock) {
        this.allowed = allowed;
        this.environment = environment;
        this.clock = clock;
        this.prometheusUrl = environment.apply("GANTRY_PROMETHEUS_URL").filter(s -> !s.isBlank())
                .map(s -> new ConfigValue(s, false));
        GateEngine.Builder builder = GateEngine.builder().clock(clock).variables(environment).commandsAllowed(false)
                .httpClient(new AllowedHostsHttpClient(allowed));
        prometheusUrl.ifPresent(builder::prometheusUrl);
        this.engine = builder.build();
    }

    /** Runs the plan's server-side checks and decides the verdict with {@code waivers}. */
    public GateReport run(ReleasePlan plan, List<Waiver> waivers) {
        Map<String, ItemResult> decided = new HashMap<>();
        List<GateCategory> runnable = new ArrayList<>();
        for (GateCategory gate : plan.gates()) {
            List<GateCategory.Item> items = new ArrayList<>();
            for (GateCategory.Item item : gate.items()) {
                Optional<CheckResult> early = early(item.check());
                if (early.isPresent()) {
                    decided.put(item.id(), new ItemResult(gate.id(), item, early.get(), Duration.ZERO));
                } else {
                    items.add(item);
                }
            }
            if (!items.isEmpty()) {
                runnable.add(new GateCategory(gate.id(), items));
            }
        }
        if (!runnable.isEmpty()) {
            GateReport ran = engine.run(withGates(plan, runnable), Optional.empty(), List.of(), List.of(), r -> {});
            ran.results().forEach(r -> decided.put(r.item().id(), r));
        }
        List<ItemResult> ordered = plan.gates().stream().flatMap(g -> g.items().stream())
                .map(i -> decided.get(i.id())).toList();
        return GateReport.decide(ordered, waivers, clock.instant());
    }

    /** The result of an item decided without calling anything, or empty when the engine runs it. */
    private Optional<CheckResult> early(CheckSpec spec) {
        if (!(spec instanceof CheckSpec.Http || spec instanceof CheckSpec.HttpHeaders
                || spec instanceof CheckSpec.Prometheus)) {
            return Optional.of(new CheckResult.Skipped(CLI_ONLY, List.of()));
        }
        Optional<ConfigValue> url = switch (spec) {
            case CheckSpec.Http s -> Optional.of(s.url());
            case CheckSpec.HttpHeaders s -> Optional.of(s.url());
            case CheckSpec.Prometheus s -> s.url().or(() -> prometheusUrl);
            default -> throw new IllegalStateException("unreachable: " + spec.type());
        };
        if (url.isEmpty()) {
            return Optional.empty(); // the engine explains a missing Prometheus URL
        }
        Optional<String> resolved = url.get().resolve(environment);
        if (resolved.isEmpty()) {
            return Optional.empty(); // the engine names the missing variable
        }
        String host;
        try {
            host = URI.create(resolved.get()).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the engine says the URL is invalid
        }
        if (host == null || allowed.allows(host)) {
            return Optional.empty();
        }
        return Optional.of(new CheckResult.Error("host " + (url.get().sensitive() ? "(from a secret)" : host)
                + " is not in the server's allowed outbound hosts", List.of("url: " + url.get().redacted(),
                "allowed outbound hosts: " + allowed)));
    }

    private static ReleasePlan withGates(ReleasePlan p, List<GateCategory> gates) {
        return new ReleasePlan(p.apiVersion(), p.release(), p.roles(), p.milestones(), p.timeline(), p.freeze(),
                p.changes(), p.environment(), p.migrations(), gates, p.signoffs(), p.flags(), p.rollout(), p.rollback(),
                p.deploy(), p.communications(), p.support(), p.monitoring(), p.oncall(), p.successMetrics(),
                p.postLaunch(), p.notifications(), p.infrastructure(), p.directory());
    }
}
