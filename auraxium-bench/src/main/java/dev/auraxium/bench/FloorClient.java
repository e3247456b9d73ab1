package dev.auraxium.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * The floors under a client's cost per event, for {@link LiveRate}: processes that receive the
 * same stream and do as little as a JVM can with it.
 *
 * <ul>
 *   <li>{@code raw}: one thread blocked in {@code read()} on a plain socket, after a minimal
 *       WebSocket handshake; it neither parses frames nor decodes text. What a JVM pays to be woken
 *       for each event.</li>
 *   <li>{@code jdk-ws}: the JDK's {@code java.net.http.WebSocket} with an inline executor (as
 *       {@code JdkTransport} sets it up), a listener that only counts and requests the next
 *       message. What that client costs before any work of ours.</li>
 * </ul>
 *
 * <pre>{@code java -cp benchmarks.jar dev.auraxium.bench.LiveRate rate -- java <options> -cp benchmarks.jar dev.auraxium.bench.FloorClient raw {uri}}</pre>
 *
 * Both subscribe to everything and run until killed.
 */
public final class FloorClient {
    private static final String SUBSCRIBE = "{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[\"all\"],"
            + "\"worlds\":[\"all\"],\"eventNames\":[\"all\"],\"logicalAndCharactersWithWorlds\":false}";

    private FloorClient() {
    }

    /**
     * @param args {@code raw|jdk-ws URI}
     * @throws Exception if the connection fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: FloorClient raw|jdk-ws ws://host:port/streaming");
            System.exit(2);
        }
        URI uri = URI.create(args[1] + "?environment=ps2&service-id=s:example");
        switch (args[0]) {
            case "raw" -> raw(uri);
            case "jdk-ws" -> jdkWebSocket(uri);
            default -> {
                System.err.println("unknown floor '" + args[0] + "': raw or jdk-ws");
                System.exit(2);
            }
        }
    }

    private static void raw(URI uri) throws IOException {
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[64 * 1024];
            boolean subscribed = false;
            while (in.read(buf) > 0) {
                if (!subscribed) { // the first read holds the handshake's answer
                    byte[] text = SUBSCRIBE.getBytes(StandardCharsets.US_ASCII);
                    ByteArrayOutputStream frame = new ByteArrayOutputStream();
                    frame.write(0x81);
                    frame.write(0x80 | 126);
                    frame.write(text.length >>> 8);
                    frame.write(text.length & 0xFF);
                    frame.write(new byte[4]); // a zero mask leaves the payload as it is
                    frame.write(text);
                    out.write(frame.toByteArray());
                    subscribed = true;
                }
            }
        }
    }

    private static void jdkWebSocket(URI uri) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        HttpClient client = HttpClient.newBuilder().executor(Runnable::run).build();
        WebSocket ws = client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                ended.countDown();
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                ended.countDown();
            }
        }).join();
        ws.sendText(SUBSCRIBE, true).join();
        ended.await();
    }
}
