package dev.auraxium.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientMetricsTest {

    @Test
    void receiveLagOfATimestampBeyondLongMillisSaturatesInsteadOfThrowing() {
        assertEquals(3_000, ClientMetrics.lagMillis(5_000, Instant.ofEpochSecond(2)));
        assertEquals(-3_000, ClientMetrics.lagMillis(2_000, Instant.ofEpochSecond(5)));
        assertEquals(Long.MAX_VALUE, ClientMetrics.lagMillis(5_000, Instant.MIN));
        assertEquals(Long.MIN_VALUE + 1, ClientMetrics.lagMillis(5_000, Instant.MAX));
    }
}
