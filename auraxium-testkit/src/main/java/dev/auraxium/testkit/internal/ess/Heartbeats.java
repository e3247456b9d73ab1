package dev.auraxium.testkit.internal.ess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Heartbeats of every connection, from one timer thread: the first one at the flavour's phase (or
 * the configured first delay), then at the configured interval, each in the flavour's shape and key
 * order, listing the endpoints the connection is told about.
 *
 * <p>Thread-safe. {@link #close()} stops every schedule; connections opened later get none.
 */
final class Heartbeats implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EssHub.class.getName());

    private final EssSettings settings;
    private final Function<EssSession, Map<String, Boolean>> endpointsOf;
    private final Clock clock = Clock.systemUTC();
    /** When the server started: a flavour's heartbeat phase counts from here. */
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;

    /**
     * @param settings the interval, first delay, phase, flavour and timestamp choice
     * @param endpointsOf the endpoints a heartbeat to a session lists, in order
     */
    Heartbeats(EssSettings settings, Function<EssSession, Map<String, Boolean>> endpointsOf) {
        this.settings = settings;
        this.endpointsOf = endpointsOf;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-ess-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules a new session's heartbeats, if the settings want any; the session cancels them when it closes. */
    void start(EssSession s) {
        settings.heartbeatInterval().ifPresent(every -> {
            try {
                long ns = Math.max(1, every.toNanos());
                long first = settings.firstHeartbeat().orElseGet(() -> FlavourRules.firstHeartbeat(settings.flavour(),
                        every, settings.heartbeatPhase(), Duration.ofNanos(System.nanoTime() - startNanos))).toNanos();
                s.heartbeat(timer.scheduleAtFixedRate(() -> beat(s), first, ns, TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException closing) {
                LOG.log(System.Logger.Level.DEBUG, "no heartbeats for {0}: server closing", s);
            }
        });
    }

    private void beat(EssSession s) {
        try {
            Optional<Instant> ts = settings.heartbeatTimestamps()
                    ? Optional.of(clock.instant().truncatedTo(ChronoUnit.SECONDS))
                    : Optional.empty();
            s.send(FlavourRules.heartbeat(settings.flavour(), endpointsOf.apply(s), ts));
        } catch (RuntimeException e) {
            // A failing tick must not cancel the schedule: later ticks may work.
            LOG.log(System.Logger.Level.WARNING, "heartbeat to " + s + " failed", e);
        }
    }

    /** Stops every schedule. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
