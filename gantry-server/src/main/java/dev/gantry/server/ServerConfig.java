package dev.gantry.server;

import dev.gantry.plan.Durations;
import dev.gantry.server.gate.OutboundHosts;
import dev.gantry.server.notify.Backoff;
import dev.gantry.server.notify.NotificationSettings;
import dev.gantry.server.notify.SmtpSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How a server runs. {@link #resolve} merges, by precedence, command-line values, environment
 * variables ({@code GANTRY_PORT}, {@code GANTRY_BIND}, {@code GANTRY_DATA_DIR},
 * {@code GANTRY_DATABASE_URL}, {@code GANTRY_ADMIN_TOKEN}, {@code GANTRY_ALLOWED_OUTBOUND_HOSTS}) and an
 * optional properties file ({@code port}, {@code bind}, {@code data-dir}, {@code database-url},
 * {@code allowed-outbound-hosts}).
 *
 * @param port TCP port, 0 for any free one
 * @param bind address to listen on
 * @param dataDir where the embedded SQLite database lives
 * @param databaseUrl a JDBC URL; empty for SQLite in {@code dataDir}
 * @param adminToken an admin token to accept (GANTRY_ADMIN_TOKEN); never printed
 * @param maxRequestBytes the largest request body accepted (413 beyond)
 * @param heartbeat how often an idle SDK stream gets a heartbeat
 * @param examplesDir a directory whose {@code * /release.yaml} plans are loaded on first start
 * @param allowedOutboundHosts the hosts server-side gate checks may call; none by default
 * @param notifications notification retries and the SMTP server ({@code GANTRY_SMTP_*},
 *     {@code GANTRY_NOTIFY_*}; see docs/notifications.md)
 */
public record ServerConfig(int port, String bind, Path dataDir, Optional<String> databaseUrl, Optional<String> adminToken,
        long maxRequestBytes, Duration heartbeat, Optional<Path> examplesDir,
        OutboundHosts allowedOutboundHosts, NotificationSettings notifications) {

    /** Validates ranges. */
    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The port must be between 0 and 65535, got " + port + ".");
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(Duration.ofSeconds(15)) > 0) {
            throw new IllegalArgumentException("The heartbeat interval must be between 1 ms and 15 s.");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("The request size limit must be at least 1024 bytes.");
        }
    }

    /** @return port 8080 on 127.0.0.1, SQLite in ./.gantry, 1 MiB requests, 15 s heartbeats */
    public static ServerConfig defaults() {
        return new ServerConfig(8080, "127.0.0.1", Path.of(".gantry"), Optional.empty(), Optional.empty(),
                1024 * 1024, Duration.ofSeconds(15), Optional.empty(), OutboundHosts.none(),
                NotificationSettings.defaults());
    }

    /**
     * @param flags values given on the command line, by long option name without dashes
     *     ({@code port}, {@code bind}, {@code data-dir}, {@code database-url}, {@code allowed-outbound-hosts})
     * @param env the process environment
     * @param file an optional properties file
     * @throws IllegalArgumentException for a value that does not parse, naming where it came from
     */
    public static ServerConfig resolve(Map<String, String> flags, Map<String, String> env, Optional<Path> file) {
        Properties props = new Properties();
        if (file.isPresent()) {
            try (Reader r = Files.newBufferedReader(file.get())) {
                props.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the configuration file " + file.get() + ": " + e.getMessage(), e);
            }
        }
        ServerConfig d = defaults();
        Optional<String> port = pick(flags, env, props, "port", "GANTRY_PORT");
        int p;
        try {
            p = port.map(Integer::parseInt).orElse(d.port());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port must be a number, got '" + port.get() + "'.");
        }
        return new ServerConfig(p,
                pick(flags, env, props, "bind", "GANTRY_BIND").orElse(d.bind()),
                pick(flags, env, props, "data-dir", "GANTRY_DATA_DIR").map(Path::of).orElse(d.dataDir()),
                pick(flags, env, props, "database-url", "GANTRY_DATABASE_URL"),
                Optional.ofNullable(env.get("GANTRY_ADMIN_TOKEN")).filter(s -> !s.isBlank()),
                d.maxRequestBytes(), d.heartbeat(), Optional.empty(),
                hosts(pick(flags, env, props, "allowed-outbound-hosts", "GANTRY_ALLOWED_OUTBOUND_HOSTS")),
                notifications(flags, env, props));
    }

    private static NotificationSettings notifications(Map<String, String> flags, Map<String, String> env, Properties props) {
        Backoff d = Backoff.defaults();
        Backoff backoff = new Backoff(
                duration(pick(flags, env, props, "notify-retry-base", "GANTRY_NOTIFY_RETRY_BASE"), d.base(), "retry base"),
                duration(pick(flags, env, props, "notify-retry-cap", "GANTRY_NOTIFY_RETRY_CAP"), d.cap(), "retry cap"),
                duration(pick(flags, env, props, "notify-max-age", "GANTRY_NOTIFY_MAX_AGE"), d.maxAge(), "maximum age"));
        Optional<String> host = pick(flags, env, props, "smtp-host", "GANTRY_SMTP_HOST");
        if (host.isEmpty()) {
            return new NotificationSettings(backoff, Optional.empty());
        }
        boolean startTls = pick(flags, env, props, "smtp-starttls", "GANTRY_SMTP_STARTTLS").map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("GANTRY_SMTP_STARTTLS must be true or false, got '" + v + "'.");
            }
            return Boolean.parseBoolean(v);
        }).orElse(true);
        Optional<String> port = pick(flags, env, props, "smtp-port", "GANTRY_SMTP_PORT");
        int p;
        try {
            p = port.map(Integer::parseInt).orElse(startTls ? 587 : 25);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The SMTP port must be a number, got '" + port.get() + "'.");
        }
        // the password never comes from the command line, where other users could read it
        Optional<String> password = Optional.ofNullable(env.get("GANTRY_SMTP_PASSWORD")).filter(v -> !v.isEmpty())
                .or(() -> Optional.ofNullable(props.getProperty("smtp-password")).filter(v -> !v.isEmpty()));
        return new NotificationSettings(backoff, Optional.of(new SmtpSettings(host.get(), p,
                pick(flags, env, props, "smtp-user", "GANTRY_SMTP_USER"), password,
                pick(flags, env, props, "smtp-from", "GANTRY_SMTP_FROM"), startTls)));
    }

    private static Duration duration(Optional<String> value, Duration fallback, String what) {
        return value.map(v -> Durations.parse(v).orElseThrow(() -> new IllegalArgumentException("The notification " + what
                + " must be a duration such as 2s, 5m or 24h, got '" + v + "'."))).orElse(fallback);
    }

    private static OutboundHosts hosts(Optional<String> value) {
        return value.map(OutboundHosts::parse).orElse(OutboundHosts.none());
    }

    private static Optional<String> pick(Map<String, String> flags, Map<String, String> env, Properties file,
            String name, String envName) {
        if (flags.get(name) != null) {
            return Optional.of(flags.get(name));
        }
        String e = env.get(envName);
        if (e != null && !e.isBlank()) {
            return Optional.of(e);
        }
        return Optional.ofNullable(file.getProperty(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** @return a copy with another port */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, bind, dataDir, databaseUrl, adminToken, maxRequestBytes, heartbeat, examplesDir, allowedOutboundHosts, notifications);
    }

    /** @return a copy with a database URL */
    public ServerConfig withDatabaseUrl(String url) {
        return new ServerConfig(port, bind, dataDir, Optional.of(url), adminToken, maxRequestBytes, heartbeat, examplesDir, allowedOutboundHosts, notifications);
    }

    /** @return a copy with a data directory */
    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(port, bind, dir, databaseUrl, adminToken, maxRequestBytes, heartbeat, examplesDir, allowedOutboundHosts, notifications);
    }

    /** @return a copy accepting {@code token} as an admin token */
    public ServerConfig withAdminToken(String token) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, Optional.of(token), maxRequestBytes, heartbeat, examplesDir, allowedOutboundHosts, notifications);
    }

    /** @return a copy with another heartbeat interval */
    public ServerConfig withHeartbeat(Duration interval) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, adminToken, maxRequestBytes, interval, examplesDir, allowedOutboundHosts, notifications);
    }

    /** @return a copy with another request size limit */
    public ServerConfig withMaxRequestBytes(long bytes) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, adminToken, bytes, heartbeat, examplesDir, allowedOutboundHosts, notifications);
    }

    /** @return a copy that loads example plans from {@code dir} on first start */
    public ServerConfig withExamples(Path dir) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, adminToken, maxRequestBytes, heartbeat, Optional.of(dir), allowedOutboundHosts, notifications);
    }

    /** @return a copy whose server-side gate checks may call {@code hosts} */
    public ServerConfig withAllowedOutboundHosts(OutboundHosts hosts) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, adminToken, maxRequestBytes, heartbeat, examplesDir, hosts, notifications);
    }

    /** @return a copy with other notification settings */
    public ServerConfig withNotifications(NotificationSettings settings) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, adminToken, maxRequestBytes, heartbeat, examplesDir,
                allowedOutboundHosts, settings);
    }

    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", bind=" + bind + ", dataDir=" + dataDir + ", databaseUrl="
                + databaseUrl.map(u -> u.replaceAll("\\?.*", "?***")) + ", adminToken=" + adminToken.map(t -> "***")
                + ", maxRequestBytes=" + maxRequestBytes + ", heartbeat=" + heartbeat + ", examplesDir=" + examplesDir
                + ", allowedOutboundHosts=" + allowedOutboundHosts + ", notifications=" + notifications + "]";
    }
}
