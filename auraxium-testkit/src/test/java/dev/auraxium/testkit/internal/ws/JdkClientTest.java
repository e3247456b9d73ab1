package dev.auraxium.testkit.internal.ws;

import static dev.auraxium.testkit.internal.ws.RecordingHandler.take;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server against an independent client: the JDK's own {@link WebSocket}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JdkClientTest {

    /** Collects whole messages (the JDK may hand over fragments) and the close. */
    private static final class Collector implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    @Test
    void talksToTheJdkWebSocketClient() throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        try (WebSocketServer server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler)) {
            HttpClient http = HttpClient.newHttpClient();
            Collector collector = new Collector();
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/streaming?environment=ps2");
            WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, collector).get(10, TimeUnit.SECONDS);
            WsConnection connection = take(handler.opened);
            assertEquals("ps2", connection.request().queryParam("environment").orElseThrow());

            ws.sendText("{\"action\":\"echo\"}", true).get(5, TimeUnit.SECONDS);
            assertEquals("{\"action\":\"echo\"}", take(handler.texts).text());
            assertEquals("{\"action\":\"echo\"}", take(collector.messages));

            String large = "€".repeat(1 << 20); // 1 Mi chars, 3 MiB of UTF-8 each way
            ws.sendText(large, true).get(10, TimeUnit.SECONDS);
            assertEquals(large, take(handler.texts).text());
            assertEquals(large, take(collector.messages, java.time.Duration.ofSeconds(10)));

            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
            assertEquals(WebSocket.NORMAL_CLOSURE, collector.closed.get(5, TimeUnit.SECONDS));
            RecordingHandler.Closed closed = take(handler.closed);
            assertEquals(WebSocket.NORMAL_CLOSURE, closed.code());
            assertEquals("done", closed.reason());
        }
    }

    @Test
    void jdkClientSeesTheServersClose() throws Exception {
        RecordingHandler handler = new RecordingHandler(false);
        try (WebSocketServer server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler)) {
            Collector collector = new Collector();
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), collector).get(10, TimeUnit.SECONDS);
            WsConnection connection = take(handler.opened);
            connection.sendText("bye soon");
            connection.close(WsProtocol.CLOSE_GOING_AWAY, "maintenance");
            assertEquals("bye soon", take(collector.messages));
            assertEquals(WsProtocol.CLOSE_GOING_AWAY, collector.closed.get(5, TimeUnit.SECONDS));
            assertEquals(WsProtocol.CLOSE_GOING_AWAY, take(handler.closed).code());
        }
    }
}
