package dev.auraxium.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    final Backoff backoff = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), Duration.ofMinutes(1));

    @Test
    void boundGrowsGeometricallyUpToTheCap() {
        assertEquals(Duration.ofMillis(100).toNanos(), backoff.boundNanos(0));
        assertEquals(Duration.ofMillis(200).toNanos(), backoff.boundNanos(1));
        assertEquals(Duration.ofMillis(3200).toNanos(), backoff.boundNanos(5));
        assertEquals(Duration.ofSeconds(5).toNanos(), backoff.boundNanos(6));
        assertEquals(Duration.ofSeconds(5).toNanos(), backoff.boundNanos(Integer.MAX_VALUE));
    }

    @Test
    void fullJitterStaysWithinTheBoundAndAboveZeroAndSpreadsOverIt() {
        Random r = new Random(42);
        for (int n = 0; n < 12; n++) {
            long bound = backoff.boundNanos(n);
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2_000; i++) {
                long d = backoff.delayNanos(n, r::nextDouble);
                assertTrue(d > 0 && d <= bound, "delay " + d + " outside (0, " + bound + "]");
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            // full jitter: the whole range is used, not just a band near the bound
            assertTrue(min < bound / 10 && max > bound * 9 / 10, "range " + min + ".." + max + " of " + bound);
        }
        assertEquals(backoff.boundNanos(3), backoff.delayNanos(3, () -> 0.0));
    }

    @Test
    void refusesAShrinkingOrInvertedConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), 0.5, Duration.ofSeconds(5), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), Duration.ZERO));
    }
}
