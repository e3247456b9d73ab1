package dev.auraxium.bench;

import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.ClientMessage;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.Recording;
import dev.auraxium.testkit.ReplaySpeed;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a {@link FakeEssServer} replay a recording as fast as possible each time a client
 * subscribes to every event ({@code eventNames:["all"]}): the start signal of the end-to-end
 * benchmarks. The same signal works in one JVM and across processes, so both modes measure the
 * same thing. Replays run one after another on this object's daemon thread; {@link #close()}
 * stops it.
 */
final class ReplayOnSubscribe implements AutoCloseable {
    /** The subscribe that starts a replay, as a transport-level client sends it. */
    static final String START = "{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"all\"],"
            + "\"characters\":[\"all\"],\"worlds\":[\"all\"],\"logicalAndCharactersWithWorlds\":false}";
    /** Puts the server's subscription of that connection back to nothing between replays. */
    static final String STOP = "{\"service\":\"event\",\"action\":\"clearSubscribe\",\"all\":\"true\"}";

    private static final System.Logger LOG = System.getLogger(ReplayOnSubscribe.class.getName());

    private final FakeEssServer server;
    private final Recording recording;
    private final Thread thread;
    private final AtomicLong replays = new AtomicLong();
    private volatile boolean stopping;

    ReplayOnSubscribe(FakeEssServer server, Recording recording) {
        this.server = server;
        this.recording = recording;
        this.thread = new Thread(this::loop, "bench-replay-on-subscribe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @return how many replays ran to the end */
    long replays() {
        return replays.get();
    }

    private void loop() {
        while (!stopping) {
            ClientMessage m;
            try {
                m = server.takeClientMessage(Duration.ofMillis(200));
            } catch (InterruptedException e) {
                return;
            }
            if (m == null || !(m.command().orElse(null) instanceof Subscribe s) || !asksForEverything(s)) {
                continue;
            }
            try {
                server.replay(recording, ReplaySpeed.asFastAsPossible()).completion().join();
                replays.incrementAndGet();
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.log(System.Logger.Level.WARNING, "replay failed: " + e);
                }
            }
        }
    }

    private static boolean asksForEverything(Subscribe s) {
        return s.eventNames().map(n -> n.contains(Subscription.ALL)).orElse(false);
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }
}
