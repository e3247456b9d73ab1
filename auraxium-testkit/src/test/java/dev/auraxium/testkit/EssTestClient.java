package dev.auraxium.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.ServerMessage;
import dev.auraxium.testsupport.TextMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test peer on the JDK's own {@link WebSocket}: collects whole text messages (reassembling
 * fragments), asking for one message at a time, and records how the connection ended. Public for
 * the tests of the WebSocket layer in {@code internal.ws}, which meet the same independent client.
 */
public final class EssTestClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final BlockingQueue<String> messages;
    public final CompletableFuture<Integer> closeCode;
    final CompletableFuture<Throwable> error;
    public final WebSocket ws;

    private EssTestClient(URI uri) {
        TextMessages listener = new TextMessages();
        this.messages = listener.messages;
        this.closeCode = listener.closeCode;
        this.error = listener.error;
        this.ws = HTTP.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, listener).join();
    }

    public static EssTestClient connect(URI uri) {
        return new EssTestClient(uri);
    }

    /** Connects and consumes the connect sequence (connected, help prompt, one state per endpoint). */
    static EssTestClient connectReady(FakeEssServer server, int endpoints) throws InterruptedException {
        EssTestClient c = connect(server.uri(dev.auraxium.event.Environment.PS2, "s:example"));
        for (int i = 0; i < 2 + endpoints; i++) {
            c.next();
        }
        return c;
    }

    void send(String text) {
        ws.sendText(text, true).join();
    }

    String next() throws InterruptedException {
        String m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            fail("no message within " + WAIT);
        }
        return m;
    }

    ServerMessage nextMessage() throws InterruptedException {
        return EssCodec.standard().decodeServerMessage(next());
    }

    /** Skips messages (e.g. heartbeats) until one matches. */
    ServerMessage nextMatching(Predicate<ServerMessage> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String m = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null) {
                break;
            }
            ServerMessage decoded = EssCodec.standard().decodeServerMessage(m);
            if (wanted.test(decoded)) {
                return decoded;
            }
        }
        return fail("no matching message within " + WAIT);
    }

    @Override
    public void close() {
        ws.abort();
    }
}
