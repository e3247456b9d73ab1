package dev.auraxium.testkit.internal.ws;

import dev.auraxium.testsupport.Await;
import static dev.auraxium.testkit.internal.ws.RecordingHandler.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RobustnessTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void garbageAndHalfHandshakesDoNotDisturbAHealthyConnection() throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        server = WebSocketServer.start(WebSocketServer.Config.defaults().withHandshakeTimeout(Duration.ofMillis(500)), handler);
        try (RawClient healthy = new RawClient(server.port()).open("/");
             RawClient half = new RawClient(server.port());
             RawClient garbage = new RawClient(server.port())) {
            half.writeAscii("GET / HTTP/1.1\r\nUpgrade: websocket\r\n");
            byte[] noise = new byte[20_000];
            new Random(42).nextBytes(noise);
            garbage.out.write(noise);
            garbage.out.flush();

            for (int i = 0; i < 20; i++) {
                healthy.sendText("ping " + i);
                assertEquals("ping " + i, healthy.readFrame().text());
            }
            assertTrue(garbage.awaitEndOfStream(), "garbage gets its connection closed");
            assertTrue(half.awaitEndOfStream(), "a half handshake is dropped after the handshake timeout");
            healthy.sendText("still here");
            assertEquals("still here", healthy.readFrame().text());
            assertEquals(1, server.connections().size());
            assertTrue(handler.closed.isEmpty(), "connections that never opened report no close");
        }
    }

    @Test
    void abortsAClientThatNeverReadsWhileAnotherKeepsReceiving() throws Exception {
        RecordingHandler handler = new RecordingHandler(false);
        server = WebSocketServer.start(WebSocketServer.Config.defaults().withMaxPendingBytesPerConnection(256 * 1024), handler);
        try (RawClient stalled = new RawClient(server.port(), 4096).open("/stalled");
             RawClient healthy = new RawClient(server.port()).open("/healthy")) {
            WsConnection first = take(handler.opened);
            WsConnection second = take(handler.opened);
            WsConnection stalledConnection = first.request().path().equals("/stalled") ? first : second;
            WsConnection healthyConnection = stalledConnection == first ? second : first;
            assertEquals("/healthy", healthyConnection.request().path());
            String chunk = "s".repeat(8 * 1024);
            int sent = 0;
            while (stalledConnection.isOpen() && sent < 100_000) {
                stalledConnection.sendText(chunk);
                sent++;
                if (sent % 500 == 0) {
                    healthyConnection.sendText("tick " + sent);
                }
            }
            assertFalse(stalledConnection.isOpen(), "the stalled connection must be aborted, sent " + sent);
            RecordingHandler.Closed closed = take(handler.closed);
            assertEquals(stalledConnection, closed.connection());
            assertEquals(WsProtocol.CLOSE_ABNORMAL, closed.code());
            assertTrue(closed.reason().contains("overflow"), closed.reason());

            healthyConnection.sendText("after the abort");
            String last;
            do {
                last = healthy.readFrame().text();
            } while (last.startsWith("tick"));
            assertEquals("after the abort", last);
            assertEquals(List.of(healthyConnection), server.connections());
        }
    }

    @Test
    void deliversManySmallFramesInOrder() throws Exception {
        RecordingHandler handler = new RecordingHandler(false);
        server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler);
        int count = 200_000;
        String filler = "{\"payload\":{\"event_name\":\"GainExperience\",\"amount\":\"10\",\"character_id\":\"5428010618015189713\","
                + "\"experience_id\":\"1\",\"loadout_id\":\"4\",\"other_id\":\"0\",\"timestamp\":\"1700000000\","
                + "\"world_id\":\"10\",\"zone_id\":\"2\"},\"service\":\"event\",\"type\":\"serviceMessage\"}";
        try (RawClient client = new RawClient(server.port()).open("/")) {
            WsConnection connection = take(handler.opened);
            CompletableFuture<long[]> counted = CompletableFuture.supplyAsync(() -> countFrames(client, count));
            for (int i = 0; i < count; i++) {
                connection.sendText(i + filler);
            }
            long[] result = counted.get(30, TimeUnit.SECONDS);
            assertEquals(count, result[0], "frames received");
            assertEquals(1, result[1], "frames out of order");
            Await.until(() -> connection.framesSent() == count, "framesSent == " + count);
            Await.until(() -> connection.pendingBytes() == 0, "nothing pending");
        }
    }

    /** @return {frames, 1 if every frame carried the next sequence number else 0} */
    private static long[] countFrames(RawClient client, int count) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.in, 1 << 16));
            long inOrder = 1;
            byte[] payload = new byte[1024];
            for (int i = 0; i < count; i++) {
                in.readUnsignedByte();
                int len = in.readUnsignedByte();
                if (len == 126) {
                    len = in.readUnsignedShort();
                }
                in.readFully(payload, 0, len);
                String text = new String(payload, 0, len, StandardCharsets.US_ASCII);
                if (!text.startsWith(i + "{")) {
                    inOrder = 0;
                }
            }
            return new long[] {count, inOrder};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void slowWritesDelayEachSocketWrite() throws Exception {
        RecordingHandler handler = new RecordingHandler(false);
        server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler);
        try (RawClient client = new RawClient(server.port()).open("/")) {
            WsConnection connection = take(handler.opened);
            connection.setWriteDelay(Duration.ofMillis(300));
            long start = System.nanoTime();
            connection.sendText("slow");
            assertEquals("slow", client.readFrame().text());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
            connection.setWriteDelay(Duration.ZERO);
        }
    }

    @Test
    void aThrowingHandlerIsCountedAndTheStreamGoesOn() throws Exception {
        RecordingHandler handler = new RecordingHandler(true) {
            @Override
            public void onText(WsConnection connection, String text) {
                if (text.equals("boom")) {
                    throw new IllegalStateException("handler bug");
                }
                super.onText(connection, text);
            }
        };
        server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler);
        try (RawClient client = new RawClient(server.port()).open("/")) {
            client.sendText("boom");
            client.sendText("fine");
            assertEquals("fine", client.readFrame().text());
            assertEquals(1, server.handlerFailures());
        }
    }

    @Test
    void closeEndsEveryThreadItStartedAndClosesConnectionsWith1001() throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler);
        String prefix = server.threadNamePrefix();
        try (RawClient open = new RawClient(server.port()).open("/");
             RawClient silent = new RawClient(server.port()).open("/");
             RawClient half = new RawClient(server.port())) {
            half.writeAscii("GET / HTTP/1.1\r\n");
            take(handler.opened);
            take(handler.opened);
            assertFalse(namedThreads(prefix).isEmpty());
            CompletableFuture<Integer> answered = CompletableFuture.supplyAsync(() -> {
                try {
                    int code = open.readUntilClose().closeCode();
                    open.sendFrame(true, WsProtocol.OPCODE_CLOSE, RawClient.closePayload(code, ""));
                    return code;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            server.close();

            assertEquals(List.of(), namedThreads(prefix), "threads still alive after close()");
            assertEquals(WsProtocol.CLOSE_GOING_AWAY, answered.get(5, TimeUnit.SECONDS));
            assertEquals(WsProtocol.CLOSE_GOING_AWAY, silent.readUntilClose().closeCode());
            assertEquals(2, handler.closed.size(), "each open connection reports its close once");
            assertTrue(half.awaitEndOfStream());
            server.close(); // idempotent
            assertTrue(server.isClosed());
        }
    }

    private static List<String> namedThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .map(Thread::getName)
                .collect(Collectors.toList());
    }
}
