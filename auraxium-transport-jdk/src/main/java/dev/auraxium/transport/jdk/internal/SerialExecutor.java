package dev.auraxium.transport.jdk.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in submission order, on whichever submitting thread finds it idle.
 *
 * <p>The listener contract says "never concurrently, with a happens-before edge between calls",
 * yet listener calls originate both on JDK receive threads and on user threads (an
 * {@code abort()} that must produce {@code onClose}). Funnelling them through this trampoline
 * gives mutual exclusion without a lock held during user code, and a task submitted from inside
 * a running task (a listener calling {@code abort()}) runs after it instead of re-entering it.
 */
public final class SerialExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger("dev.auraxium.transport.jdk");

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        if (pending.getAndIncrement() != 0) {
            return; // the thread draining now will run it
        }
        drain();
    }

    /**
     * Claims the executor when it is idle, for a caller that runs its task inline without
     * allocating one; it must then call {@link #exitAndDrain()}, which also runs whatever was
     * queued meanwhile.
     *
     * @return true when claimed; false when a task is running or queued (use {@link #execute})
     */
    public boolean tryEnter() {
        return pending.compareAndSet(0, 1);
    }

    /** Releases a claim taken with {@link #tryEnter()}, running the tasks queued meanwhile. */
    public void exitAndDrain() {
        if (pending.decrementAndGet() != 0) {
            drain();
        }
    }

    /** Runs queued tasks until none is pending; the caller holds the claim. */
    private void drain() {
        do {
            Runnable next = tasks.poll();
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                // A failing task must not stall the tasks queued behind it.
                LOG.log(System.Logger.Level.WARNING, "A transport listener task failed; continuing", e);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
