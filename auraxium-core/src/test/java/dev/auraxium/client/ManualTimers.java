package dev.auraxium.client;

import dev.auraxium.internal.client.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Timers whose clock moves only when the test calls {@link #advance}; due tasks run on the caller.
 * Public for the unit tests of the internal packages.
 */
@SuppressWarnings("exports") // a test type in a package the module does not export
public final class ManualTimers implements Timers {
    private record Task(long due, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now = 1_000_000_000L;
    private long seq;
    private boolean shutdown;
    public final List<Long> scheduledDelays = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Runnable run, long delayNanos) {
        if (shutdown) {
            return () -> { };
        }
        scheduledDelays.add(delayNanos);
        Task t = new Task(now + Math.max(0, delayNanos), ++seq, run);
        tasks.add(t);
        return () -> {
            synchronized (ManualTimers.this) {
                tasks.remove(t);
            }
        };
    }

    @Override
    public synchronized void shutdown() {
        // tasks are kept on purpose: a test can then advance past them and see that the client
        // cancelled or ignores its own timers after close()
        shutdown = true;
    }

    public synchronized boolean isShutdown() {
        return shutdown;
    }

    public synchronized int pending() {
        return tasks.size();
    }

    /** Moves the clock forward, running every task that falls due, in order. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Task t;
            synchronized (this) {
                t = tasks.peek();
                if (t == null || t.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = t.due;
            }
            t.run.run();
        }
    }
}
