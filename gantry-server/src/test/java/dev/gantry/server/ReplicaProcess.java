package dev.gantry.server;

import java.nio.file.Path;
import java.time.Clock;

/** A server replica as its own process, for {@link ReplicasTest}: prints {@code READY <port>} and runs until killed. */
public final class ReplicaProcess {
    private ReplicaProcess() {}

    public static void main(String[] args) throws InterruptedException {
        GantryServer server = GantryServer.start(TestServer.config(args[0], Path.of(args[1])), Clock.systemUTC());
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
