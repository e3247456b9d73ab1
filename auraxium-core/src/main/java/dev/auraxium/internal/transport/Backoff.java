package dev.auraxium.internal.transport;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the n-th consecutive retry (n from 0) waits a uniformly
 * random time in {@code (0, min(cap, initial * multiplier^n)]}. Full jitter spreads many clients
 * that lost the same server apart; the exponential bound keeps a long outage to a few attempts a
 * minute instead of a busy loop.
 *
 * @param initial the bound of the first retry
 * @param multiplier growth of the bound per retry, at least 1
 * @param cap the largest bound
 * @param stablePeriod a connection that stayed open this long resets the retry count
 */
public record Backoff(Duration initial, double multiplier, Duration cap, Duration stablePeriod) {

    public Backoff {
        if (initial.isNegative() || cap.compareTo(initial) < 0 || multiplier < 1 || Double.isNaN(multiplier)) {
            throw new IllegalArgumentException("bad backoff " + initial + " x" + multiplier + " cap " + cap);
        }
    }

    /** @return the upper bound of the wait before retry {@code n} (from 0), in nanoseconds */
    public long boundNanos(int n) {
        double bound = initial.toNanos() * Math.pow(multiplier, Math.min(n, 1_000));
        return (long) Math.min(bound, (double) cap.toNanos());
    }

    /**
     * @param n the retry number, from 0
     * @param random uniform in [0, 1)
     * @return the wait before retry {@code n}, in nanoseconds; never more than the bound
     */
    public long delayNanos(int n, DoubleSupplier random) {
        long bound = boundNanos(n);
        // (0, bound]: 1 - [0,1) is (0,1], so a retry never fires with zero delay twice in a row by chance
        return (long) Math.ceil(bound * (1.0 - random.getAsDouble()));
    }
}
