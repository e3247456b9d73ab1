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
