package dev.auraxium.bench;

import dev.auraxium.testkit.FakeEssServer;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;

/**
 * A standalone {@link FakeEssServer} for the two-process end-to-end run: it replays the
 * {@link Workload} recording ({@value Workload#EVENTS} synthetic events) as fast as possible to a
 * client whenever that client subscribes to every event, then waits for the next one.
 *
 * <pre>
 * java -cp auraxium-bench/target/benchmarks.jar dev.auraxium.bench.BenchServer 8765
 * java -jar auraxium-bench/target/benchmarks.jar EndToEndBenchmark -p endpoint=ws://127.0.0.1:8765/streaming
 * </pre>
 *
 * Runs until killed. The only argument is the port (default 8765); it binds 127.0.0.1.
 */
public final class BenchServer {
    private BenchServer() {
    }

    /**
     * @param args optional port
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8765;
        FakeEssServer server = FakeEssServer.builder().bindAddress(InetAddress.getLoopbackAddress()).port(port)
                .disableHeartbeats().start();
        ReplayOnSubscribe replays = new ReplayOnSubscribe(server, Workload.recording(Workload.EVENTS));
        System.out.println("BenchServer: " + server.uri() + " replays " + Workload.EVENTS
                + " events on each subscribe to all events; Ctrl-C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            replays.close();
            server.close();
        }));
        new CountDownLatch(1).await();
    }
}
