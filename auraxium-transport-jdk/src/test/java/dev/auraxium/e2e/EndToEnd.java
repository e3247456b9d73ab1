package dev.auraxium.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.testkit.ClientMessage;
import dev.auraxium.testkit.FakeEssServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Shared bits of the end-to-end tests: sample files, events, bounded waits. */
final class EndToEnd {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SAERRO_2024 = "saerro-go-ess-sample-2024-10-29.jsonl";
    static final long ALICE = 5428011263300000001L;
    static final long BOB = 5428011263300000002L;

    private EndToEnd() {
    }

    /** The shared capture, or a skipped test when the samples are not there. */
    static Path sample(String name) {
        String prop = System.getProperty("ess.samples.dir");
        assumeTrue(prop != null && !prop.isBlank(),
                "system property ess.samples.dir is not set: the shared ESS samples are not available, skipping");
        Path file = Path.of(prop, name);
        assumeTrue(Files.isRegularFile(file), "ESS sample " + file + " is absent, skipping");
        return file;
    }

    /** A login now, to the second, as the live service stamps it. */
    static PlayerLogin login(int world, long character) {
        return new PlayerLogin(Instant.now().truncatedTo(ChronoUnit.SECONDS), world, character);
    }

    /** Takes {@code n} events, failing with what arrived when one does not come in time. */
    static List<Event> take(BlockingQueue<Event> queue, int n) throws InterruptedException {
        List<Event> out = new ArrayList<>(n);
        while (out.size() < n) {
            Event e = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(e, "only " + out.size() + " of " + n + " events arrived");
            out.add(e);
        }
        return out;
    }

    /** Takes client messages until one passes the filter; fails after {@link #WAIT}. */
    static ClientMessage takeClientMessage(FakeEssServer server, java.util.function.Predicate<ClientMessage> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ClientMessage m = left > 0 ? server.takeClientMessage(Duration.ofNanos(left)) : null;
            assertNotNull(m, "the server received no matching client message; all: " + server.clientMessages());
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /**
     * Publishes {@code event} again and again until one copy reaches {@code received} (a client
     * that just reconnected may not be subscribed yet when the first copies go out).
     *
     * @return whether one arrived within {@code wait}
     */
    static boolean flowsWithin(FakeEssServer server, Event event, BlockingQueue<? extends Event> received, Duration wait) {
        return dev.auraxium.testsupport.Await.holdsWithin(() -> {
            server.publish(event);
            try {
                return received.poll(100, TimeUnit.MILLISECONDS) != null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, wait);
    }
}
