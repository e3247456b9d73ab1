package dev.auraxium.cli.internal;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Death;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.Trigger;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.Recording;
import dev.auraxium.testkit.ReplayHandle;
import dev.auraxium.transport.jdk.JdkTransport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code auraxium demo}: the whole library at work with no network and no service id. An embedded
 * {@link FakeEssServer} on loopback replays a synthetic stream with the live mix (the only capture
 * whose license lets us ship it holds FacilityControl events only); a real {@link EventClient}
 * connects to it over the JDK transport, registers a few triggers and the figures they collect
 * are shown live until the replay ends.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show the library at work, offline: an embedded fake ESS replays a synthetic stream with "
                + "the live event mix, a real EventClient connects to it over the JDK WebSocket transport, and "
                + "triggers count kills by world, the headshot ratio, the top killers and experience by type.",
                "Redraws in place on a terminal, prints plain lines when piped; ends by itself (about 25 s "
                        + "by default)."},
        footerHeading = "%nExamples:%n",
        footer = {"  auraxium demo", "  auraxium demo --speed 4", "  auraxium demo --speed max --seed 7 | tail -n 12",
                "%nExit codes: 0 ok, 2 bad usage, 3 the embedded connection failed."})
final class DemoCommand implements Callable<Integer> {
    private static final int[] PC_WORLDS = Environment.PS2.worlds().stream().mapToInt(Integer::intValue).toArray();
    // A small population so that a half-minute stream has killers worth ranking.
    static final int DEMO_CHARACTERS = 400;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @ParentCommand
    RootCommand root;

    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--speed", paramLabel = "N|max", defaultValue = "1", converter = Speed.Converter.class,
            description = "Replay pace: a factor of real time (1, 4, 0.5) or max (default 1).")
    Speed speed;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop the replay after this long even if it has not ended.")
    Duration duration;

    @Option(names = "--refresh", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "1s",
            description = "How often the view is redrawn (default 1s).")
    Duration refresh;

    @Option(names = "--view", paramLabel = "auto|ansi|plain", defaultValue = "auto",
            description = "ansi redraws in place, plain prints lines; auto (default) picks ansi on a terminal.")
    String view;

    @Override
    public Integer call() throws Exception {
        boolean ansi = switch (view.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> System.console() != null;
            case "ansi" -> true;
            case "plain" -> false;
            default -> throw new UsageException("unknown --view '" + view + "': expected auto, ansi or plain");
        };
        Recording recording = sourceOptions.synthetic(PC_WORLDS, DEMO_CHARACTERS);
        PrintWriter out = spec.commandLine().getOut();
        LiveView live = new LiveView(out, ansi, columns(root.environment().get("COLUMNS")));
        DemoFigures figures = new DemoFigures();
        AtomicLong delivered = new AtomicLong();

        PrintWriter err = spec.commandLine().getErr(); // status and summary lines, as for every command
        err.println("auraxium demo: " + recording.size() + " synthetic events (seed " + sourceOptions.seed
                + "), replay speed " + speed + "; Ctrl-C to stop");
        err.flush();
        try (StopSignal stop = new StopSignal();
                FakeEssServer server = FakeEssServer.builder().heartbeatInterval(Duration.ofSeconds(5)).start();
                JdkTransport transport = JdkTransport.builder().connectTimeout(CONNECT_TIMEOUT).build();
                EventClient client = EventClient.builder().serviceId("s:auraxiumdemo").environment(Environment.PS2)
                        .endpoint(server.uri()).transport(transport).build()) {
            client.addTrigger(Trigger.on(Event.class).name("events by type").action(figures::event).build());
            client.addTrigger(Trigger.on(Death.class).name("kills by world").action(figures::kill).build());
            client.addTrigger(Trigger.on(Death.class).name("headshot ratio").when(Death::isHeadshot)
                    .action(figures::headshot).build());
            client.addTrigger(Trigger.on(Death.class).name("top killers")
                    .when(d -> !d.isSuicide() && d.attackerCharacterId() != 0).action(figures::killer).build());
            client.addTrigger(Trigger.on(GainExperience.class).name("experience by type").action(figures::experience).build());
            try {
                client.awaitReady(CONNECT_TIMEOUT);
            } catch (InterruptedException e) {
                stop.interrupted();
                return 0;
            } catch (TimeoutException | RuntimeException e) {
                throw new ConnectionFailure("demo: the client could not connect to the embedded server at "
                        + server.uri() + ": " + e.getMessage(), e);
            }

            long start = System.nanoTime();
            ReplayHandle replay = server.replay(recording, SourceOptions.replaySpeed(speed));
            long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
            while (!replay.completion().isDone()) {
                long wait = Math.min(refresh.toNanos(), deadline - System.nanoTime());
                if (wait <= 0 || stop.await(Duration.ofNanos(wait))) {
                    replay.cancel();
                    break;
                }
                live.update(figures.snapshot(), seconds(start), replay.progress().fraction());
            }
            try {
                replay.completion().get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                stop.interrupted();
                replay.cancel();
            } catch (CancellationException e) {
                // stopped by --duration or Ctrl-C: show what arrived
            } catch (ExecutionException e) {
                throw new IllegalStateException("the replay failed: " + e.getCause(), e.getCause());
            }
            // deliveries: events the server sent, summed over connections (here: the one client)
            delivered.set(replay.progress().deliveries());
            awaitDispatched(figures, delivered.get(), stop);
            live.finish(figures.snapshot(), seconds(start));
            err.println(String.format(Locale.ROOT, "demo: done, %d events sent, %d received, %d decode errors",
                    delivered.get(), figures.snapshot().events(), client.stats().decodeErrors()));
            err.flush();
        }
        return 0;
    }

    // Every event the server sent must have passed through the triggers before the final figures
    // are drawn; the dispatch thread may still be working through its queue when the replay ends.
    private static void awaitDispatched(DemoFigures figures, long expected, StopSignal stop) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (figures.snapshot().events() < expected && System.nanoTime() < deadline) {
            if (stop.await(Duration.ofMillis(10)) && stop.reason().equals("interrupted")) {
                return;
            }
        }
    }

    // Shells export COLUMNS only sometimes; 80 is the classic terminal width.
    static int columns(String value) {
        try {
            int c = value == null ? 80 : Integer.parseInt(value.trim());
            return c > 0 ? c : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
