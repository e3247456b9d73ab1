package dev.auraxium.cli.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a long-running command: by its own limit ({@code --duration}, {@code --max-events}), by an
 * error, or by Ctrl-C. A JVM shutdown hook (installed while the command runs) trips the signal
 * and then waits briefly for the command to print its summary before the JVM goes.
 *
 * <p>Threading: thread-safe.
 */
final class StopSignal implements AutoCloseable {
    private static final Duration SUMMARY_GRACE = Duration.ofSeconds(3);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile String reason = "stopped";
    private volatile boolean interrupted;

    StopSignal() {
        hook = new Thread(() -> {
            trip("interrupted");
            try {
                finished.await(SUMMARY_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "auraxium-cli-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: nothing to hook
        }
    }

    /** @param why a short reason, kept for the summary (first one wins) */
    void trip(String why) {
        synchronized (this) {
            if (stop.getCount() > 0) {
                reason = why;
            }
        }
        stop.countDown();
    }

    boolean isTripped() {
        return stop.getCount() == 0;
    }

    String reason() {
        return reason;
    }

    /**
     * Waits for the signal. An interrupt of the waiting thread is a stop request too (how an
     * embedding program ends a command): it trips the signal, and the thread's interrupt status is
     * set again by {@link #close()}, once the command has cleaned up.
     *
     * @param limit how long to wait at most, or null for no limit
     * @return true when tripped, false when the limit passed
     */
    boolean await(Duration limit) {
        try {
            if (limit == null) {
                stop.await();
                return true;
            }
            return stop.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            trip("interrupted");
            return true;
        }
    }

    /** Notes an interrupt met elsewhere in the command, with the same effect as in {@link #await}. */
    void interrupted() {
        interrupted = true;
        trip("interrupted");
    }

    /** Marks the command finished (its summary printed) and removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook is running and has just been released
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
