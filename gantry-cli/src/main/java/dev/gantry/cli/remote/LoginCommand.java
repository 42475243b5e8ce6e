package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry login URL}: checks an API token against the server and stores both in the
 * user's credentials file (0600). The token is read from {@code GANTRY_TOKEN}, or asked for
 * without echo, or read from standard input; never from the command line, where other users'
 * process listings would see it.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Store a server URL and API token for the commands that talk to a server.",
            "The token comes from GANTRY_TOKEN, a hidden prompt, or standard input."})
public final class LoginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "The server, for example http://127.0.0.1:8080/")
    String url;

    /** Where the token comes from when GANTRY_TOKEN is unset; replaceable in tests. */
    static Supplier<Optional<String>> tokenInput = LoginCommand::readToken;

    @Override
    public Integer call() {
        String token = Optional.ofNullable(ApiClient.environment.get("GANTRY_TOKEN")).filter(s -> !s.isBlank())
                .or(tokenInput)
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> new UserFacingException(ExitCodes.USAGE, "No token given: paste it at the prompt,"
                        + " pipe it to standard input, or set GANTRY_TOKEN."));
        ApiClient client = ApiClient.of(url, token);
        JsonNode me = client.get("/api/v1/whoami");
        new Credentials(client.base().toString(), token).save(ApiClient.environment);
        java.util.List<String> scopes = new java.util.ArrayList<>();
        me.path("scopes").forEach(s -> scopes.add(s.asText()));
        spec.commandLine().getOut().println("Logged in to " + client.base() + " as '" + me.path("name").asText()
                + "' (scopes: " + String.join(", ", scopes) + "); credentials in "
                + Credentials.file(ApiClient.environment) + ".");
        return ExitCodes.OK;
    }

    private static Optional<String> readToken() {
        Console console = System.console();
        if (console != null) {
            char[] chars = console.readPassword("API token: ");
            return chars == null ? Optional.empty() : Optional.of(new String(chars));
        }
        try {
            return Optional.ofNullable(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
