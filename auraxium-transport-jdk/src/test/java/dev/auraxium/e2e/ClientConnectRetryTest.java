package dev.auraxium.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.auraxium.testsupport.Await.holdsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.auraxium.client.ConnectionCause;
import dev.auraxium.client.ConnectionEvent;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.transport.TransportException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Upgrade failures that retrying can cure (503, 429, a reset, a slow server) are retried by the
 * client, no sooner than a {@code Retry-After} asks; WireMock on 127.0.0.1 counts the attempts.
 * (The service id rejection, which must not be retried, is in {@link ClientHandshakeFailureTest}.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientConnectRetryTest extends WireMockUpgrade {
    /** Milliseconds between the first and the second upgrade request, as WireMock logged them. */
    private long gapBetweenFirstTwoRequests() {
        List<Date> at = http.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getLoggedDate()).sorted().toList();
        return at.get(1).getTime() - at.get(0).getTime();
    }

    private void assertRetriedAfterRetryAfter(int status) {
        assertTrue(holdsWithin(() -> upgradeRequests() >= 2, EndToEnd.WAIT),
                "HTTP " + status + " was not retried: " + upgradeRequests() + " upgrade request(s); reported " + reported);
        long gap = gapBetweenFirstTwoRequests();
        // Retry-After: 1 against a 50 ms backoff: the server's wish wins (100 ms slack for clock granularity).
        assertTrue(gap >= 900, "retried " + gap + " ms after HTTP " + status + " with Retry-After: 1");
        TransportException first = assertInstanceOf(TransportException.class, reported.get(0));
        assertFalse(first.isFatal());
        TransportException cause = causeWithStatus(first);
        assertEquals(status, cause.httpStatus().orElseThrow());
        assertEquals(Duration.ofSeconds(1), cause.retryAfter().orElseThrow());
        ConnectionEvent failed = failedAttempts.get(0);
        assertEquals(ConnectionCause.HANDSHAKE_REFUSED, failed.cause(), failed::toString);
        assertEquals("HTTP " + status, failed.detail());
    }

    private static TransportException causeWithStatus(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TransportException te && te.httpStatus().isPresent()) {
                return te;
            }
        }
        throw new AssertionError("no HTTP status in " + t);
    }

    @Test
    void serviceUnavailableIsRetriedNoSoonerThanItsRetryAfter() {
        http.stubFor(get(urlPathEqualTo("/streaming"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        client(Duration.ofSeconds(5)).on(PlayerLogin.class, e -> { });

        assertRetriedAfterRetryAfter(503);
    }

    @Test
    void tooManyRequestsIsRetriedNoSoonerThanItsRetryAfter() {
        http.stubFor(get(urlPathEqualTo("/streaming"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        client(Duration.ofSeconds(5)).on(PlayerLogin.class, e -> { });

        assertRetriedAfterRetryAfter(429);
    }

    @Test
    void connectionResetDuringTheUpgradeIsRetried() {
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        client(Duration.ofSeconds(5)).on(PlayerLogin.class, e -> { });

        assertTrue(holdsWithin(() -> upgradeRequests() >= 3, EndToEnd.WAIT),
                "a reset was not retried: " + upgradeRequests() + " upgrade request(s)");
    }

    @Test
    void upgradeSlowerThanTheConnectTimeoutIsRetried() {
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withStatus(101).withFixedDelay(2_000)));
        client(Duration.ofMillis(300)).on(PlayerLogin.class, e -> { });

        assertTrue(holdsWithin(() -> upgradeRequests() >= 2, EndToEnd.WAIT),
                "a timed-out upgrade was not retried: " + upgradeRequests() + " upgrade request(s)");
    }
}
