package dev.auraxium.testsupport;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WebSocket.Listener} for tests that talk to a server through the JDK's own WebSocket
 * client: it keeps every whole text message (joining the fragments the JDK may hand over) in
 * {@link #messages}, asks for one message at a time, and completes {@link #closeCode} or
 * {@link #error} when the connection ends. Tests may extend it with their own readers.
 *
 * <p>The JDK calls it on one thread at a time; {@link #messages} and the futures may be read from
 * any thread. The queue holds what the test provoked and is read by it; it is not bounded.
 */
public class TextMessages implements WebSocket.Listener {
    /** Whole text messages, in the order received. */
    public final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    /** The close code the server sent. */
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** What ended the connection without a close, if anything did. */
    public final CompletableFuture<Throwable> error = new CompletableFuture<>();
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
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable e) {
        error.complete(e);
    }

    /**
     * @param timeout how long to wait for it
     * @return the next whole message
     * @throws AssertionError when none arrives within {@code timeout}
     * @throws InterruptedException when interrupted while waiting
     */
    public String next(Duration timeout) throws InterruptedException {
        String m = messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return m;
    }
}
