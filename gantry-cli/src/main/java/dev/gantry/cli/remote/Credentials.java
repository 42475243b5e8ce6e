package dev.gantry.cli.remote;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The server URL and API token {@code gantry login} stores, in
 * {@code $GANTRY_CONFIG_DIR/credentials.properties} (default {@code $XDG_CONFIG_HOME/gantry} or
 * {@code ~/.config/gantry}), readable by the user only (0600).
 *
 * @param url the server's base URL
 * @param token the API token
 */
public record Credentials(String url, String token) {
    /** Never shows the token. */
    @Override
    public String toString() {
        return "Credentials[url=" + url + ", token=***]";
    }

    /** @return the credentials file for this environment */
    public static Path file(Map<String, String> env) {
        String dir = env.get("GANTRY_CONFIG_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "credentials.properties");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("gantry").resolve("credentials.properties");
    }

    /** @return the stored credentials, if any */
    public static Optional<Credentials> load(Map<String, String> env) {
        Path f = file(env);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "Cannot read " + f + ": " + e.getMessage());
        }
        String url = p.getProperty("url");
        String token = p.getProperty("token");
        return url == null || token == null ? Optional.empty() : Optional.of(new Credentials(url, token));
    }

    /** Writes the credentials file with permissions 0600, replacing the previous one. */
    public void save(Map<String, String> env) {
        Path f = file(env);
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("token", token);
        StringWriter w = new StringWriter();
        try {
            p.store(w, "gantry login: keep this file private");
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "Cannot write " + f + ": " + e.getMessage());
        }
    }
}
