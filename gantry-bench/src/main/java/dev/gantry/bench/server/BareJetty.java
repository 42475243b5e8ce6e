package dev.gantry.bench.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The ceiling for the OFREP throughput benchmark: the same Jetty 12 that Javalin runs on, with
 * one handler answering every request with a fixed OFREP-sized JSON body, without routing,
 * authentication, parsing or evaluation.
 *
 * <p>Usage: {@code java -cp gantry-bench/target/gantry-benchmarks.jar dev.gantry.bench.server.BareJetty 18096}
 */
public final class BareJetty {
    private static final byte[] BODY = ("{\"key\":\"new-checkout\",\"value\":true,\"reason\":\"DEFAULT\",\"variant\":\"on\","
            + "\"metadata\":{\"gantryReason\":\"DEFAULT\",\"snapshotVersion\":\"1\"}}").getBytes(StandardCharsets.UTF_8);

    private BareJetty() {}

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(BODY), callback);
                return true;
            }
        });
        server.start();
        System.out.println("READY " + connector.getLocalPort());
        server.join();
    }
}
