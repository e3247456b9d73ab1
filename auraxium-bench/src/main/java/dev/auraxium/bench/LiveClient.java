package dev.auraxium.bench;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Event;
import dev.auraxium.event.Trigger;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client alone, as a library user runs it: an {@link EventClient} with its defaults (the JDK
 * transport found by ServiceLoader) and one trigger on every event that counts. {@link LiveRate}
 * starts it as a child process and measures that process.
 *
 * <pre>
 * java -cp benchmarks.jar dev.auraxium.bench.LiveClient ws://127.0.0.1:8090/streaming [maxEvents]
 * </pre>
 *
 * Prints one line to standard output at the first event (the start-up measure waits for it) and
 * exits after {@code maxEvents} events (default: runs until killed).
 */
public final class LiveClient {
    private LiveClient() {
    }

    /**
     * @param args the endpoint, and optionally how many events to take before exiting
     * @throws Exception if the client cannot connect
     */
    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        long max = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        AtomicLong seen = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        try (EventClient client = EventClient.builder().endpoint(endpoint).build()) {
            client.addTrigger(Trigger.on(Event.class).name("count").action(e -> {
                long n = seen.incrementAndGet();
                if (n == 1) {
                    System.out.println("first " + e.eventName());
                    System.out.flush();
                }
                if (n == max) {
                    done.countDown();
                }
            }).build());
            done.await();
        }
        System.out.println("events " + seen.get());
    }
}
