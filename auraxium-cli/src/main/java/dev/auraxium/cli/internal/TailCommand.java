package dev.auraxium.cli.internal;

import dev.auraxium.client.ClientStats;
import dev.auraxium.client.ConnectionCause;
import dev.auraxium.client.ConnectionEvent;
import dev.auraxium.client.EventClient;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.Trigger;
import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.protocol.EssDecodeException;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code auraxium tail}: prints events from the live service or any ESS endpoint. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Connect to the live ESS (or any --endpoint) and print events as they arrive.",
                "Events go to standard output; the status and the closing summary (events, seconds, "
                        + "events per second) go to standard error."},
        footerHeading = "%nExamples:%n",
        footer = {"  AURAXIUM_SERVICE_ID=s:myid auraxium tail --events Death --worlds miller",
                "  auraxium tail --service-id s:myid --format decoded-json \\",
                "      --events GainExperience_experience_id_7,PlayerLogin",
                "  auraxium tail --endpoint ws://127.0.0.1:8090/streaming \\",
                "      --max-events 100 --format decoded-json > events.jsonl",
                "  auraxium tail --endpoint wss://127.0.0.1:8090/streaming \\",
                "      --trust-cert fake-ess.pem",
                "%nExit codes: 0 ok, 2 bad usage (e.g. unknown event name, missing service id), "
                        + "3 connection failure or rejected service id."})
final class TailCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    StreamOptions stream;

    @Mixin
    FilterOptions filterOptions;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (readable, the default), decoded-json or none (only the summary). decoded-json prints "
                    + "each event as this client decoded it, re-encoded as one payload object per line: the fields it "
                    + "knows, an absent one as the ESS's none value (\"0\" or \"\"); not the frame's raw text (use "
                    + "'auraxium record' for that).")
    String format;

    @Override
    public Integer call() throws Exception {
        StreamFilter filter = filterOptions.filter();
        Environment environment = filterOptions.environment();
        EventText text;
        try {
            text = EventText.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        long limit = stream.limit();
        String id = stream.serviceId(root.environment());
        URI uri = stream.endpoint();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FilterOptions.warnAboutWorlds("tail", filter, environment, err);

        AtomicLong received = new AtomicLong();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        Set<String> decodeKinds = ConcurrentHashMap.newKeySet();
        AtomicLong decodeErrors = new AtomicLong();
        AtomicBoolean confirmed = new AtomicBoolean();
        CountDownLatch settled = new CountDownLatch(1); // confirmed, or nothing left to wait for
        long start;
        try (StopSignal stop = new StopSignal();
                Transport transport = connection.transport(stream.connectTimeout,
                        ConnectionOptions.DEFAULT_READ_COALESCING);
                EventClient client = EventClient.builder().serviceId(id).environment(environment).endpoint(uri)
                        .transport(transport)
                        .connectionListener(e -> {
                            if (e.kind() == ConnectionEvent.Kind.READY) {
                                confirmed.set(true);
                                settled.countDown();
                            }
                        })
                        .errorHandler(e -> {
                            if (e instanceof EssDecodeException d) {
                                reportDecodeError(d, decodeKinds, err);
                            }
                            if (e instanceof TransportException t && t.isFatal()) {
                                fatal.compareAndSet(null, t);
                                stop.trip("failed");
                                settled.countDown();
                            }
                        })
                        .build()) {
            Trigger<?> trigger = trigger(filter).name("tail").action(event -> {
                long n = received.incrementAndGet();
                if (n > limit) {
                    return;
                }
                String line = text.format(event);
                if (line != null) {
                    out.println(line);
                    out.flush();
                }
                if (n == limit) {
                    stop.trip("max-events");
                    settled.countDown();
                }
            }).build();
            client.addTrigger(trigger);
            try {
                client.awaitConnected(stream.connectTimeout);
                start = System.nanoTime();
                // Events flow from here on. Wait a while for the server to confirm the
                // subscription, which some proxies never do; the limits count from now.
                Duration wait = stream.duration != null && stream.duration.compareTo(stream.connectTimeout) < 0
                        ? stream.duration : stream.connectTimeout;
                settled.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | TransportException e) {
                throw Connect.failure(uri, id, e);
            } catch (InterruptedException e) {
                stop.interrupted();
                return 0;
            }
            err.println("tail: connected to " + uri + " (" + environment.wireName() + ", service id "
                    + ServiceIds.redact(id) + "), " + filter.describe()
                    + (confirmed.get() ? "" : "; the server has not confirmed the subscription, printing what it sends"));
            err.flush();
            Duration left = stream.duration == null ? null : stream.duration.minusNanos(System.nanoTime() - start);
            stop.await(left == null || !left.isNegative() ? left : Duration.ZERO);
            ClientStats stats = client.stats();
            decodeErrors.set(stats.decodeErrors());
            client.close();
            if (fatal.get() != null) {
                throw Connect.failure(uri, id, fatal.get());
            }
            if (!confirmed.get()) {
                err.println("tail: the server never confirmed the subscription; the events shown arrived without "
                        + "a confirmation");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long n = Math.min(received.get(), limit);
            err.println(summary("tail", n, seconds) + (decodeErrors.get() == 0 ? ""
                    : ", " + decodeErrors.get() + " frames not decoded (" + decodeKinds.size() + " kinds)")
                    + reconnects(stats.reconnectsByCause()));
            err.flush();
        }
        return 0;
    }

    private static Trigger.Builder<Event> trigger(StreamFilter filter) {
        Trigger.Builder<Event> b;
        if (filter.allEvents()) {
            b = Trigger.on(Event.class);
        } else {
            List<String> names = new ArrayList<>(filter.eventNames());
            b = Trigger.on(names.get(0), names.subList(1, names.size()).toArray(String[]::new));
        }
        if (!filter.characters().isEmpty()) {
            b.characters(filter.characters());
        }
        if (!filter.worlds().isEmpty()) {
            b.worlds(filter.worlds().stream().mapToInt(Integer::intValue).toArray());
        }
        return b;
    }

    /** Reports a kind of decode error once (its first instance); later ones are counted for the summary. */
    private static void reportDecodeError(EssDecodeException e, Set<String> kinds, PrintWriter err) {
        String reason = String.valueOf(e.reason());
        int colon = reason.indexOf(':');
        String kind = (colon > 0 ? reason.substring(0, colon) : reason).replaceAll("[0-9]+", "N");
        if (kinds.add(kind)) {
            err.println("tail: a frame did not decode (" + reason + "; " + e.rawLength()
                    + " chars); further frames that fail this way are only counted in the summary");
            err.flush();
        }
    }

    /** @return e.g. {@code ", 3 reconnects (CONNECTION_CLOSED 2, HEARTBEAT_TIMEOUT 1)"}, or "" when none */
    static String reconnects(Map<ConnectionCause, Long> byCause) {
        if (byCause.isEmpty()) {
            return "";
        }
        long total = byCause.values().stream().mapToLong(Long::longValue).sum();
        StringJoiner causes = new StringJoiner(", ", " (", ")");
        byCause.forEach((cause, n) -> causes.add(cause + " " + n));
        return ", " + total + (total == 1 ? " reconnect" : " reconnects") + causes;
    }

    static String summary(String command, long events, double seconds) {
        return String.format(Locale.ROOT, "%s: %d events in %.1f s (%.1f events/s)", command, events, seconds,
                seconds > 0 ? events / seconds : 0.0);
    }
}
