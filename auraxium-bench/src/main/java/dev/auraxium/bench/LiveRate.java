package dev.auraxium.bench;

import dev.auraxium.testkit.ConnectionSnapshot;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.Recording;
import dev.auraxium.testkit.ReplayHandle;
import dev.auraxium.testkit.ReplaySpeed;
import dev.auraxium.testkit.SyntheticStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live-rate harness: a {@link FakeEssServer} in this JVM feeds one client started as a child
 * process (any command: {@link LiveClient}, the {@code auraxium tail} launcher, a client in
 * another language), and the child's process CPU and resident memory are measured from outside
 * ({@code /proc}, {@link ProcessHandle}). Linux only (it reads {@code /proc} and runs {@code bash}).
 *
 * <pre>
 * J=auraxium-bench/target/benchmarks.jar
 * java -cp $J dev.auraxium.bench.LiveRate rate            # LiveClient, 150 events/s, 10 s warm-up + 60 s
 * java -cp $J dev.auraxium.bench.LiveRate idle            # connected, no events, 10 s + 60 s
 * java -cp $J dev.auraxium.bench.LiveRate max             # 1,000,000 events as fast as possible
 * java -cp $J dev.auraxium.bench.LiveRate first           # launch to the first event printed
 * java -cp $J dev.auraxium.bench.LiveRate rate -- auraxium-cli/target/auraxium/bin/auraxium tail \
 *     --endpoint {uri} --format none
 * </pre>
 *
 * Options before {@code --}: {@code --rate N} (events/s, default 150), {@code --warmup S} (seconds
 * not measured after the subscription, default 10), {@code --seconds S} (measured window, default
 * 60), {@code --events N} (for {@code max}, default 1,000,000), {@code --runs N} (default 1). After
 * {@code --}: the client's command, where {@code {uri}} is the server's endpoint and
 * {@code {events}} the event count; without it, {@link LiveClient} in a JVM like this one.
 *
 * <p>Modes and their figures (one line per run, {@code key=value}):
 * <ul>
 *   <li>{@code rate}: the server replays the synthetic live mix paced at {@code --rate} once the
 *       client subscribes; after the warm-up, the child's CPU over the window, per event and in
 *       percent of one core, and its resident set (VmRSS) and peak (VmHWM) at the end.</li>
 *   <li>{@code idle}: the same with no events (heartbeats every 30 s, as the live service).</li>
 *   <li>{@code max}: {@code --events} synthetic events as fast as the client takes them once it
 *       subscribes; the child must exit after that many (e.g. {@code --max-events {events}}). By
 *       default ({@code --feed proxy}) the client connects through a {@link FrameProxy}, which
 *       passes the handshake, commands and replies through to the server and then writes
 *       pre-encoded frames in 64 KiB chunks, so the feeding side takes next to no CPU from the
 *       client; {@code --feed server} has the server replay the events itself, about 5 µs of CPU
 *       per event on this side.
 *       Events/s from the replay's start to the child's exit; CPU of the whole child (start-up
 *       included, from {@code bash}'s {@code times}) and of the part after the replay started.</li>
 *   <li>{@code first}: the stream is paced at {@code --rate}; milliseconds from starting the
 *       child to the first line on its standard output (so the child must print events there and
 *       nothing before them); the child is then stopped.</li>
 * </ul>
 * The server's own work is in this process, not in the figures. Heartbeats every 30 s.
 */
public final class LiveRate {
    private static final int MAX_BATCH = Workload.EVENTS;
    /** Events per replay of the {@code max} feed. */
    private static final int FEED_BATCH = 10_000;
    /** Bytes the server may hold for the client before the {@code max} feed adds a batch. */
    private static final long FEED_AHEAD = 8 << 20;

    private LiveRate() {
    }

    /**
     * @param args the mode, options, and optionally {@code --} and the client's command
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LiveRate rate|idle|max|first [--rate N] [--warmup S] [--seconds S] "
                    + "[--events N] [--runs N] [--feed proxy|server] [-- command with {uri} and {events}]");
            System.exit(2);
        }
        String mode = args[0];
        double rate = 150;
        int warmup = 10;
        int seconds = 60;
        long events = 1_000_000;
        int runs = 1;
        String feed = "proxy";
        List<String> command = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--feed" -> feed = args[++i];
                case "--" -> {
                    command.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (command.isEmpty()) {
            command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), LiveClient.class.getName(), "{uri}"));
            if (mode.equals("max")) {
                command.add("{events}");
            }
        }
        System.out.println("# " + mode + " " + String.join(" ", command));
        for (int r = 0; r < runs; r++) {
            try (FakeEssServer server = FakeEssServer.builder().bindAddress(InetAddress.getLoopbackAddress()).port(0)
                    .heartbeatInterval(Duration.ofSeconds(30)).start();
                    FrameProxy proxy = mode.equals("max") && feed.equals("proxy") ? new FrameProxy(server.uri()) : null) {
                String uri = (proxy != null ? proxy.uri() : server.uri()).toString();
                List<String> cmd = new ArrayList<>();
                for (String c : command) {
                    cmd.add(c.replace("{uri}", uri).replace("{events}", Long.toString(events)));
                }
                String line = switch (mode) {
                    case "rate" -> paced(server, cmd, rate, warmup, seconds);
                    case "idle" -> paced(server, cmd, 0, warmup, seconds);
                    case "max" -> max(server, proxy, cmd, events);
                    case "first" -> first(server, cmd, rate);
                    default -> throw new IllegalArgumentException("unknown mode " + mode);
                };
                System.out.println(mode + " " + line);
            }
        }
    }

    private static Recording paced(double rate, int n) {
        return Workload.syntheticMix().eventsPerSecond(rate).build().toRecording(n);
    }

    private static String paced(FakeEssServer server, List<String> cmd, double rate, int warmup, int seconds)
            throws Exception {
        Recording recording = rate > 0 ? paced(rate, (int) Math.ceil(rate * (warmup + seconds + 60))) : null;
        Child child = Child.start(cmd, true);
        try {
            long id = awaitSubscription(server, child);
            ReplayHandle replay = recording == null ? null : server.replayTo(id, recording, ReplaySpeed.realTime());
            sleep(warmup * 1000L);
            long c0 = child.cpuNanos();
            long d0 = replay == null ? 0 : replay.progress().deliveries();
            long t0 = System.nanoTime();
            sleep(seconds * 1000L);
            long c1 = child.cpuNanos();
            long d1 = replay == null ? 0 : replay.progress().deliveries();
            double window = (System.nanoTime() - t0) / 1e9;
            long[] mem = child.memoryKb();
            if (replay != null) {
                replay.cancel();
            }
            long n = d1 - d0;
            double cpu = (c1 - c0) / 1e9;
            return String.format(Locale.ROOT, "window_s=%.1f events=%d events_per_s=%.1f cpu_s=%.3f core_pct=%.2f "
                    + "us_per_event=%s cpu_s_per_min=%.3f rss_mb=%.1f hwm_mb=%.1f", window, n, n / window, cpu,
                    100 * cpu / window, n > 0 ? String.format(Locale.ROOT, "%.1f", 1e6 * cpu / n) : "-",
                    60 * cpu / window, mem[0] / 1024.0, mem[1] / 1024.0);
        } finally {
            child.stop();
        }
    }

    private static String max(FakeEssServer server, FrameProxy proxy, List<String> cmd, long events)
            throws Exception {
        Recording feedBatch = Workload.recording(FEED_BATCH);
        FrameProxy.Encoded frames = proxy != null ? FrameProxy.encode(feedBatch.texts()) : null;
        if (proxy == null) {
            warmUp(server, Workload.recording(MAX_BATCH));
        }
        Child child = Child.start(cmd, false);
        try {
            long id = awaitSubscription(server, child);
            long c0 = child.cpuNanos();
            long t0 = System.nanoTime();
            CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
                if (proxy != null) {
                    try {
                        proxy.blast(frames, events);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return;
                }
                // Batches of FEED_BATCH, each once the server holds less than FEED_AHEAD bytes for
                // the client: always ahead of it, never near the server's limit for a slow reader.
                for (long left = events; left > 0 && child.process.isAlive(); left -= FEED_BATCH) {
                    while (pendingBytes(server, id) > FEED_AHEAD && child.process.isAlive()) {
                        LockSupport.parkNanos(500_000);
                    }
                    Recording r = left >= FEED_BATCH ? feedBatch : Workload.recording((int) left);
                    server.replayTo(id, r, ReplaySpeed.asFastAsPossible()).completion().join();
                }
            }).whenComplete((v, e) -> {
                if (e != null && child.process.isAlive()) {
                    System.err.println("LiveRate: the feed failed: " + e);
                }
            });
            long[] mem = {0, 0};
            while (!child.process.waitFor(100, TimeUnit.MILLISECONDS)) {
                long[] m = child.memoryKb();
                mem[0] = Math.max(mem[0], m[0]);
                mem[1] = Math.max(mem[1], m[1]);
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            feed.cancel(true);
            double total = child.totalCpuSeconds();
            return String.format(Locale.ROOT, "events=%d s=%.2f events_per_s=%.0f cpu_total_s=%.3f "
                    + "cpu_after_start_s=%.3f us_per_event=%.2f rss_max_mb=%.1f hwm_mb=%.1f exit=%d", events, elapsed,
                    events / elapsed, total, total - c0 / 1e9, 1e6 * (total - c0 / 1e9) / events, mem[0] / 1024.0,
                    mem[1] / 1024.0, child.process.exitValue());
        } finally {
            child.stop();
        }
    }

    /**
     * Pushes the batch a few times to a raw socket reader before the client starts, so the server
     * code is compiled and the run measures the client rather than a cold server.
     */
    private static void warmUp(FakeEssServer server, Recording batch) throws Exception {
        Countdown frames = new Countdown();
        try (RawWsReader reader = new RawWsReader(URI.create(server.uri() + "?environment=ps2&service-id=s:example"),
                frames)) {
            reader.send(ReplayOnSubscribe.START);
            long id = -1;
            while (id < 0) {
                server.takeClientMessage(Duration.ofMillis(5));
                for (ConnectionSnapshot c : server.connections()) {
                    if (c.open() && !c.subscription().isEmpty()) {
                        id = c.id();
                    }
                }
            }
            for (int i = 0; i < 5; i++) {
                frames.arm(batch.events().size());
                server.replayTo(id, batch, ReplaySpeed.asFastAsPossible()).completion().join();
                frames.await(60, TimeUnit.SECONDS);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.connections().stream().anyMatch(ConnectionSnapshot::open) && System.nanoTime() < deadline) {
            server.takeClientMessage(Duration.ofMillis(10));
        }
    }

    private static String first(FakeEssServer server, List<String> cmd, double rate) throws Exception {
        Recording recording = paced(rate, (int) Math.ceil(rate * 60));
        long t0 = System.nanoTime();
        Child child = Child.start(cmd, false, true);
        try {
            long id = awaitSubscription(server, child);
            long subscribed = System.nanoTime();
            server.replayTo(id, recording, ReplaySpeed.realTime());
            String line = child.firstLine.get(60, TimeUnit.SECONDS);
            long t1 = child.firstLineAt;
            double cpu = child.cpuNanos() / 1e9;
            return String.format(Locale.ROOT, "launch_to_subscribed_ms=%.0f launch_to_first_event_ms=%.0f "
                    + "cpu_s_at_first=%.3f line=%s", (subscribed - t0) / 1e6, (t1 - t0) / 1e6, cpu,
                    line.length() > 60 ? line.substring(0, 60) : line);
        } finally {
            child.stop();
        }
    }

    private static long pendingBytes(FakeEssServer server, long id) {
        for (ConnectionSnapshot c : server.connections()) {
            if (c.id() == id) {
                return c.pendingBytes();
            }
        }
        return 0;
    }

    private static long awaitSubscription(FakeEssServer server, Child child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!child.process.isAlive()) {
                throw new IllegalStateException("the client exited with " + child.process.exitValue()
                        + " before subscribing");
            }
            server.takeClientMessage(Duration.ofMillis(5));
            for (ConnectionSnapshot c : server.connections()) {
                if (c.open() && !c.subscription().isEmpty()) {
                    return c.id();
                }
            }
        }
        throw new IllegalStateException("no subscription within 60 s");
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis); // the harness paces its measuring windows; nothing waits on a condition here
    }

    /** The client process, started through {@code bash} so that its total CPU can be read at exit. */
    private static final class Child {
        private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");
        final Process process;
        final Path times;
        final CompletableFuture<String> firstLine = new CompletableFuture<>();
        volatile long firstLineAt;

        private Child(Process process, Path times) {
            this.process = process;
            this.times = times;
        }

        static Child start(List<String> cmd, boolean discardOut) throws IOException {
            return start(cmd, discardOut, false);
        }

        static Child start(List<String> cmd, boolean discardOut, boolean readFirst) throws IOException {
            Path times = Files.createTempFile("liverate-times", ".txt");
            List<String> full = new ArrayList<>(List.of("bash", "-c",
                    "trap 'kill -TERM $pid 2>/dev/null; wait $pid' TERM; \"$@\" & pid=$!; wait $pid; rc=$?; "
                            + "times > " + times + "; exit $rc", "liverate"));
            full.addAll(cmd);
            ProcessBuilder pb = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (!readFirst) {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            Child c = new Child(pb.start(), times);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                c.process.descendants().forEach(ProcessHandle::destroy); // the harness stopped: so does the client
                c.process.destroy();
            }));
            if (readFirst) {
                Thread t = new Thread(() -> {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(c.process.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        String l = in.readLine();
                        c.firstLineAt = System.nanoTime();
                        c.firstLine.complete(l == null ? "(end of output)" : l);
                        while (in.readLine() != null) {
                            // drain
                        }
                    } catch (IOException e) {
                        c.firstLine.completeExceptionally(e);
                    }
                }, "liverate-stdout");
                t.setDaemon(true);
                t.start();
            }
            return c;
        }

        /** @return the CPU time of the client's processes (the shell's children) so far */
        long cpuNanos() {
            return process.descendants().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                    .sum();
        }

        /** @return {VmRSS, VmHWM} in KB, summed over the client's processes */
        long[] memoryKb() {
            long[] m = {0, 0};
            process.descendants().forEach(p -> {
                try {
                    for (String l : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                        if (l.startsWith("VmRSS:")) {
                            m[0] += kb(l);
                        } else if (l.startsWith("VmHWM:")) {
                            m[1] += kb(l);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            });
            return m;
        }

        private static long kb(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }

        /** @return user + system CPU of the shell's children after the child exited ({@code times}) */
        double totalCpuSeconds() throws IOException {
            List<String> lines = Files.readAllLines(times);
            if (lines.size() < 2) {
                return Double.NaN;
            }
            Matcher m = TIMES.matcher(lines.get(1));
            if (!m.find()) {
                return Double.NaN;
            }
            return Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                    + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
        }

        void stop() throws Exception {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
            Files.deleteIfExists(times);
        }
    }
}
