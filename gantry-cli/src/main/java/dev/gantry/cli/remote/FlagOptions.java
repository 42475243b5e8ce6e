package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every flags subcommand shares. */
final class FlagOptions {
    @Option(names = {"-e", "--env"}, paramLabel = "ENV", required = true,
            description = "The environment, for example staging or production.")
    String env;

    @Option(names = "--server", paramLabel = "URL", description = "The server (default: GANTRY_URL or gantry login's).")
    String server;

    ApiClient client() {
        return ApiClient.connect(Optional.ofNullable(server));
    }

    String path(String key) {
        return "/api/v1/environments/" + enc(env) + "/flags" + (key.isEmpty() ? "" : "/" + enc(key));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One line about a stored flag: key, version, on/off and what the fallthrough serves. */
    static String describe(JsonNode stored) {
        JsonNode def = stored.path("definition");
        JsonNode ft = def.path("fallthrough");
        String serves;
        if (ft.has("split")) {
            List<String> parts = new ArrayList<>();
            ft.get("split").forEach(w -> parts.add(w.path("variation").asText() + " "
                    + trim(w.path("weight").asDouble() / 1000.0) + "%"));
            serves = String.join(" / ", parts);
        } else {
            serves = ft.path("variation").asText();
        }
        return String.format("%-32s v%-4d %-4s %s", stored.path("key").asText(), stored.path("version").asLong(),
                def.path("on").asBoolean() ? "on" : "OFF", def.path("on").asBoolean() ? serves
                        : "(serves " + def.path("offVariation").asText() + ")");
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
