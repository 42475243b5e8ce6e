package dev.gantry.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.flags.Bucketing;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.flag.Environments;
import dev.gantry.server.flag.FlagService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /flags/{env}}: every flag's state and rollout share, with the kill switch (flags scope;
 * confirmed on its own page, so it works without JavaScript) and turning a flag back on.
 */
final class FlagPages {
    private final Web web;
    private final FlagService flags;
    private final Environments environments;

    FlagPages(Web web, FlagService flags, Environments environments) {
        this.web = web;
        this.flags = flags;
        this.environments = environments;
    }

    static String path(String env) {
        return "/flags/" + ReleaseView.segment(env);
    }

    void register(RoutesConfig r) {
        r.get("/flags", web.page(Scope.READ, (ctx, v) -> {
            List<String> names = environments.names();
            ctx.redirect(names.isEmpty() ? "/" : path(names.getFirst()), HttpStatus.SEE_OTHER);
        }));
        r.get("/flags/{env}", web.page(Scope.READ, (ctx, v) -> {
            String env = ctx.pathParam("env");
            List<FlagList.Row> rows = flags.list(env).stream().map(FlagPages::row).toList();
            web.render(ctx, "flags.jte", new FlagList(web.chrome(ctx, v, "Flags in " + env), env, environments.names(),
                    rows));
        }));
        r.get("/flags/{env}/{key}/kill", web.page(Scope.FLAGS, (ctx, v) -> {
            FlagService.StoredFlag f = flags.get(ctx.pathParam("env"), ctx.pathParam("key"));
            web.render(ctx, "flag-kill.jte", new FlagConfirm(web.chrome(ctx, v, "Kill " + f.key()), f.environment(),
                    f.key(), row(f).serving()));
        }));
        r.post("/flags/{env}/{key}/kill", web.action(Scope.FLAGS, (ctx, v) -> {
            FlagService.StoredFlag f = flags.kill(v.principal(), ctx.pathParam("env"), ctx.pathParam("key"));
            web.flash(v, "Killed " + f.key() + " in " + f.environment() + ": everybody gets its off variation.");
            ctx.redirect(path(f.environment()), HttpStatus.SEE_OTHER);
        }));
        r.post("/flags/{env}/{key}/on", web.action(Scope.FLAGS, (ctx, v) -> {
            FlagService.StoredFlag f = flags.toggle(v.principal(), ctx.pathParam("env"), ctx.pathParam("key"), true);
            web.flash(v, "Turned " + f.key() + " on in " + f.environment() + ".");
            ctx.redirect(path(f.environment()), HttpStatus.SEE_OTHER);
        }));
    }

    static FlagList.Row row(FlagService.StoredFlag f) {
        JsonNode def = f.definition();
        boolean on = def.path("on").asBoolean(false);
        String off = def.path("offVariation").asText("");
        JsonNode fallthrough = def.path("fallthrough");
        String serving;
        double percent;
        if (!on) {
            serving = "off: everybody gets " + off;
            percent = 0;
        } else if (fallthrough.has("split")) {
            List<String> parts = new ArrayList<>();
            double rolled = 0;
            for (JsonNode part : fallthrough.path("split")) {
                double share = part.path("weight").asDouble() * 100.0 / Bucketing.SCALE;
                parts.add(ReleasePages.percent(Math.round(share * 100) / 100.0) + " " + part.path("variation").asText());
                if (!part.path("variation").asText().equals(off)) {
                    rolled += share;
                }
            }
            serving = String.join(", ", parts);
            percent = rolled;
        } else {
            String variation = fallthrough.path("variation").asText(off);
            serving = "everybody: " + variation;
            percent = variation.equals(off) ? 0 : 100;
        }
        if (on && def.path("rules").size() > 0) {
            serving += " (after " + def.path("rules").size() + " rule(s))";
        }
        return new FlagList.Row(f.key(), def.path("type").asText("boolean"), on, serving, percent, f.version(),
                f.updatedAt() + " by " + f.updatedBy());
    }
}
