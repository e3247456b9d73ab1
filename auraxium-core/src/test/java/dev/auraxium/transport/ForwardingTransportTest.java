package dev.auraxium.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The base passes one wrapper to the listener and the future, however the delegate hands its connection over. */
class ForwardingTransportTest {

    /** A delegate that calls the listener with its own connection, before and after the future completes. */
    static final class Inner implements Transport {
        final CompletableFuture<TransportConnection> future = new CompletableFuture<>();
        TransportListener listener;
        boolean closed;
        final TransportConnection connection = new IdleConnection("inner");

        @Override
        public CompletableFuture<TransportConnection> connect(URI uri, TransportListener l) {
            listener = l;
            l.onOpen(connection);
            return future;
        }

        @Override
        public String name() {
            return "inner";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theListenerAndTheFutureGetTheSameWrapperMadeOnce() throws Exception {
        Inner inner = new Inner();
        AtomicInteger decorated = new AtomicInteger();
        List<TransportConnection> seen = new CopyOnWriteArrayList<>();
        ForwardingTransport t = new ForwardingTransport(inner) {
            @Override
            protected TransportConnection decorate(TransportConnection connection) {
                decorated.incrementAndGet();
                return new ForwardingConnection(connection) { };
            }
        };
        CompletableFuture<TransportConnection> f = t.connect(URI.create("ws://127.0.0.1:1/streaming"),
                new TransportListener() {
                    @Override
                    public void onOpen(TransportConnection connection) {
                        seen.add(connection);
                    }

                    @Override
                    public void onText(TransportConnection connection, String message) {
                        seen.add(connection);
                    }

                    @Override
                    public void onClose(TransportConnection connection, int code, String reason) {
                        seen.add(connection);
                    }
                });
        inner.future.complete(inner.connection);
        TransportConnection wrapper = f.get();
        inner.listener.onText(inner.connection, "m");
        inner.listener.onClose(inner.connection, 1000, "");
        assertEquals(1, decorated.get());
        assertEquals(3, seen.size());
        seen.forEach(c -> assertSame(wrapper, c));
        assertTrue(wrapper instanceof ForwardingConnection);
        assertEquals("inner", t.name());
        t.close();
        assertTrue(inner.closed);
    }
}
