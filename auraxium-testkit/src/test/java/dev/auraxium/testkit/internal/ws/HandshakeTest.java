package dev.auraxium.testkit.internal.ws;

import static dev.auraxium.testkit.internal.ws.RecordingHandler.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandshakeTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RecordingHandler start(RecordingHandler handler) throws IOException {
        server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler);
        return handler;
    }

    @Test
    void computesTheAcceptKeyOfTheRfcExample() {
        // the worked example of RFC 6455 section 1.3
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WsProtocol.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void upgradesAndShowsTheHandlerPathQueryAndHeaders() throws Exception {
        RecordingHandler handler = start(new RecordingHandler(false));
        try (RawClient client = new RawClient(server.port())) {
            String key = RawClient.newKey();
            client.writeAscii("GET /streaming?environment=ps2&service-id=s%3Aexample&flag HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nupgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nX-Test: a\r\nX-Test: b\r\n\r\n");
            RawClient.Response response = client.readResponseHead();
            assertEquals(101, response.status());
            assertEquals(WsProtocol.acceptKey(key), response.header("Sec-WebSocket-Accept"));
            assertEquals("websocket", response.header("Upgrade"));
            HandshakeRequest request = take(handler.handshakes);
            assertEquals("GET", request.method());
            assertEquals("/streaming", request.path());
            assertEquals("ps2", request.queryParam("environment").orElseThrow());
            assertEquals("s:example", request.queryParam("service-id").orElseThrow());
            assertEquals("", request.queryParam("flag").orElseThrow());
            assertEquals(List.of("a", "b"), request.headers().get("x-test"));
            assertTrue(request.header("HOST").isPresent());
            assertTrue(!request.toString().contains("example"), "the service id must not appear in logs");
            WsConnection connection = take(handler.opened);
            assertEquals(request, connection.request());
            assertEquals(List.of(connection), server.connections());
        }
    }

    @Test
    void refusesAMissingKeyWith400() throws Exception {
        RecordingHandler handler = start(new RecordingHandler(false));
        assertEquals(400, refusal(RawClient.upgradeRequest("/", null, "")).status());
        assertTrue(handler.handshakes.isEmpty(), "an invalid upgrade never reaches the handler");
    }

    @Test
    void refusesAKeyThatIsNotSixteenBytesWith400() throws Exception {
        start(new RecordingHandler(false));
        assertEquals(400, refusal(RawClient.upgradeRequest("/", "c2hvcnQ=", "")).status());
    }

    @Test
    void refusesAnotherVersionWith426NamingVersion13() throws Exception {
        start(new RecordingHandler(false));
        String request = RawClient.upgradeRequest("/", RawClient.newKey(), "")
                .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
        RawClient.Response response = refusal(request);
        assertEquals(426, response.status());
        assertEquals("13", response.header("Sec-WebSocket-Version"));
    }

    @Test
    void refusesAnUpgradeWithoutTheConnectionTokenWith400() throws Exception {
        start(new RecordingHandler(false));
        String request = RawClient.upgradeRequest("/", RawClient.newKey(), "").replace("Connection: Upgrade", "Connection: keep-alive");
        assertEquals(400, refusal(request).status());
    }

    @Test
    void refusesAPostWith405() throws Exception {
        start(new RecordingHandler(false));
        String request = RawClient.upgradeRequest("/", RawClient.newKey(), "").replaceFirst("GET", "POST");
        RawClient.Response response = refusal(request);
        assertEquals(405, response.status());
        assertEquals("GET", response.header("Allow"));
    }

    @Test
    void refusesAnOversizeHeadWith431() throws Exception {
        start(new RecordingHandler(false));
        String request = RawClient.upgradeRequest("/", RawClient.newKey(),
                "X-Big: " + "b".repeat(HttpHandshake.MAX_HEAD_BYTES) + "\r\n");
        assertEquals(431, refusal(request).status());
    }

    @Test
    void sendsTheHandlersRejectWithStatusHeadersAndBody() throws Exception {
        RecordingHandler handler = start(new RecordingHandler(false,
                r -> HandshakeResponse.reject(503, "busy, come back later").withHeader("Retry-After", "7")));
        RawClient.Response response = refusal(RawClient.upgradeRequest("/streaming", RawClient.newKey(), ""));
        assertEquals(503, response.status());
        assertEquals("7", response.header("Retry-After"));
        assertEquals("close", response.header("Connection"));
        assertEquals("busy, come back later", response.body());
        assertTrue(handler.opened.isEmpty());
        assertTrue(server.connections().isEmpty());
    }

    @Test
    void answers500WhenTheHandshakeHandlerThrows() throws Exception {
        start(new RecordingHandler(false, r -> {
            throw new IllegalStateException("handler bug");
        }));
        assertEquals(500, refusal(RawClient.upgradeRequest("/", RawClient.newKey(), "")).status());
        assertEquals(1, server.handlerFailures());
    }

    @Test
    void dropsAHalfHandshakeAfterTheTimeout() throws Exception {
        halfHandshakeDroppedAfterNanos();
    }

    /** How soon {@link #dropsAHalfHandshakeAfterTheTimeout} drops it: a wall-clock limit, so not in the default build. */
    @Test
    @Tag("timing")
    void dropsAHalfHandshakeSoonAfterTheTimeout() throws Exception {
        long nanos = halfHandshakeDroppedAfterNanos();
        assertTrue(nanos < TimeUnit.SECONDS.toNanos(4), "dropped after " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
    }

    private long halfHandshakeDroppedAfterNanos() throws Exception {
        server = WebSocketServer.start(WebSocketServer.Config.defaults().withHandshakeTimeout(Duration.ofMillis(300)),
                new RecordingHandler(false));
        try (RawClient client = new RawClient(server.port())) {
            client.writeAscii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            long start = System.nanoTime();
            assertTrue(client.awaitEndOfStream(), "the server must give up on a half handshake");
            return System.nanoTime() - start;
        }
    }

    @Test
    void rejectsBadConfigValuesNamingThem() {
        WebSocketServer.Config defaults = WebSocketServer.Config.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> defaults.withPort(70_000))
                .getMessage().contains("70000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> defaults.withMaxMessageBytes(0))
                .getMessage().contains("maxMessageBytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> defaults.withHandshakeTimeout(Duration.ZERO))
                .getMessage().contains("handshakeTimeout"));
        assertThrows(IllegalArgumentException.class, () -> HandshakeResponse.reject(101, ""));
        assertThrows(IllegalArgumentException.class, () -> HandshakeResponse.reject(503, "").withHeader("X", "a\r\nb"));
    }

    private RawClient.Response refusal(String request) throws IOException {
        try (RawClient client = new RawClient(server.port())) {
            client.writeAscii(request);
            RawClient.Response response = client.readResponseHead();
            assertTrue(client.awaitEndOfStream(), "the server closes after a refusal");
            return response;
        }
    }
}
