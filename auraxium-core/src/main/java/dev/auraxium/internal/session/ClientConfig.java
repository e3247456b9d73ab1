package dev.auraxium.internal.session;

import dev.auraxium.client.ConnectionListener;
import dev.auraxium.client.OverflowPolicy;
import dev.auraxium.event.Environment;
import dev.auraxium.internal.client.FrameCodec;
import dev.auraxium.internal.client.Timers;
import dev.auraxium.transport.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * An {@code EventClient}'s configuration as its builder left it, checked there: immutable, read by
 * every part of the client. The nullable components are those the user may leave unset.
 *
 * @param transport the user's transport, or null to discover one
 * @param actionExecutor null: actions run on the dispatch thread
 * @param errorHandler null: the default handler, which logs
 * @param connectionListener null: none
 * @param timers null: the system's
 * @param random null: {@link java.util.concurrent.ThreadLocalRandom}
 */
public record ClientConfig(String serviceId, Environment environment, URI endpoint, Transport transport,
        int queueCapacity, OverflowPolicy overflowPolicy, Executor actionExecutor,
        Consumer<? super Throwable> errorHandler, Duration backoffInitial, double backoffMultiplier, Duration backoffCap,
        Duration stablePeriod, Duration probeInterval, Duration probeTimeout, Duration heartbeatTimeout,
        Duration worldSilence, int connections, Duration dedupWindow, boolean dedupWithinConnection, int dedupCapacity,
        ConnectionListener connectionListener, Timers timers, DoubleSupplier random, FrameCodec codec) {

    /**
     * @return the watchdogs' tick: a few checks per shortest watchdog period, so that a watchdog
     *     trips at most about 25% late; between 10 ms and 5 s
     */
    public long tickNanos() {
        long shortest = Long.MAX_VALUE;
        for (Duration d : new Duration[] {heartbeatTimeout, probeInterval, probeTimeout, worldSilence}) {
            long t = d.toNanos();
            if (t > 0) {
                shortest = Math.min(shortest, t);
            }
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(TimeUnit.SECONDS.toNanos(5), shortest == Long.MAX_VALUE ? Long.MAX_VALUE : shortest / 4));
    }

    /**
     * @return the queue's capacity shared among the connections that can be open at once (n, plus
     *     a replacement overlapping one of them), so that together they never send more than fits
     */
    public int demandPerConnection() {
        return Math.max(1, queueCapacity / (connections + 1));
    }
}
