package dev.auraxium.internal.dispatch;

import dev.auraxium.client.OverflowPolicy;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between the transport and the dispatch thread.
 *
 * <p>Under {@link OverflowPolicy#BACKPRESSURE} the transport only sends what the client requested,
 * so {@link #offer} never finds it full in practice; if it does (the demand accounting is wrong, or
 * {@link #put} from a user raced it), the item is kept anyway rather than lost. The drop policies
 * drop and count. {@link #put} (used by {@code EventClient.dispatch}) waits for room.
 *
 * <p>The consumer takes items in batches ({@link #drain}) and, finding the queue empty, waits in
 * one of two ways:
 * <ul>
 *   <li><b>While a stream flows</b> (the last batch held {@link #FLOWING_BATCH} items or more and
 *       the last naps did not come back empty, the last naps found items, or the last block ended
 *       within the time the naps would have taken) it naps a few times (timed parks of 200 µs) before
 *       it blocks: blocking would cost the consumer a park and the producer an unpark per item
 *       (context switches of several microseconds each, far more than dispatching an event), and
 *       spinning or yielding would take the processor from the producer (the transport thread) on
 *       a small machine. A napping consumer costs the producer nothing; it wakes on its own and
 *       takes what arrived meanwhile as one batch, or is woken early when {@link #WAKE_AT} items
 *       are waiting.</li>
 *   <li><b>Otherwise</b> (a live stream of a few hundred events a second, or none) it blocks at
 *       once until an item arrives: each nap would be a wake-up that finds nothing, which at the
 *       live rate cost more than the events themselves. The first item of a burst wakes it. A
 *       big batch alone does not count as a flowing stream once naps came back empty: a stream
 *       that arrives in bursts far apart (a reader that coalesces its reads, or the live
 *       service's own bursts) would otherwise cost a round of naps that find nothing per burst.
 *       A block that ends within the naps' time shows a stream again.</li>
 * </ul>
 * The price of napping is up to a nap of latency on an event that arrives after a quiet spell
 * shorter than the naps, which no ESS use can tell (events are seconds old when they arrive).
 *
 * @param <T> the item type
 */
public final class EventQueue<T> {
    private final int capacity;
    private final OverflowPolicy policy;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final AtomicLong drops = new AtomicLong();
    /** Naps before the consumer blocks on an empty queue, and the length of one (about 1 ms in all). */
    private static final int NAPS = 5;
    private static final long NAP_NANOS = 200_000;
    /** Items waiting that cut a nap short: a burst is taken at once instead of piling up. */
    static final int WAKE_AT = 64;
    /** A batch at least this big means a stream is flowing: the next empty queue is napped on first. */
    static final int FLOWING_BATCH = 8;
    /** Consumer only: nap before blocking (see the class comment). */
    private boolean flowing;
    /** Consumer only: the last naps found nothing, so a big batch alone does not mean a flowing stream. */
    private boolean napsCameBackEmpty;
    /** Consumer only: rounds of naps taken. */
    private int napRounds;
    /** The consumer while it naps, else null: a producer wakes it at {@link #WAKE_AT} items. */
    private volatile Thread napping;
    /** {@code items.size()}, written under the lock after every change, read without it. */
    private volatile int count;
    private volatile int highWater;
    private volatile boolean closed;

    public EventQueue(int capacity, OverflowPolicy policy) {
        this.capacity = capacity;
        this.policy = policy;
    }

    /**
     * Adds an item from the transport without blocking.
     *
     * @return false when the item (or an older one, under DROP_OLDEST) was dropped
     */
    public boolean offer(T item) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            boolean dropped = false;
            if (items.size() >= capacity) {
                switch (policy) {
                    case DROP_NEWEST -> {
                        drops.incrementAndGet();
                        return false;
                    }
                    case DROP_OLDEST -> {
                        items.pollFirst();
                        count = items.size();
                        drops.incrementAndGet();
                        dropped = true;
                    }
                    case BACKPRESSURE -> {
                        // keep it: losing a frame the server was allowed to send would be worse
                    }
                }
            }
            items.addLast(item);
            mark();
            notEmpty.signal();
            return !dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Adds an item, waiting for room. */
    public void put(T item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && items.size() >= capacity) {
                notFull.await();
            }
            if (closed) {
                return;
            }
            items.addLast(item);
            mark();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private void mark() {
        count = items.size();
        if (items.size() == WAKE_AT) {
            Thread t = napping;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        if (items.size() > highWater) {
            highWater = items.size();
        }
    }

    /**
     * Moves up to {@code max} items, oldest first, into {@code out}; waits for the first one (after
     * a few naps while a stream flows, see the class comment). One consumer thread only.
     *
     * @param timeout how long to wait at most; {@code Long.MAX_VALUE} nanoseconds or more waits
     *     until an item arrives or the queue is closed
     * @return how many were moved; 0 after the timeout or when closed and empty
     */
    public int drain(List<? super T> out, int max, long timeout, TimeUnit unit) throws InterruptedException {
        if (count == 0 && !closed && flowing) {
            napping = Thread.currentThread();
            for (int i = 0; i < NAPS && count == 0 && !closed; i++) {
                LockSupport.parkNanos(this, NAP_NANOS);
            }
            napping = null;
            napRounds++;
            flowing = count > 0; // naps that found nothing: the stream is not flowing, block next time
            napsCameBackEmpty = !flowing;
        }
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (closed || nanos <= 0) {
                    return 0;
                }
                long blockedAt = System.nanoTime();
                if (nanos == Long.MAX_VALUE) {
                    notEmpty.await();
                } else {
                    nanos = notEmpty.awaitNanos(nanos);
                }
                if (!items.isEmpty() && System.nanoTime() - blockedAt < NAPS * NAP_NANOS) {
                    flowing = true; // naps would have caught it: a stream flows, nap next time
                    napsCameBackEmpty = false;
                }
            }
            int n = 0;
            while (n < max && !items.isEmpty()) {
                out.add(items.pollFirst());
                n++;
            }
            count = items.size();
            if (n >= FLOWING_BATCH && !napsCameBackEmpty) {
                flowing = true;
            }
            notFull.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes everyone; later offers and puts are ignored, queued items can still be drained. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            Thread t = napping;
            if (t != null) {
                LockSupport.unpark(t);
            }
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return rounds of naps the consumer took so far (read it on the consumer's thread) */
    int napRounds() {
        return napRounds;
    }

    /**
     * The items waiting, read without the lock (as of the last change, which set it under the
     * lock): cheap enough for a producer to glance at for every item.
     */
    public int size() {
        return count;
    }

    public int highWaterMark() {
        return highWater;
    }

    public long drops() {
        return drops.get();
    }

    public int capacity() {
        return capacity;
    }

    public OverflowPolicy policy() {
        return policy;
    }
}
