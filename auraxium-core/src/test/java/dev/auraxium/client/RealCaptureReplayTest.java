package dev.auraxium.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.auraxium.event.AttackerEvent;
import dev.auraxium.event.Event;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives the 2024 live capture through the client: every event reaches an Event.class trigger. */
@Timeout(20)
class RealCaptureReplayTest {

    @Test
    void dispatchesEveryEventOfTheLiveCapture() throws Exception {
        String prop = System.getProperty("ess.samples.dir");
        Path file = prop == null ? null : Path.of(prop, "saerro-go-ess-sample-2024-10-29.jsonl");
        assumeTrue(file != null && Files.isRegularFile(file),
                "real ESS samples not found (system property ess.samples.dir = " + prop
                        + "); this test needs ../shared/ess-samples beside the project");
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        long events = lines.stream().filter(l -> l.contains("\"serviceMessage\"") && l.contains("\"event_name\"")).count();

        FakeTransport transport = new FakeTransport();
        transport.sendConnected = false; // the capture starts with its own
        AtomicInteger deaths = new AtomicInteger();
        CountDownLatch all = new CountDownLatch((int) events);
        try (EventClient client = EventClient.builder().transport(transport).endpoint(URI.create("ws://127.0.0.1:1/s"))
                .subscriptionProbeInterval(Duration.ZERO).queueCapacity(16).build()) {
            client.on(Event.class, e -> all.countDown());
            client.on(AttackerEvent.class, e -> deaths.incrementAndGet());
            FakeTransport.Conn c = transport.take();
            transport.autoReply = false;
            lines.forEach(c::push);
            assertEquals(true, all.await(10, TimeUnit.SECONDS), "all " + events + " events dispatched");
            ClientStats s = client.stats();
            assertEquals(lines.size(), s.framesReceived());
            assertEquals(events, s.eventsDecoded());
            assertEquals(0, s.decodeErrors());
            assertFalse(client.endpointStatus().isEmpty());
            assertFalse(deaths.get() == 0);
        }
    }
}
