package dev.gantry.server.web;

import dev.gantry.server.auth.Secrets;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The browser assets the pages use, read once from the classpath (the dashboard's own files and
 * the WebJars' {@code META-INF/resources/webjars/...}) and served under a URL that carries a hash
 * of the content, so they can be cached for a year. Only the files named here are served.
 * Immutable after construction; thread-safe.
 */
public final class Assets {
    private record Asset(String url, String contentType, byte[] bytes) {}

    private final Map<String, Asset> byName = new LinkedHashMap<>();
    private final Map<String, Asset> byUrl = new LinkedHashMap<>();

    Assets() {
        add("gantry.css", "text/css; charset=utf-8", own("gantry.css"));
        add("gantry.js", "text/javascript; charset=utf-8", own("gantry.js"));
        add("htmx.js", "text/javascript; charset=utf-8", webjar("htmx.org", "dist/htmx.min.js"));
        add("htmx-sse.js", "text/javascript; charset=utf-8", webjar("htmx-ext-sse", "sse.js"));
        add("chart.js", "text/javascript; charset=utf-8", webjar("chart.js", "dist/chart.umd.min.js"));
    }

    /**
     * @param name a logical asset name such as {@code gantry.js}
     * @return the URL it is served at
     * @throws IllegalArgumentException for an unknown name
     */
    public String url(String name) {
        Asset a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no asset " + name);
        }
        return a.url();
    }

    /** Answers the asset at the request's path, or 404. */
    void serve(Context ctx) {
        Optional<Asset> asset = Optional.ofNullable(byUrl.get(ctx.path()));
        if (asset.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("No such asset.");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType(asset.get().contentType()).result(asset.get().bytes());
    }

    private void add(String name, String contentType, byte[] bytes) {
        int dot = name.lastIndexOf('.');
        String url = "/assets/" + name.substring(0, dot) + "." + Secrets.sha256(bytes).substring(0, 12) + name.substring(dot);
        Asset a = new Asset(url, contentType, bytes);
        byName.put(name, a);
        byUrl.put(url, a);
    }

    private static byte[] own(String file) {
        return read("dev/gantry/server/web/assets/" + file);
    }

    /** A file of a WebJar, its version read from the WebJar's own Maven metadata. */
    private static byte[] webjar(String artifact, String file) {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read("META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version") + "/" + file);
    }

    private static byte[] read(String path) {
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("The dashboard asset " + path + " is missing from the classpath.");
        }
        return in;
    }
}
