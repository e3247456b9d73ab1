package dev.auraxium.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another thread makes true, polling it every few milliseconds, instead
 * of sleeping for a time that is either too short on a loaded machine or wasted on an idle one.
 *
 * <p>The timeouts are limits for a broken build, not expectations: a condition that holds returns
 * as soon as it is seen. Threading: any thread; the condition is evaluated on the caller's thread.
 */
public final class Await {
    /** The default limit: generous, since the build runs on small shared machines. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @param what what is awaited, for the failure message
     * @throws AssertionError naming {@code what} when it did not hold within {@link #DEFAULT_TIMEOUT}
     */
    public static void until(BooleanSupplier condition, String what) {
        until(condition, DEFAULT_TIMEOUT, what);
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @param what what is awaited, for the failure message
     * @throws AssertionError naming {@code what} when it did not hold within {@code timeout}
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        if (!holdsWithin(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
        }
    }

    /**
     * Waits until {@code condition} holds or {@code timeout} passed, for a test that goes on either
     * way and asserts on the outcome itself.
     *
     * @return whether the condition held (it is evaluated once more at the deadline)
     */
    public static boolean holdsWithin(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return condition.getAsBoolean();
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting");
            }
        }
        return true;
    }
}
