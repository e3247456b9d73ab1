package dev.auraxium.testkit.internal.replay;

import dev.auraxium.event.Event;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssMessage;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.testkit.RecordedFrame;
import dev.auraxium.testkit.ReplayHandle;
import dev.auraxium.testkit.ReplayProgress;
import dev.auraxium.testkit.ReplaySpeed;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

/**
 * The replay thread behind {@link ReplayHandle}: decides per frame whether it is sent, waits
 * (never spins) until the frame is due, and hands it to the sink.
 */
public final class ReplayRun implements ReplayHandle {
    private static final System.Logger LOG = System.getLogger(ReplayRun.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    // While a liveness check is given, waits wake at least this often to notice a closed server.
    private static final long LIVENESS_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final List<RecordedFrame> frames;
    private final ReplaySpeed speed;
    private final EventSink sink;
    private final BooleanSupplier alive;
    private final boolean useOffsets;
    private final CompletableFuture<ReplayProgress> completion = new CompletableFuture<>();

    /**
     * The classification of the last recording replayed to its end, so that replaying it again
     * (a benchmark or a load test replays the same recording over and over) decodes nothing: the
     * fake server's own decoding would otherwise be most of its cost per frame. Keyed by the
     * identity of the (immutable) frame list, held weakly; at most one recording's worth is kept.
     */
    private static volatile Classified lastClassified;

    private record Classified(java.lang.ref.WeakReference<List<RecordedFrame>> frames, Outgoing[] outgoing) {
    }

    /** Marks a frame the replay skips, in a {@link Classified} array. */
    private static final Outgoing SKIP = new Outgoing(null, null);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean cancelled;
    private boolean paused;
    private long pausedAt;
    private long pausedTotal;

    private volatile int processed;
    private volatile int sent;
    private volatile int skipped;
    private volatile long deliveries;

    /** Takes a frame with the event the replay already decoded from it, so the sink need not decode it again. */
    @FunctionalInterface
    public interface EventSink {
        /**
         * @param text the raw {@code serviceMessage} frame to send
         * @param event the event it carries
         * @return how many receivers got it
         */
        int publish(String text, Event event);
    }

    private ReplayRun(List<RecordedFrame> frames, ReplaySpeed speed, EventSink sink,
            BooleanSupplier alive) {
        this.frames = frames;
        this.speed = speed;
        this.sink = sink;
        this.alive = alive;
        this.useOffsets = !frames.isEmpty() && frames.stream().allMatch(f -> f.offsetNanos().isPresent());
        completion.whenComplete((r, e) -> {
            if (completion.isCancelled()) {
                cancel();
            }
        });
    }

    /**
     * Starts a replay on a new daemon thread.
     *
     * @param frames the frames, in order
     * @param speed the pace
     * @param sink takes one raw {@code serviceMessage} frame, returns how many receivers got it
     * @param alive false once the sink's owner is closed (checked before each frame and while
     *     waiting); null when the sink lives as long as the replay
     * @return the running replay
     */
    public static ReplayRun start(List<RecordedFrame> frames, ReplaySpeed speed, ToIntFunction<String> sink,
            BooleanSupplier alive) {
        return start(frames, speed, (EventSink) (text, event) -> sink.applyAsInt(text), alive);
    }

    /**
     * Starts a replay on a new daemon thread, handing the sink each frame with its decoded event.
     *
     * @param frames the frames, in order
     * @param speed the pace
     * @param sink takes one raw {@code serviceMessage} frame and its event
     * @param alive as in {@link #start(List, ReplaySpeed, ToIntFunction, BooleanSupplier)}
     * @return the running replay
     */
    public static ReplayRun start(List<RecordedFrame> frames, ReplaySpeed speed, EventSink sink,
            BooleanSupplier alive) {
        ReplayRun run = new ReplayRun(List.copyOf(frames), speed, sink, alive);
        Thread t = new Thread(run::run, "auraxium-replay-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return run;
    }

    private void run() {
        try {
            long start = System.nanoTime();
            long base = useOffsets ? frames.get(0).offsetNanos().getAsLong() : 0;
            long firstEventSecond = Long.MIN_VALUE;
            long eventClock = Long.MIN_VALUE;
            long due = 0; // recorded nanos after the start; never goes back
            EssCodec codec = EssCodec.standard();
            Classified known = lastClassified;
            Outgoing[] cached = known != null && known.frames().get() == frames ? known.outgoing() : null;
            Outgoing[] fresh = cached == null ? new Outgoing[frames.size()] : null;
            for (int i = 0; i < frames.size(); i++) {
                RecordedFrame frame = frames.get(i);
                if (!waitUntilDue(start, due)) {
                    return;
                }
                Outgoing out;
                if (cached != null) {
                    out = cached[i] == SKIP ? null : cached[i];
                } else {
                    out = classify(codec, frame.text());
                    fresh[i] = out == null ? SKIP : out;
                }
                if (out == null) {
                    skipped++;
                    processed++;
                    continue;
                }
                if (!speed.isAsFastAsPossible()) {
                    long recorded;
                    if (useOffsets) {
                        recorded = frame.offsetNanos().getAsLong() - base;
                    } else {
                        long second = out.event.timestamp().getEpochSecond();
                        if (firstEventSecond == Long.MIN_VALUE) {
                            firstEventSecond = second;
                        }
                        eventClock = Math.max(eventClock, second);
                        recorded = TimeUnit.SECONDS.toNanos(eventClock - firstEventSecond);
                    }
                    due = Math.max(due, (long) (Math.max(0, recorded) / speed.factor()));
                    if (!waitUntilDue(start, due)) {
                        return;
                    }
                }
                int got = sink.publish(out.text, out.event);
                deliveries += Math.max(0, got);
                sent++;
                processed++;
            }
            if (fresh != null) {
                lastClassified = new Classified(new java.lang.ref.WeakReference<>(frames), fresh);
            }
            completion.complete(progress());
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "replay stopped after " + processed + " of " + frames.size()
                    + " frames: " + e);
            completion.completeExceptionally(e);
        }
    }

    /** @return false when the replay must stop (cancelled, or the sink's owner closed) */
    private boolean waitUntilDue(long start, long due) {
        lock.lock();
        try {
            while (true) {
                if (cancelled) {
                    completion.completeExceptionally(new CancellationException(
                            "replay cancelled after " + processed + " of " + frames.size() + " frames"));
                    return false;
                }
                if (alive != null && !alive.getAsBoolean()) {
                    completion.completeExceptionally(new IllegalStateException(
                            "the server (or, for a replay to one connection, the connection) closed after " + processed + " of " + frames.size() + " frames"));
                    return false;
                }
                long wait;
                if (paused) {
                    wait = Long.MAX_VALUE;
                } else {
                    wait = start + pausedTotal + due - System.nanoTime();
                    if (wait <= 0) {
                        return true;
                    }
                }
                if (alive != null) {
                    wait = Math.min(wait, LIVENESS_SLICE_NANOS);
                }
                try {
                    changed.awaitNanos(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private record Outgoing(String text, Event event) {
    }

    /** @return what to send for this frame, or null to skip it */
    private static Outgoing classify(EssCodec codec, String text) {
        EssMessage message;
        try {
            message = codec.decode(text);
        } catch (RuntimeException e) {
            message = null;
        }
        if (message instanceof ServiceMessage sm) {
            return new Outgoing(text, sm.event());
        }
        if (message instanceof ClientCommand) {
            return null;
        }
        // The *.payloads.jsonl captures hold bare payloads: send them the way the live service would.
        if (RecordingLines.isBarePayload(text)) {
            try {
                return new Outgoing(RecordingLines.wrapPayload(text), codec.decodeEvent(text));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public ReplayProgress progress() {
        return new ReplayProgress(frames.size(), processed, sent, skipped, deliveries);
    }

    @Override
    public CompletableFuture<ReplayProgress> completion() {
        return completion;
    }

    @Override
    public void cancel() {
        lock.lock();
        try {
            cancelled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        completion.cancel(false);
    }

    @Override
    public void pause() {
        lock.lock();
        try {
            if (!paused) {
                paused = true;
                pausedAt = System.nanoTime();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resume() {
        lock.lock();
        try {
            if (paused) {
                paused = false;
                pausedTotal += System.nanoTime() - pausedAt;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ReplayRun[" + progress() + ", " + speed + "]";
    }
}
