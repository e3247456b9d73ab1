package dev.auraxium.testkit.internal.ws;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A handler that records what happens, echoes text if asked, and lets tests wait for each event. */
class RecordingHandler implements WebSocketHandler {

    record Closed(WsConnection connection, int code, String reason) {
    }

    record Text(WsConnection connection, String text) {
    }

    final BlockingQueue<HandshakeRequest> handshakes = new LinkedBlockingQueue<>();
    final BlockingQueue<WsConnection> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<Text> texts = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    final BlockingQueue<Closed> closed = new LinkedBlockingQueue<>();
    private final boolean echo;
    private final Function<HandshakeRequest, HandshakeResponse> decide;

    RecordingHandler(boolean echo) {
        this(echo, r -> HandshakeResponse.accept());
    }

    RecordingHandler(boolean echo, Function<HandshakeRequest, HandshakeResponse> decide) {
        this.echo = echo;
        this.decide = decide;
    }

    @Override
    public HandshakeResponse onHandshake(HandshakeRequest request) {
        handshakes.add(request);
        return decide.apply(request);
    }

    @Override
    public void onOpen(WsConnection connection) {
        opened.add(connection);
    }

    @Override
    public void onText(WsConnection connection, String text) {
        texts.add(new Text(connection, text));
        if (echo) {
            connection.sendText(text);
        }
    }

    @Override
    public void onBinary(WsConnection connection, byte[] data) {
        binaries.add(data);
    }

    @Override
    public void onClose(WsConnection connection, int code, String reason) {
        closed.add(new Closed(connection, code, reason));
    }

    static <T> T take(BlockingQueue<T> queue, Duration timeout) throws InterruptedException {
        T item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError("nothing arrived within " + timeout);
        }
        return item;
    }

    static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
        return take(queue, Duration.ofSeconds(5));
    }
}
