package dev.auraxium.internal.dispatch;

import dev.auraxium.event.Event;
import dev.auraxium.event.TriggerActionException;
import dev.auraxium.transport.TransportConnection;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's one dispatch thread: takes items from the queue in arrival order, has the host
 * decode those that are frames rather than events, finds candidate triggers in the index, checks
 * them, removes single-shot triggers before their action runs, and runs actions inline (in stream
 * order) or on the user's executor.
 *
 * <p>Candidates are an immutable list taken per event, so removing a trigger while an event is
 * dispatched never makes another trigger miss it (mutating a shared list while iterating would).
 */
public final class Dispatcher<F> {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    /** Items taken from the queue per lock acquisition. */
    private static final int BATCH = 256;
    /** Demand is given back to a source in chunks of this many dispatched items (or fewer at a batch end). */
    static final int DEMAND_CHUNK = 16;

    /** What the dispatcher needs from its client. */
    public interface Host<F> {
        /**
         * The dispatcher took {@code count} items from {@code source}'s share of the queue: ask it
         * for as many more. Called with up to {@link #DEMAND_CHUNK} items at a time, and at the
         * latest when a drained batch is done, so a flowing stream costs one demand signal per
         * chunk rather than one per event.
         */
        void taken(TransportConnection source, int count);

        /** Unregister a single-shot trigger that just fired, before its action runs. */
        void removeFired(Registration r);

        /** Report a failure of a condition or an action. */
        void report(Throwable error);

        /**
         * Turns a queued frame into its event, on the dispatch thread.
         *
         * @return its event, or null when there is nothing to dispatch (the host reported a bad
         *     frame, dropped a duplicate, or handled a frame that was not an event)
         */
        Event decode(F frame);
    }

    private final EventQueue<Delivery<F>> queue;
    private final TriggerIndex index;
    private final Executor actionExecutor;
    private final Host<F> host;
    private final Thread thread;
    private final AtomicLong dispatched = new AtomicLong();
    private final AtomicLong actionsRun = new AtomicLong();
    private final AtomicLong actionFailures = new AtomicLong();
    private volatile boolean stopping;

    public Dispatcher(String threadName, EventQueue<Delivery<F>> queue, TriggerIndex index, Executor actionExecutor,
            Host<F> host) {
        this.queue = queue;
        this.index = index;
        this.actionExecutor = actionExecutor;
        this.host = host;
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops after the event being dispatched; queued events are discarded. */
    public void stop(long waitMillis) {
        stopping = true;
        queue.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isDispatchThread() {
        return Thread.currentThread() == thread;
    }

    public long dispatched() {
        return dispatched.get();
    }

    public long actionsRun() {
        return actionsRun.get();
    }

    public long actionFailures() {
        return actionFailures.get();
    }

    private void loop() {
        List<Delivery<F>> batch = new ArrayList<>(BATCH);
        while (!stopping) {
            batch.clear();
            int n;
            try {
                n = queue.drain(batch, BATCH, Long.MAX_VALUE, TimeUnit.NANOSECONDS); // until an item or stop()
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
                continue;
            }
            TransportConnection owner = null;
            int owed = 0;
            for (int i = 0; i < n && !stopping; i++) {
                Delivery<F> d = batch.get(i);
                // Demand goes back as items are dispatched, never ahead of them (so the transport
                // holds back while an action blocks), in chunks so that a flowing stream costs
                // one request per chunk rather than one per event.
                if (d.source() != owner) {
                    owed = giveBack(owner, owed);
                    owner = d.source();
                }
                if (owner != null && ++owed >= DEMAND_CHUNK) {
                    owed = giveBack(owner, owed);
                }
                try {
                    Event event = d.event() != null ? d.event() : host.decode(d.frame());
                    if (event != null) {
                        dispatch(event);
                    }
                } catch (RuntimeException e) {
                    // A bug of ours must not end the stream: report and go on.
                    host.report(e);
                }
            }
            giveBack(owner, owed);
        }
    }

    private int giveBack(TransportConnection owner, int owed) {
        if (owner != null && owed > 0) {
            host.taken(owner, owed);
        }
        return 0;
    }

    /** Matches one event and runs the actions (inline or submitted). Runs on the dispatch thread. */
    void dispatch(Event event) {
        dispatched.incrementAndGet();
        List<Registration> candidates = index.candidates(event);
        for (Registration r : candidates) {
            if (!r.isActive()) {
                continue;
            }
            boolean ok;
            try {
                ok = r.trigger().check(event);
            } catch (RuntimeException e) {
                actionFailures.incrementAndGet();
                host.report(new TriggerActionException("condition of trigger '" + r.trigger().name() + "' threw on "
                        + event.eventName(), r.trigger(), event, e));
                continue;
            }
            if (!ok) {
                continue;
            }
            boolean fired = false;
            if (r.trigger().isSingleShot()) {
                if (!r.claimSingleShot()) {
                    continue;
                }
                host.removeFired(r);
                fired = true;
            }
            boolean force = fired;
            if (actionExecutor == null) {
                run(r, event, force);
            } else {
                try {
                    actionExecutor.execute(() -> run(r, event, force));
                } catch (RejectedExecutionException e) {
                    actionFailures.incrementAndGet();
                    host.report(new TriggerActionException("action executor rejected trigger '" + r.trigger().name()
                            + "'", r.trigger(), event, e));
                }
            }
        }
    }

    private void run(Registration r, Event event, boolean force) {
        r.lock().lock();
        try {
            if (!force && !r.isActive()) {
                return;
            }
            actionsRun.incrementAndGet();
            r.trigger().run(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            actionFailures.incrementAndGet();
            try {
                host.report(new TriggerActionException("action of trigger '" + r.trigger().name() + "' threw on "
                        + event.eventName(), r.trigger(), event, e));
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "error handler threw", again);
            }
        } finally {
            r.lock().unlock();
        }
    }
}
