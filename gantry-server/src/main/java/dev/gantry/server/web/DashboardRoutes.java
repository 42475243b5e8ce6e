package dev.gantry.server.web;

import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.FailedAuthLimiter;
import dev.gantry.server.auth.TokenStore;
import dev.gantry.server.flag.Environments;
import dev.gantry.server.flag.FlagService;
import dev.gantry.server.gate.GateRunStore;
import dev.gantry.server.gate.ServerGateRunner;
import dev.gantry.server.gate.WaiverStore;
import dev.gantry.server.release.ReleaseStore;
import dev.gantry.server.rollout.RolloutDesk;
import dev.gantry.server.signoff.SignOffStore;
import dev.gantry.server.status.StatusService;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The web dashboard's routes, mounted at {@code /} beside the API: {@code /login},
 * {@code /logout}, {@code /} (releases), {@code /releases/{product}/{version}}, {@code /flags/{env}},
 * {@code /audit}, {@code /tokens}, {@code /status} (public) and {@code /assets/...}. Sessions live in memory (a restart
 * signs everybody out). Thread-safe once registered.
 */
public final class DashboardRoutes {
    private final Services services;

    /**
     * What the pages read and act through.
     *
     * @param tokens API tokens (sign-in, the tokens page)
     * @param limiter failed sign-ins, shared with the API's authenticator
     * @param releases releases
     * @param signoffs sign-offs
     * @param waivers waivers, for gate verdicts
     * @param gateRuns gate runs
     * @param gateRunner the server's own gate checks
     * @param flags flags
     * @param environments flag environments
     * @param audit the audit log
     * @param rollouts the rollout controller
     * @param status the public status page
     * @param clock the time source
     * @param secureCookies mark the session cookie Secure even on plain HTTP (behind a TLS proxy)
     */
    public record Services(TokenStore tokens, FailedAuthLimiter limiter, ReleaseStore releases, SignOffStore signoffs,
            WaiverStore waivers, GateRunStore gateRuns, ServerGateRunner gateRunner, FlagService flags,
            Environments environments, AuditLog audit, RolloutDesk rollouts, StatusService status, Clock clock,
            boolean secureCookies) {
        public Services {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(limiter, "limiter");
            Objects.requireNonNull(releases, "releases");
            Objects.requireNonNull(signoffs, "signoffs");
            Objects.requireNonNull(waivers, "waivers");
            Objects.requireNonNull(gateRuns, "gateRuns");
            Objects.requireNonNull(gateRunner, "gateRunner");
            Objects.requireNonNull(flags, "flags");
            Objects.requireNonNull(environments, "environments");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(rollouts, "rollouts");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** @param services what the pages use */
    public DashboardRoutes(Services services) {
        this.services = services;
    }

    /** Registers the pages, actions and assets. */
    public void register(RoutesConfig r) {
        Services s = services;
        Assets assets = new Assets();
        Web web = new Web(new WebSessions(s.clock(), Duration.ofHours(8)), s.tokens(), assets, s.secureCookies());
        r.get("/assets/{file}", assets::serve);
        new SignInPages(web, s.tokens(), s.limiter()).register(r);
        RolloutPages rollouts = new RolloutPages(web, s.rollouts(), s.releases(), s.environments());
        rollouts.register(r);
        new ReleasePages(web, s.releases(), s.signoffs(), s.waivers(), s.gateRuns(), s.gateRunner(), rollouts,
                s.clock()).register(r);
        new FlagPages(web, s.flags(), s.environments()).register(r);
        new AdminPages(web, s.audit(), s.tokens()).register(r);
        r.get("/status", web.open(ctx -> web.render(ctx, "status.jte", new StatusView(
                web.chrome(ctx, web.visitor(ctx), "Status"), s.status().page()))));
    }
}
