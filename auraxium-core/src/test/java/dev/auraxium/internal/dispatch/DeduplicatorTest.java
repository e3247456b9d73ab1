package dev.auraxium.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
    static final long WINDOW = TimeUnit.SECONDS.toNanos(10);
    static final String DEATH = "{\"payload\":{\"character_id\":\"1\",\"event_name\":\"Death\",\"timestamp\":\"1\"},\"service\":\"event\",\"type\":\"serviceMessage\"}";
    static final String XP = "{\"payload\":{\"amount\":\"10\",\"event_name\":\"GainExperience\",\"timestamp\":\"1\"},\"service\":\"event\",\"type\":\"serviceMessage\"}";

    @Test
    void deliversEachPayloadAsOftenAsTheConnectionThatSawItMostOftenSawIt() {
        Deduplicator d = new Deduplicator(WINDOW, false, 1_000);
        // connection 1 sees a real repeated tick twice, connection 2 sees it once, then twice
        assertTrue(d.admit(1, XP, 0));
        assertFalse(d.admit(2, XP, 1));
        assertTrue(d.admit(1, XP, 2));
        assertFalse(d.admit(2, XP, 3));
        assertTrue(d.admit(2, DEATH, 4));
        assertFalse(d.admit(1, DEATH, 5));
        assertEquals(3, d.dropped());
    }

    @Test
    void isANoOpOnASingleConnectionUnlessAskedToDropRepeats() {
        Deduplicator keep = new Deduplicator(WINDOW, false, 1_000);
        Deduplicator drop = new Deduplicator(WINDOW, true, 1_000);
        int kept = 0;
        int dropped = 0;
        for (int i = 0; i < 5; i++) {
            kept += keep.admit(7, XP, i) ? 1 : 0;
            dropped += drop.admit(7, XP, i) ? 1 : 0;
        }
        assertEquals(5, kept);
        assertEquals(1, dropped);
        assertEquals(4, drop.dropped());
    }

    @Test
    void forgetsAPayloadAfterTheWindow() {
        Deduplicator d = new Deduplicator(WINDOW, true, 1_000);
        assertTrue(d.admit(1, DEATH, 0));
        assertFalse(d.admit(2, DEATH, WINDOW));
        assertTrue(d.admit(2, DEATH, WINDOW + 1));
        assertEquals(1, d.size());
    }

    @Test
    void boundsMemoryByEvictingTheOldestEarlyAndCountingIt() {
        Deduplicator d = new Deduplicator(WINDOW, true, 1_000);
        for (int i = 0; i < 5_000; i++) {
            assertTrue(d.admit(1, "{\"payload\":{\"n\":\"" + i + "\"}}", i));
        }
        assertEquals(1_000, d.size());
        assertEquals(4_000, d.earlyEvictions());
        // the newest are still recognised
        assertFalse(d.admit(2, "{\"payload\":{\"n\":\"4999\"}}", 5_000));
    }

    @Test
    void tellsApartPayloadsThatDifferInOneCharacterOrInLength() {
        Deduplicator d = new Deduplicator(WINDOW, true, 1_000);
        assertTrue(d.admit(1, "{\"a\":\"12\"}", 0));
        assertTrue(d.admit(1, "{\"a\":\"21\"}", 0));
        assertTrue(d.admit(1, "{\"a\":\"1\"}", 0));
        assertTrue(d.admit(1, "{\"a\":\"12\"} ", 0));
        assertEquals(0, d.dropped());
    }
}
