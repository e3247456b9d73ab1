package dev.auraxium.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.OverflowPolicy;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    @Test
    void dropOldestKeepsTheNewestAndCountsEachDrop() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(3, OverflowPolicy.DROP_OLDEST);
        for (int i = 1; i <= 5; i++) {
            q.offer(i);
        }
        assertEquals(2, q.drops());
        assertEquals(3, q.poll(0, TimeUnit.MILLISECONDS));
        assertEquals(4, q.poll(0, TimeUnit.MILLISECONDS));
        assertEquals(5, q.poll(0, TimeUnit.MILLISECONDS));
        assertEquals(3, q.highWaterMark());
    }

    @Test
    void dropNewestKeepsTheOldestAndCountsEachDrop() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(2, OverflowPolicy.DROP_NEWEST);
        assertTrue(q.offer(1));
        assertTrue(q.offer(2));
        assertFalse(q.offer(3));
        assertEquals(1, q.drops());
        assertEquals(1, q.poll(0, TimeUnit.MILLISECONDS));
    }

    @Test
    void backpressureNeverLosesAnItem() throws Exception {
        EventQueue<Integer> q = new EventQueue<>(1, OverflowPolicy.BACKPRESSURE);
        q.offer(1);
        q.offer(2);
        assertEquals(0, q.drops());
        assertEquals(2, q.size());
    }
}
