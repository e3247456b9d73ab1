package dev.auraxium.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts arrivals on a receiving thread and wakes the benchmark thread when a target is reached.
 * The benchmark thread blocks instead of spinning: on a 2-core machine a spinning waiter would take
 * a core from the very threads being measured.
 */
final class Countdown {
    private final AtomicLong count = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile CompletableFuture<Long> done = new CompletableFuture<>();

    /** Starts a new round: the count goes back to 0. Call before the arrivals can start. */
    void arm(long n) {
        done = new CompletableFuture<>();
        count.set(0);
        target = n;
    }

    /** One arrival; called by the receiving thread. */
    void arrived() {
        if (count.incrementAndGet() == target) {
            done.complete(target);
        }
    }

    /** @return the arrivals of this round so far */
    long count() {
        return count.get();
    }

    /** Waits until the target is reached; a timeout names how far it got. */
    long await(long timeout, TimeUnit unit) {
        try {
            return done.get(timeout, unit);
        } catch (TimeoutException e) {
            throw new IllegalStateException("only " + count.get() + " of " + target + " arrived within " + timeout
                    + " " + unit, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after " + count.get() + " of " + target, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
