package dev.auraxium.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.auraxium.client.NoTransportException;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.TransportProvider;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;

class TransportDiscoveryTest {

    record Named(String name, int priority) implements TransportProvider {
        @Override
        public Transport create(TransportOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    static TransportDiscovery.Candidate ok(TransportProvider p) {
        return new TransportDiscovery.Candidate(p.getClass().getName(), () -> p);
    }

    @Test
    void failsNamingTheJdkArtifactWhenNoneIsFound() {
        NoTransportException e = assertThrows(NoTransportException.class, () -> TransportDiscovery.choose(List.of(), null));
        assertEquals("No ESS transport found: add the dev.auraxium:auraxium-transport-jdk artifact to the class path "
                + "or module path, or pass one with EventClient.builder().transport(...)", e.getMessage());
    }

    @Test
    void choosesTheOnlyProviderSilently() {
        Named jdk = new Named("jdk", 10);
        TransportDiscovery.Result r = TransportDiscovery.choose(List.of(ok(jdk)), null);
        assertSame(jdk, r.provider());
        assertEquals(List.of(), r.problems());
        assertEquals(Optional.empty(), r.choice());
    }

    @Test
    void choosesTheHighestPriorityOfTwoAndListsThem() {
        Named low = new Named("netty", 5);
        Named high = new Named("jdk", 10);
        TransportDiscovery.Result r = TransportDiscovery.choose(List.of(ok(low), ok(high)), null);
        assertSame(high, r.provider());
        assertEquals(Optional.of("Found 2 ESS transport providers: jdk (priority 10), netty (priority 5); using 'jdk' "
                + "(highest priority; set -Dauraxium.transport=<name> to choose)"), r.choice());
    }

    @Test
    void honoursTheSystemPropertyOverPriority() {
        Named low = new Named("netty", 5);
        Named high = new Named("jdk", 10);
        assertSame(low, TransportDiscovery.choose(List.of(ok(low), ok(high)), "netty").provider());
        NoTransportException e = assertThrows(NoTransportException.class,
                () -> TransportDiscovery.choose(List.of(ok(low), ok(high)), "okhttp"));
        assertEquals("System property auraxium.transport=okhttp names no ESS transport provider; found: "
                + "jdk (priority 10), netty (priority 5)", e.getMessage());
    }

    @Test
    void reportsAndSkipsABrokenProvider() {
        Named jdk = new Named("jdk", 10);
        TransportDiscovery.Candidate broken = new TransportDiscovery.Candidate("com.example.BrokenProvider", () -> {
            throw new ServiceConfigurationError("com.example.BrokenProvider could not be instantiated");
        });
        TransportDiscovery.Result r = TransportDiscovery.choose(List.of(broken, ok(jdk)), null);
        assertSame(jdk, r.provider());
        assertEquals(List.of("Skipping ESS transport provider com.example.BrokenProvider: it failed to load: "
                + "java.util.ServiceConfigurationError: com.example.BrokenProvider could not be instantiated"), r.problems());
    }

    @Test
    void findsNothingThroughTheRealServiceLoaderInCoreAlone() {
        // core has no provider of its own: discovery through the real ServiceLoader finds none
        ClassLoader empty = new ClassLoader(null) {
        };
        assertEquals(List.of(), TransportDiscovery.fromServiceLoader(empty));
    }
}
