package dev.gantry.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Load driver (not a test): opens N SDK streams (raw sockets, one virtual thread each) to a running
 * {@code gantry serve}, waits until every stream got its first {@code put}, changes a flag through
 * the API and measures, per stream, the time from just before the write request to the arrival
 * of the {@code patch} event. Prints p50, p99 and the last stream.
 *
 * <p>Usage: {@code java -cp gantry-bench/target/benchmarks.jar dev.gantry.bench.server.SsePropagation
 * http://127.0.0.1:8080/ <admin token> [connections] [rounds]}
 */
public final class SsePropagation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SsePropagation() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String admin = args[1];
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        HttpClient http = HttpClient.newHttpClient();
        String flag = "bench-" + System.nanoTime();
        JsonNode key = JSON.readTree(call(http, base, admin, "POST", "/api/v1/environments/staging/sdk-keys", null));
        String sdkKey = key.get("key").asText();
        call(http, base, admin, "PUT", "/api/v1/environments/staging/flags/" + flag, """
                {"type":"boolean","on":true,"salt":"s","variations":[{"name":"on","value":true},{"name":"off","value":false}],
                 "offVariation":"off","fallthrough":{"variation":"on"}}""");

        int rounds0 = rounds;
        CountDownLatch connected = new CountDownLatch(n);
        AtomicLongArray[] arrivals = new AtomicLongArray[rounds];
        CountDownLatch[] done = new CountDownLatch[rounds];
        for (int r = 0; r < rounds; r++) {
            arrivals[r] = new AtomicLongArray(n);
            done[r] = new CountDownLatch(n);
        }
        Semaphore connecting = new Semaphore(256);
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            connecting.acquire();
            Socket s = new Socket(base.getHost(), base.getPort());
            synchronized (sockets) {
                sockets.add(s);
            }
            Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(("GET /sdk/v1/stream HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + sdkKey
                            + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    String line;
                    int round = -1;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("event: put") && round == -1) {
                            round = 0;
                            connecting.release();
                            connected.countDown();
                        } else if (line.startsWith("event: patch") && round >= 0 && round < rounds0) {
                            arrivals[round].set(index, System.nanoTime());
                            done[round].countDown();
                            round++;
                        }
                    }
                } catch (Exception e) {
                    // connection closed at the end
                }
            });
        }
        if (!connected.await(120, TimeUnit.SECONDS)) {
            System.err.println("only " + (n - connected.getCount()) + " of " + n + " streams connected");
            System.exit(1);
        }
        System.out.printf("%d streams connected%n", n);
        for (int r = 0; r < rounds; r++) {
            Thread.sleep(1_000);
            long t0 = System.nanoTime();
            call(http, base, admin, "POST", "/api/v1/environments/staging/flags/" + flag + "/toggle",
                    "{\"on\":" + (r % 2 == 1) + "}");
            long acked = System.nanoTime();
            boolean all = done[r].await(60, TimeUnit.SECONDS);
            long[] lat = new long[n];
            int got = 0;
            for (int i = 0; i < n; i++) {
                long a = arrivals[r].get(i);
                if (a != 0) {
                    lat[got++] = a - t0;
                }
            }
            long[] l = Arrays.copyOf(lat, got);
            Arrays.sort(l);
            System.out.printf("round %d: %d/%d streams got the change; write acknowledged %.1f ms; p50 %.1f ms, p99 %.1f ms, last %.1f ms%s%n",
                    r + 1, got, n, (acked - t0) / 1e6, l[got / 2] / 1e6, l[(int) Math.min(got - 1, Math.ceil(got * 0.99) - 1)] / 1e6,
                    l[got - 1] / 1e6, all ? "" : " (timed out)");
        }
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
        call(http, base, admin, "DELETE", "/api/v1/environments/staging/flags/" + flag, null);
    }

    private static String call(HttpClient http, URI base, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
