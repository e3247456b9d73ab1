package dev.auraxium.transport.jdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The upgrade going wrong at the HTTP level, driven by WireMock on 127.0.0.1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JdkTransportHandshakeFailureTest {
    private static final String SERVICE_ID = "s:secretservice42";

    private WireMockServer http;
    private JdkTransport transport;
    private final List<String> listenerCalls = new ArrayList<>();
    private final TransportListener recording = new TransportListener() {
        @Override
        public void onOpen(dev.auraxium.transport.TransportConnection connection) {
            listenerCalls.add("open");
        }

        @Override
        public void onError(dev.auraxium.transport.TransportConnection connection, Throwable error) {
            listenerCalls.add("error");
        }

        @Override
        public void onClose(dev.auraxium.transport.TransportConnection connection, int code, String reason) {
            listenerCalls.add("close");
        }
    };

    @BeforeEach
    void start() {
        http = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        http.start();
        transport = JdkTransport.builder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        transport.close();
        http.stop();
    }

    private URI essUri() {
        return URI.create("ws://127.0.0.1:" + http.port() + "/streaming?environment=ps2&service-id=" + SERVICE_ID);
    }

    private TransportException connectFailure() {
        CompletableFuture<?> future = transport.connect(essUri(), recording);
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return assertInstanceOf(TransportException.class, e.getCause());
    }

    @Test
    void refusedServiceIdIsFatalCarries403AndNeverPrintsTheId() {
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withStatus(403).withBody("Forbidden")));

        TransportException failure = connectFailure();

        assertEquals(403, failure.httpStatus().orElseThrow());
        assertTrue(failure.isFatal());
        assertTrue(failure.getMessage().contains("HTTP 403: the service id was refused"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secretservice42"), failure.getMessage());
        assertTrue(failure.getMessage().contains("service-id=s:se…(15 chars)"), failure.getMessage());
        assertTrue(listenerCalls.isEmpty(), "listener must not be called when opening fails: " + listenerCalls);
    }

    @Test
    void unavailableServerCarries503AndRetryAfterSecondsAndIsNotFatal() {
        http.stubFor(get(urlPathEqualTo("/streaming"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

        TransportException failure = connectFailure();

        assertEquals(503, failure.httpStatus().orElseThrow());
        assertEquals(Duration.ofSeconds(120), failure.retryAfter().orElseThrow());
        assertFalse(failure.isFatal());
        assertTrue(failure.getMessage().contains("HTTP 503"), failure.getMessage());
    }

    @Test
    void tooManyRequestsCarries429AndRetryAfterHttpDate() {
        ZonedDateTime inTenMinutes = ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(10);
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(inTenMinutes))));

        TransportException failure = connectFailure();

        assertEquals(429, failure.httpStatus().orElseThrow());
        assertFalse(failure.isFatal());
        Duration retryAfter = failure.retryAfter().orElseThrow();
        // The date has whole-second precision and some time passes before it is read.
        assertTrue(retryAfter.compareTo(Duration.ofMinutes(9)) > 0 && retryAfter.compareTo(Duration.ofMinutes(10)) <= 0,
                "retryAfter " + retryAfter);
    }

    @Test
    void connectionResetDuringUpgradeFailsWithAnIoMessageAndNoStatus() {
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        TransportException failure = connectFailure();

        assertTrue(failure.httpStatus().isEmpty());
        assertTrue(failure.getMessage().contains("failed before the WebSocket handshake completed"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secretservice42"), failure.getMessage());
    }

    @Test
    void upgradeAnsweredAfterTheConnectTimeoutFailsAsTimeout() {
        timeoutFailureMillis();
    }

    /** How soon the attempt above gives up: a wall-clock limit, so not in the default build. */
    @Test
    @Tag("timing")
    void upgradeAnsweredAfterTheConnectTimeoutFailsNearTheTimeout() {
        long tookMillis = timeoutFailureMillis();
        assertTrue(tookMillis < 4_000, "gave up after " + tookMillis + " ms, not near the 300 ms timeout");
    }

    /** The upgrade is answered after 5 s; the 300 ms connect timeout must end the attempt first. */
    private long timeoutFailureMillis() {
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withStatus(101).withFixedDelay(5_000)));
        transport.close();
        transport = JdkTransport.builder().connectTimeout(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        TransportException failure = connectFailure();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertInstanceOf(HttpTimeoutException.class, failure.getCause());
        assertTrue(failure.getMessage().startsWith("Timed out after 300 ms"), failure.getMessage());
        return tookMillis;
    }

    @Test
    void refusedTcpConnectionSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CompletableFuture<?> future = transport.connect(URI.create("ws://127.0.0.1:" + closedPort + "/streaming"), recording);

        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        TransportException failure = assertInstanceOf(TransportException.class, e.getCause());
        assertTrue(failure.getMessage().contains("Could not connect to 127.0.0.1:" + closedPort), failure.getMessage());
    }

    @Test
    void tlsToAPlainHttpServerFailsAsTlsHandshake() {
        CompletableFuture<?> future = transport.connect(
                URI.create("wss://127.0.0.1:" + http.port() + "/streaming?service-id=" + SERVICE_ID), recording);

        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        TransportException failure = assertInstanceOf(TransportException.class, e.getCause());
        assertInstanceOf(SSLException.class, failure.getCause());
        assertTrue(failure.getMessage().startsWith("The TLS handshake with 127.0.0.1:" + http.port() + " failed"),
                failure.getMessage());
        assertFalse(failure.isFatal(), "a TLS failure that is not about the certificate stays retryable");
        assertFalse(failure.getMessage().contains("secretservice42"), failure.getMessage());
    }

    @Test
    void startsNoThreadOfItsOwnAndClosesAfterAFailedConnect() {
        http.stubFor(get(urlPathEqualTo("/streaming")).willReturn(aResponse().withStatus(503)));
        Set<Thread> before = transportThreads();
        assertEquals(503, connectFailure().httpStatus().getAsInt());
        transport.close();
        Set<Thread> ours = transportThreads();
        ours.removeAll(before);
        // its own HTTP client runs tasks inline, on the client's selector thread: no pool to leave behind
        assertTrue(ours.isEmpty(), "threads of the transport's own: " + ours);
    }

    @Test
    void connectAfterCloseFailsWithoutTouchingTheNetwork() {
        transport.close();

        TransportException failure = connectFailure();

        assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
        assertEquals(0, http.getAllServeEvents().size());
    }

    private static Set<Thread> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("auraxium-jdk-"))
                .collect(Collectors.toSet());
    }
}
