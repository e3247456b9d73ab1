package dev.auraxium.testkit.internal.ws;

import static dev.auraxium.testkit.internal.ws.RecordingHandler.take;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auraxium.testkit.EssTestClient;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server against an independent client: the JDK's own {@link WebSocket}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JdkClientTest {

    @Test
    void talksToTheJdkWebSocketClient() throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        try (WebSocketServer server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler)) {
            EssTestClient client = EssTestClient.connect(
                    URI.create("ws://127.0.0.1:" + server.port() + "/streaming?environment=ps2"));
            WebSocket ws = client.ws;
            WsConnection connection = take(handler.opened);
            assertEquals("ps2", connection.request().queryParam("environment").orElseThrow());

            ws.sendText("{\"action\":\"echo\"}", true).get(5, TimeUnit.SECONDS);
            assertEquals("{\"action\":\"echo\"}", take(handler.texts).text());
            assertEquals("{\"action\":\"echo\"}", take(client.messages));

            String large = "€".repeat(1 << 20); // 1 Mi chars, 3 MiB of UTF-8 each way
            ws.sendText(large, true).get(10, TimeUnit.SECONDS);
            assertEquals(large, take(handler.texts).text());
            assertEquals(large, take(client.messages, java.time.Duration.ofSeconds(10)));

            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
            assertEquals(WebSocket.NORMAL_CLOSURE, client.closeCode.get(5, TimeUnit.SECONDS));
            RecordingHandler.Closed closed = take(handler.closed);
            assertEquals(WebSocket.NORMAL_CLOSURE, closed.code());
            assertEquals("done", closed.reason());
        }
    }

    @Test
    void jdkClientSeesTheServersClose() throws Exception {
        RecordingHandler handler = new RecordingHandler(false);
        try (WebSocketServer server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler)) {
            EssTestClient client = EssTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"));
            WsConnection connection = take(handler.opened);
            connection.sendText("bye soon");
            connection.close(WsProtocol.CLOSE_GOING_AWAY, "maintenance");
            assertEquals("bye soon", take(client.messages));
            assertEquals(WsProtocol.CLOSE_GOING_AWAY, client.closeCode.get(5, TimeUnit.SECONDS));
            assertEquals(WsProtocol.CLOSE_GOING_AWAY, take(handler.closed).code());
        }
    }
}
