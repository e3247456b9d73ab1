package dev.auraxium.internal.dispatch;

import dev.auraxium.event.Trigger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A trigger registered with one client. {@link #seq} orders triggers by registration so each event
 * runs them in the order they were added. The lock is held while the trigger's action runs: a
 * removal marks the registration inactive and then takes the lock once, so when the removal
 * returns no action of that trigger is running or will start (reentrant, so an action may remove
 * its own trigger).
 */
public final class Registration {
    private final Trigger<?> trigger;
    /** The trigger as the user gave it: {@code waitFor} registers a copy with its own action. */
    private final Trigger<?> origin;
    private final long seq;
    private volatile boolean active = true;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();

    public Registration(Trigger<?> trigger, long seq) {
        this(trigger, trigger, seq);
    }

    /**
     * @param trigger the trigger that runs
     * @param origin the trigger the user registered, of which {@code trigger} is a copy
     * @param seq the registration order
     */
    public Registration(Trigger<?> trigger, Trigger<?> origin, long seq) {
        this.trigger = trigger;
        this.origin = origin;
        this.seq = seq;
    }

    public Trigger<?> trigger() {
        return trigger;
    }

    public Trigger<?> origin() {
        return origin;
    }

    public long seq() {
        return seq;
    }

    public boolean isActive() {
        return active;
    }

    /** Marks it removed; actions that have not started will not start. */
    public void deactivate() {
        active = false;
    }

    /** Waits until an action of this trigger that is running (on another thread) returned. */
    public void awaitIdle() {
        lock.lock();
        lock.unlock();
    }

    /** @return true for the one caller that fires a single-shot trigger */
    public boolean claimSingleShot() {
        return fired.compareAndSet(false, true);
    }

    ReentrantLock lock() {
        return lock;
    }
}
