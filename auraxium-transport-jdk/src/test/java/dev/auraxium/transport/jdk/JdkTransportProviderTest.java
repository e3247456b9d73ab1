package dev.auraxium.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.TransportProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JdkTransportProviderTest {

    @Test
    void serviceLoaderFindsTheJdkProviderByNameWithPriority100() {
        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("jdk"))
                .collect(Collectors.toList());

        assertEquals(1, found.size());
        assertInstanceOf(JdkTransportProvider.class, found.get(0));
        assertEquals(100, found.get(0).priority());
    }

    @Test
    void createdTransportHonoursTheOptions() {
        TransportOptions options = new TransportOptions(Duration.ofMillis(1500), Map.of("User-Agent", "auraxium-test"));
        try (Transport transport = new JdkTransportProvider().create(options)) {
            JdkTransport jdk = assertInstanceOf(JdkTransport.class, transport);
            assertEquals("jdk", jdk.name());
            assertEquals(Duration.ofMillis(1500), jdk.connectTimeout());
            assertEquals(Map.of("User-Agent", "auraxium-test"), jdk.headers());
        }
    }

    @Test
    void builderRejectsHeadersTheHandshakeOwnsAndNamesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdkTransport.builder().header("Sec-WebSocket-Key", "x"));
        assertTrue(e.getMessage().contains("Sec-WebSocket-Key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JdkTransport.builder().header("Upgrade", "x"));
        assertThrows(IllegalArgumentException.class, () -> JdkTransport.builder().header("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> JdkTransport.builder().header("X-Ok", "a\r\nInjected: 1"));
    }

    @Test
    void builderRejectsNonPositiveTimeoutsAndNamesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdkTransport.builder().connectTimeout(Duration.ZERO));
        assertTrue(e.getMessage().startsWith("connectTimeout must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JdkTransport.builder().closeTimeout(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().startsWith("closeTimeout must be positive"), e.getMessage());
    }

    @Test
    void connectRejectsNonWebSocketSchemes() {
        try (JdkTransport transport = JdkTransport.builder().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> transport.connect(URI.create("http://127.0.0.1/streaming"), new dev.auraxium.transport.TransportListener() { }));
            assertTrue(e.getMessage().contains("'http'"), e.getMessage());
        }
    }
}
