package dev.auraxium.internal.client;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's sense of time: a monotonic clock and one-shot timers. A seam so that tests of
 * backoff and watchdogs can move time by hand instead of sleeping.
 *
 * <p>Threading: all methods may be called from any thread; tasks run one at a time on the
 * implementation's timer thread (or the thread that advances a manual clock).
 */
public interface Timers {

    /** A scheduled task that can be called off. */
    interface Cancellable {
        /** Cancels the task if it has not started; idempotent. */
        void cancel();
    }

    /** @return monotonic nanoseconds, comparable only with other values of this object */
    long nanoTime();

    /**
     * Runs {@code task} once after {@code delayNanos}; after {@link #shutdown()} it is ignored.
     *
     * @return a handle to cancel it
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /** Stops the timer thread; pending tasks are dropped. Idempotent. */
    void shutdown();

    /**
     * @param threadName the timer thread's name
     * @return timers on a daemon thread and {@link System#nanoTime()}
     */
    static Timers system(String threadName) {
        java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        return new Timers() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Cancellable schedule(Runnable task, long delayNanos) {
                try {
                    ScheduledFuture<?> f = ses.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
                    return () -> f.cancel(false);
                } catch (RejectedExecutionException e) {
                    return () -> { };
                }
            }

            @Override
            public void shutdown() {
                ses.shutdownNow();
                if (!Thread.currentThread().getName().equals(threadName)) {
                    try {
                        // so that "no thread left behind after close()" holds when close() returns
                        ses.awaitTermination(2, TimeUnit.SECONDS);
                        // termination is signalled by the worker just before its thread ends
                        for (Thread t : threads) {
                            t.join(2_000);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }
}
