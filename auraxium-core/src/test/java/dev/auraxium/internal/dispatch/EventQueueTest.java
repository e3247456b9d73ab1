package dev.auraxium.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.OverflowPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    /** The oldest item, taken the way the dispatch thread takes them. */
    private static Integer next(EventQueue<Integer> q) throws InterruptedException {
        List<Integer> one = new ArrayList<>(1);
        assertEquals(1, q.drain(one, 1, 0, TimeUnit.MILLISECONDS));
        return one.get(0);
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsEachDrop() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(3, OverflowPolicy.DROP_OLDEST);
        for (int i = 1; i <= 5; i++) {
            q.offer(i);
        }
        assertEquals(2, q.drops());
        assertEquals(3, next(q));
        assertEquals(4, next(q));
        assertEquals(5, next(q));
        assertEquals(3, q.highWaterMark());
    }

    @Test
    void dropNewestKeepsTheOldestAndCountsEachDrop() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(2, OverflowPolicy.DROP_NEWEST);
        assertTrue(q.offer(1));
        assertTrue(q.offer(2));
        assertFalse(q.offer(3));
        assertEquals(1, q.drops());
        assertEquals(1, next(q));
    }

    @Test
    void backpressureNeverLosesAnItem() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(1, OverflowPolicy.BACKPRESSURE);
        q.offer(1);
        q.offer(2);
        assertEquals(0, q.drops());
        assertEquals(2, q.size());
    }

    @Test
    void drainTakesAtMostMaxItemsOldestFirstAndLeavesTheRest() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(10, OverflowPolicy.BACKPRESSURE);
        for (int i = 1; i <= 5; i++) {
            q.offer(i);
        }
        List<Integer> out = new ArrayList<>();
        assertEquals(3, q.drain(out, 3, 0, TimeUnit.MILLISECONDS));
        assertEquals(List.of(1, 2, 3), out);
        assertEquals(2, q.size());
        assertEquals(2, q.drain(out, 3, 0, TimeUnit.MILLISECONDS));
        assertEquals(List.of(1, 2, 3, 4, 5), out);
        assertEquals(0, q.drain(out, 3, 1, TimeUnit.MILLISECONDS));
    }

    @Test
    void drainWaitingOnAnEmptyQueueWakesForAnItemOfferedLater() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(10, OverflowPolicy.BACKPRESSURE);
        List<Integer> out = new ArrayList<>();
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return q.drain(out, 10, 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        q.offer(7);
        assertEquals(1, drained.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(7), out);
    }

    @Test
    void drainOfAClosedEmptyQueueReturnsAtOnce() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(10, OverflowPolicy.BACKPRESSURE);
        q.close();
        assertEquals(0, q.drain(new ArrayList<>(), 10, 10, TimeUnit.SECONDS));
    }

    @Test
    void anUnboundedDrainWaitsForTheNextItemAfterAFlowingBatch() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(100, OverflowPolicy.BACKPRESSURE);
        for (int i = 0; i < EventQueue.FLOWING_BATCH; i++) {
            q.offer(i);
        }
        List<Integer> out = new ArrayList<>();
        assertEquals(EventQueue.FLOWING_BATCH, q.drain(out, 100, 0, TimeUnit.MILLISECONDS)); // a flowing stream
        // Twice: the first wait naps and then blocks, the second blocks at once; both must wake.
        for (int round = 0; round < 2; round++) {
            List<Integer> next = new ArrayList<>();
            CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return q.drain(next, 100, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            q.offer(100 + round);
            assertEquals(1, drained.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(100 + round), next);
        }
    }

    @Test
    void closeWakesAnUnboundedDrain() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(10, OverflowPolicy.BACKPRESSURE);
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return q.drain(new ArrayList<>(), 10, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        q.close();
        assertEquals(0, drained.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aBigBatchStartsNapsButNotAgainOnceNapsCameBackEmpty() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(100, OverflowPolicy.BACKPRESSURE);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < EventQueue.FLOWING_BATCH; i++) {
            q.offer(i);
        }
        assertEquals(EventQueue.FLOWING_BATCH, q.drain(out, 100, 0, TimeUnit.MILLISECONDS));
        assertEquals(0, q.drain(out, 100, 0, TimeUnit.MILLISECONDS)); // nothing comes: the naps find nothing
        assertEquals(1, q.napRounds(), "a big batch means a flowing stream: the empty queue is napped on");

        // the next burst, as big, after a long quiet spell (a coalescing reader, the live service's bursts)
        for (int i = 0; i < EventQueue.FLOWING_BATCH; i++) {
            q.offer(i);
        }
        assertEquals(EventQueue.FLOWING_BATCH, q.drain(out, 100, 0, TimeUnit.MILLISECONDS));
        assertEquals(0, q.drain(out, 100, 0, TimeUnit.MILLISECONDS));
        assertEquals(1, q.napRounds(), "after naps that came back empty, a big batch alone is no reason to nap");
        assertEquals(2 * EventQueue.FLOWING_BATCH, out.size());
    }
}
