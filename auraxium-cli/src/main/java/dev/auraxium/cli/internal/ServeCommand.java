package dev.auraxium.cli.internal;

import dev.auraxium.event.Event;
import dev.auraxium.testkit.ConnectionSnapshot;
import dev.auraxium.testkit.EssFlavour;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.Recording;
import dev.auraxium.testkit.ReplayHandle;
import dev.auraxium.testkit.ReplaySpeed;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code auraxium serve}: a standalone fake ESS replaying a recording or a synthetic stream.
 *
 * <p>Each connection gets its own replay from the start of the stream once its subscription
 * selects something, filtered by that subscription with the server's matching model, as the live
 * service would filter it. With {@code --shared}, one replay feeds every connection through
 * {@link FakeEssServer#replay}, as the live service does. The main thread watches connections;
 * each replay runs on its own thread.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a fake ESS on a port for clients in any language: the live service's connect "
                + "sequence, heartbeats, subscribe/clearSubscribe replies, echo and help, with events from a "
                + "recording (--replay) or a synthetic stream (--synthetic, the default).",
                "Each connection gets the stream from its start once it has subscribed, filtered by its "
                        + "subscription. Runs until Ctrl-C or --duration."},
        footerHeading = "%nExamples:%n",
        footer = {"  auraxium serve --synthetic --port 8090",
                "  auraxium serve --replay capture.jsonl --speed 10 --loop",
                "  auraxium serve --synthetic --shared --loop --host 0.0.0.0",
                "  auraxium tail --endpoint ws://127.0.0.1:8090/streaming --events Death",
                "  auraxium serve --flavour nss",
                "  auraxium serve --tls --cert-out fake-ess.pem",
                "  auraxium tail --endpoint wss://127.0.0.1:8090/streaming \\",
                "      --trust-cert fake-ess.pem",
                "%nFlavours: daybreak (the default) plays Daybreak's own server, nss the Nanite Systems server "
                        + "(push.nanite-systems.net): they differ in how replies and heartbeats are written, "
                        + "environment=all (nss only) and the limits on commands.",
                "%nExit codes: 0 ok, 2 bad usage (e.g. unreadable recording, port in use)."})
final class ServeCommand implements Callable<Integer> {
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(50);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8090",
            description = "The port (default ${DEFAULT-VALUE}; 0 for any free one, printed at start).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--replay", paramLabel = "FILE", description = "Replay this recording (from 'auraxium record', "
                + "the test kit's Recorder, or a capture of raw frames, one per line).")
        Path replay;

        @Option(names = "--synthetic", description = "Replay a seeded synthetic stream with the live mix (the default).")
        boolean synthetic;
    }

    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--speed", paramLabel = "N|max", defaultValue = "1", converter = Speed.Converter.class,
            description = "Replay pace: a factor of real time (1, 10, 0.5) or max (default 1).")
    Speed speed;

    @Option(names = "--loop", description = "Start the replay again when it ends.")
    boolean loop;

    @Option(names = "--shared", description = "One stream for every connection, as on the live service: the replay "
            + "starts at once and each connection gets what is replayed while it is subscribed (default: each "
            + "connection gets its own replay from the start).")
    boolean shared;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long. Default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--heartbeat-interval", paramLabel = "TIME", converter = DurationConverter.class,
            defaultValue = "30s", description = "Heartbeat interval (default 30s, as the live service).")
    Duration heartbeatInterval;

    @Option(names = "--flavour", paramLabel = "daybreak|nss", defaultValue = "daybreak",
            converter = FlavourConverter.class,
            description = "Which live server to play: daybreak (the default) or nss (the Nanite Systems server).")
    EssFlavour flavour;

    @Option(names = "--tls", description = "Serve wss:// with the test kit's certificate (test-only, public key; "
            + "self-signed for localhost and 127.0.0.1). Clients must trust it: see --cert-out.")
    boolean tls;

    @Option(names = "--cert-out", paramLabel = "FILE", description = "With --tls: write the certificate (PEM) to FILE, "
            + "for 'auraxium tail --trust-cert FILE' or any other client.")
    Path certOut;

    @Override
    public Integer call() throws Exception {
        if (certOut != null && !tls) {
            throw new UsageException("--cert-out needs --tls: a ws:// server has no certificate to trust");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("bad port " + port + ": expected 0-65535");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UsageException("unknown host '" + host + "' for --host", e);
        }
        Recording recording;
        String what;
        if (source != null && source.replay != null) {
            recording = load(source.replay);
            what = "replaying " + source.replay;
        } else {
            recording = sourceOptions.synthetic();
            what = "replaying a synthetic stream (seed " + sourceOptions.seed + ")";
        }
        List<Event> events = recording.events();
        PrintWriter out = spec.commandLine().getOut();

        FakeEssServer server;
        try {
            FakeEssServer.Builder builder = FakeEssServer.builder().bindAddress(address).port(port)
                    .heartbeatInterval(heartbeatInterval).flavour(flavour);
            server = (tls ? builder.tls() : builder).start();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new UsageException("cannot listen on " + host + ":" + port + ": "
                        + (port == 0 ? e.getCause().getMessage() : "the port is in use (choose another with --port)"), e);
            }
            throw new UsageException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ReplaySpeed pace = SourceOptions.replaySpeed(speed);
        Map<Long, ReplayHandle> replays = new HashMap<>();
        Set<Long> announced = new HashSet<>();
        AtomicLong sent = new AtomicLong();
        long sharedSent = 0;
        long start = System.nanoTime();
        try (server; StopSignal stop = new StopSignal()) {
            if (certOut != null) {
                writeCertificate(server, certOut);
            }
            out.println("serve: listening on " + server.uri() + " (" + what + ", " + events.size() + " events, speed "
                    + speed + (loop ? ", looping" : "") + (shared ? ", one stream shared by every connection"
                            : ", from its start for each connection once it subscribes")
                    + ", flavour " + flavour.name().toLowerCase(java.util.Locale.ROOT) + ")");
            if (tls) {
                out.println("serve: TLS with the test kit's test-only certificate" + (certOut != null
                        ? ", written to " + certOut + " (trust it with: auraxium tail --trust-cert " + certOut + ")"
                        : " (write it for clients with --cert-out FILE)"));
            }
            out.flush();
            ReplayHandle sharedReplay = shared ? server.replay(recording, pace) : null;
            long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
            while (!stop.isTripped() && System.nanoTime() < deadline) {
                // Taking the client messages is the wake-up (and keeps the server's record of them bounded).
                long left = Math.min(WATCH_INTERVAL.toNanos(), Math.max(1, deadline - System.nanoTime()));
                try {
                    server.takeClientMessage(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    stop.interrupted();
                    break;
                }
                if (sharedReplay != null && loop && sharedReplay.completion().isDone()
                        && !sharedReplay.completion().isCompletedExceptionally()) {
                    sharedSent += sharedReplay.progress().deliveries();
                    sharedReplay = server.replay(recording, pace);
                }
                for (ConnectionSnapshot c : server.connections()) {
                    if (c.open() && !c.subscription().isEmpty() && announced.add(c.id())) {
                        out.println("serve: connection " + c.id() + " (" + (c.allEnvironments() ? "all" : c.environment().wireName()) + ", service id "
                                + c.serviceId() + ") subscribed" + (shared ? "" : ": replaying from the start"));
                        out.flush();
                    }
                    if (shared) {
                        continue;
                    }
                    if (!c.open()) {
                        ReplayHandle gone = replays.remove(c.id()); // a long serve must not keep every handle
                        if (gone != null) {
                            gone.cancel();
                            sent.addAndGet(gone.progress().deliveries());
                        }
                        continue;
                    }
                    ReplayHandle running = replays.get(c.id());
                    boolean restart = loop && running != null && running.completion().isDone()
                            && !running.completion().isCompletedExceptionally();
                    // FakeEssServer queues a subscription's reply before the new subscription becomes
                    // visible, so a replay started once it shows never puts an event ahead of the reply.
                    if (!c.subscription().isEmpty() && (running == null || restart)) {
                        if (running != null) {
                            sent.addAndGet(running.progress().deliveries());
                        }
                        replays.put(c.id(), server.replayTo(c.id(), recording, pace));
                    }
                }
            }
            for (ReplayHandle r : replays.values()) {
                r.cancel();
                sent.addAndGet(r.progress().deliveries());
            }
            if (sharedReplay != null) {
                sharedReplay.cancel();
                sharedSent += sharedReplay.progress().deliveries();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.println(String.format(java.util.Locale.ROOT, "serve: stopped after %.1f s: %d connections, %d events sent",
                    seconds, announced.size(), sent.get() + sharedSent));
            out.flush();
        }
        return 0;
    }

    private static void writeCertificate(FakeEssServer server, Path file) {
        try {
            Files.writeString(file, server.certificatePem(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot write the certificate to '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Converts {@code daybreak} or {@code nss}, any case. */
    static final class FlavourConverter implements picocli.CommandLine.ITypeConverter<EssFlavour> {
        @Override
        public EssFlavour convert(String value) {
            for (EssFlavour f : EssFlavour.values()) {
                if (f.name().equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("unknown flavour '" + value
                    + "': expected daybreak or nss");
        }
    }

    private static Recording load(Path file) {
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new UsageException("cannot read recording '" + file + "': " + (Files.exists(file)
                    ? (Files.isDirectory(file) ? "it is a folder" : "permission denied") : "no such file"));
        }
        Recording r;
        try {
            r = Recording.load(file);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read recording '" + file + "': " + e.getMessage(), e);
        }
        if (r.events().isEmpty()) {
            throw new UsageException("recording '" + file + "' holds no events");
        }
        return r;
    }
}
