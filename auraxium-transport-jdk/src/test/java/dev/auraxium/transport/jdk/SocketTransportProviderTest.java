package dev.auraxium.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportListener;
import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.TransportProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SocketTransportProviderTest {

    @Test
    void serviceLoaderFindsItByNameBelowTheJdkTransport() {
        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        TransportProvider socket = found.stream().filter(p -> p.name().equals("socket")).findFirst().orElseThrow();
        assertInstanceOf(SocketTransportProvider.class, socket);
        assertEquals(50, socket.priority());
        TransportProvider preferred = found.stream()
                .max(Comparator.comparingInt(TransportProvider::priority)).orElseThrow();
        assertEquals("jdk", preferred.name(), "the JDK's WebSocket stays the default");
    }

    @Test
    void createdTransportHonoursTheOptions() {
        TransportOptions options = new TransportOptions(Duration.ofMillis(1500), Map.of("User-Agent", "auraxium-test"));
        try (Transport transport = new SocketTransportProvider().create(options)) {
            SocketTransport socket = assertInstanceOf(SocketTransport.class, transport);
            assertEquals("socket", socket.name());
            assertEquals(Duration.ofMillis(1500), socket.connectTimeout());
            assertEquals(Map.of("User-Agent", "auraxium-test"), socket.headers());
            assertEquals(TransportBuilder.DEFAULT_MAX_MESSAGE_CHARS, socket.maxMessageChars());
        }
    }

    @Test
    void builderChecksItsArgumentsAndNamesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SocketTransport.builder().header("Sec-WebSocket-Key", "x"));
        assertTrue(e.getMessage().contains("Sec-WebSocket-Key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SocketTransport.builder().header("X-Ok", "a\r\nInjected: 1"));
        e = assertThrows(IllegalArgumentException.class, () -> SocketTransport.builder().connectTimeout(Duration.ZERO));
        assertTrue(e.getMessage().startsWith("connectTimeout must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SocketTransport.builder().maxMessageChars(10));
        assertTrue(e.getMessage().contains("at least 1024"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SocketTransport.builder().readCoalescing(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().startsWith("readCoalescing must be between 0 and 1000 ms"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SocketTransport.builder().readCoalescing(Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("was 2000 ms"), e.getMessage());
        assertThrows(NullPointerException.class, () -> SocketTransport.builder().readCoalescing(null));
        try (SocketTransport t = SocketTransport.builder().readCoalescing(Duration.ofMillis(50)).build();
                SocketTransport off = SocketTransport.builder().build()) {
            assertEquals(Duration.ofMillis(50), t.readCoalescing());
            assertEquals(Duration.ZERO, off.readCoalescing(), "off by default");
        }
    }

    @Test
    void connectRejectsNonWebSocketSchemesAndAClosedTransportFailsTheFuture() {
        SocketTransport transport = SocketTransport.builder().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> transport.connect(URI.create("http://127.0.0.1/streaming"), new TransportListener() { }));
        assertTrue(e.getMessage().contains("'http'"), e.getMessage());
        transport.close();
        assertTrue(transport.connect(URI.create("ws://127.0.0.1:1/streaming"), new TransportListener() { })
                .isCompletedExceptionally());
    }
}
