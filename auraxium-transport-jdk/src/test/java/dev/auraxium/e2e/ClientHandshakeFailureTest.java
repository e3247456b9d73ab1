package dev.auraxium.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.auraxium.testsupport.Await.holdsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.auraxium.client.EventClient;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole client (not just the transport) meeting a refused or broken upgrade, served by WireMock
 * on 127.0.0.1: what it reports, what it logs, and that a rejected service id is never retried
 * and never shown whole.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientHandshakeFailureTest extends WireMockUpgrade {
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        // System.Logger goes to java.util.logging here: everything the client logs passes this handler.
        Logger.getLogger("").addHandler(logCapture);
    }

    @AfterEach
    void releaseLogs() {
        Logger.getLogger("").removeHandler(logCapture);
    }

    /** Every message and toString in the chain, and everything logged, is free of the whole id. */
    private void assertIdNeverShownWhole(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), "exception message shows the id: " + t);
            assertFalse(t.toString().contains(SECRET), "exception shows the id: " + t);
        }
        for (Throwable t : reported) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertFalse(String.valueOf(c.getMessage()).contains(SECRET), "reported error shows the id: " + c);
            }
        }
        for (String line : logged) {
            assertFalse(line.contains(SECRET), "log shows the id: " + line);
        }
    }

    @Test
    void rejectedServiceIdIsFatalNamesTheProblemRedactsTheIdAndIsNotRetried() throws Exception {
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withStatus(403).withBody("Forbidden")));
        EventClient client = client(Duration.ofSeconds(5));

        client.on(PlayerLogin.class, e -> { });
        TransportException failure = assertThrows(TransportException.class, () -> client.awaitReady(EndToEnd.WAIT));

        assertEquals(403, failure.httpStatus().orElseThrow());
        assertTrue(failure.isFatal());
        assertTrue(failure.getMessage().contains("rejected service id") && failure.getMessage().contains("s:se"),
                "the message should name the service id problem with the id redacted: " + failure.getMessage());
        assertTrue(holdsWithin(() -> !reported.isEmpty(), EndToEnd.WAIT), "the error handler was not told");
        TransportException handed = assertInstanceOf(TransportException.class, reported.get(0));
        assertTrue(handed.isFatal());
        // A retry would come after about 50 ms; give it twenty times that to show up.
        assertFalse(holdsWithin(() -> upgradeRequests() > 1, Duration.ofSeconds(1)),
                "the client retried a rejected service id: " + upgradeRequests() + " upgrade requests");
        assertEquals(1, upgradeRequests());
        assertFalse(client.isReady());
        // Reported once: the error handler has it, so the log does not repeat it (it would at DEBUG only).
        assertFalse(logged.stream().anyMatch(l -> l.contains("HTTP 403")), "the handler had it; not logged too: " + logged);
        assertIdNeverShownWhole(failure);
    }

    @Test
    void connectionResetDuringTheUpgradeIsReportedAsARetryableFailure() throws Exception {
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        EventClient client = client(Duration.ofSeconds(5));

        client.on(PlayerLogin.class, e -> { });

        assertTrue(holdsWithin(() -> !reported.isEmpty(), EndToEnd.WAIT), "the reset was not reported");
        TransportException failure = assertInstanceOf(TransportException.class, reported.get(0));
        assertFalse(failure.isFatal(), "a reset is not the service id's fault");
        assertTrue(failure.httpStatus().isEmpty());
        assertFalse(client.isReady());
        assertTrue(upgradeRequests() >= 1);
        assertIdNeverShownWhole(failure);
    }

    @Test
    void upgradeAnsweredSlowerThanTheConnectTimeoutFailsAtTheTimeout() throws Exception {
        long ms = timeoutFailureMillis();
        // never before the timeout (a loaded machine only makes it later)
        assertTrue(ms >= 400, "the connect timeout of 500 ms ended the attempt after " + ms + " ms");
    }

    /** How soon the attempt above ends: a wall-clock limit, so not in the default build. */
    @Test
    @Tag("timing")
    void upgradeAnsweredSlowerThanTheConnectTimeoutFailsSoonAfterTheTimeout() throws Exception {
        long ms = timeoutFailureMillis();
        assertTrue(ms < 4_000, "the connect timeout of 500 ms ended the attempt after " + ms + " ms");
    }

    /** The upgrade is answered after 2 s; the 500 ms connect timeout must fail the attempt first. */
    private long timeoutFailureMillis() throws Exception {
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withStatus(101).withFixedDelay(2_000)));
        long start = System.nanoTime();
        EventClient client = client(Duration.ofMillis(500));

        client.on(PlayerLogin.class, e -> { });

        assertTrue(holdsWithin(() -> !reported.isEmpty(), EndToEnd.WAIT), "the timeout was not reported");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        TransportException failure = assertInstanceOf(TransportException.class, reported.get(0));
        assertTrue(String.valueOf(failure.getMessage()).contains("Timed out after 500 ms"), failure.getMessage());
        assertFalse(failure.isFatal());
        assertFalse(client.isReady());
        assertIdNeverShownWhole(failure);
        return ms;
    }
}
