package dev.auraxium.transport.jdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    @Test
    void readsDelaySeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", clock));
    }

    @Test
    void readsAnHttpDateRelativeToTheClock() {
        assertEquals(Optional.of(Duration.ofMinutes(2)), RetryAfter.parse("Wed, 21 Oct 2015 07:30:00 GMT", clock));
    }

    @Test
    void treatsADateInThePastAsRetryNow() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", clock));
    }

    @Test
    void ignoresValuesThatAreNeitherForm() {
        assertTrue(RetryAfter.parse("soon", clock).isEmpty());
        assertTrue(RetryAfter.parse("-5", clock).isEmpty());
        assertTrue(RetryAfter.parse("99999999999999999999999", clock).isEmpty());
        assertTrue(RetryAfter.parse("", clock).isEmpty());
    }
}
