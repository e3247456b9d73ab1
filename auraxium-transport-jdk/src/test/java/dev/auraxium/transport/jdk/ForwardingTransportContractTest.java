package dev.auraxium.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.junit.EventRecorder;
import dev.auraxium.testkit.tck.TransportContractTest;
import dev.auraxium.transport.ForwardingConnection;
import dev.auraxium.transport.ForwardingTransport;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A decorator built on {@link ForwardingTransport} around the JDK transport keeps the whole
 * transport contract (including: every listener call passes the connection object that the
 * connect future returns), and an EventClient works through it.
 */
class ForwardingTransportContractTest extends TransportContractTest {

    /** Counts what goes out and what comes in: the kind of decorator users write. */
    static final class CountingTransport extends ForwardingTransport {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();

        CountingTransport(Transport delegate) {
            super(delegate);
        }

        @Override
        protected TransportConnection decorate(TransportConnection connection) {
            return new ForwardingConnection(connection) {
                @Override
                public CompletableFuture<Void> sendText(String text) {
                    sent.incrementAndGet();
                    return super.sendText(text);
                }
            };
        }

        @Override
        protected TransportListener decorate(TransportListener listener) {
            return new TransportListener() {
                @Override
                public void onOpen(TransportConnection connection) {
                    listener.onOpen(connection);
                }

                @Override
                public void onText(TransportConnection connection, String message) {
                    received.incrementAndGet();
                    listener.onText(connection, message);
                }

                @Override
                public void onClose(TransportConnection connection, int code, String reason) {
                    listener.onClose(connection, code, reason);
                }

                @Override
                public void onError(TransportConnection connection, Throwable error) {
                    listener.onError(connection, error);
                }
            };
        }
    }

    @Override
    protected Transport newTransport() {
        return new CountingTransport(JdkTransport.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .closeTimeout(Duration.ofSeconds(3))
                .maxMessageChars(8 * 1024 * 1024) // the contract's 5 MB message is over the 1 Mi default
                .build());
    }

    @Test
    void anEventClientWorksThroughTheDecoratorWhichSeesItsTraffic() throws Exception {
        EventRecorder logins = new EventRecorder(Duration.ofSeconds(10));
        try (FakeEssServer server = FakeEssServer.start();
                CountingTransport counting = new CountingTransport(JdkTransport.builder().build());
                EventClient client = EventClient.builder().endpoint(server.uri()).transport(counting).build()) {
            client.addTrigger(Trigger.on(PlayerLogin.class).action(logins).build());
            PlayerLogin login = PlayerLogin.builder().build();
            server.awaitSubscribers(login, 1, Duration.ofSeconds(10));
            server.publish(login);
            assertEquals(login, logins.assertNext(PlayerLogin.class));
            assertTrue(counting.sent.get() >= 1, "the subscribe went through the wrapper");
            assertTrue(counting.received.get() >= 2, "connect sequence and the event went through the listener");
            assertEquals("jdk", client.transportName());
            assertInstanceOf(ForwardingTransport.class, counting);
        }
    }
}
