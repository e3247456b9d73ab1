package dev.auraxium.transport.jdk.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.transport.TransportException;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The failures that cannot be provoked on loopback without DNS. */
class ConnectFailuresTest {
    private static final URI URI_WITH_ID = URI.create("wss://push.example.invalid/streaming?service-id=s:topsecret99");

    @Test
    void unresolvableHostIsNamedEvenWhenWrappedByTheJdk() {
        Throwable jdk = new CompletionException(new IOException(new UnresolvedAddressException()));

        TransportException failure = ConnectFailures.map(jdk, URI_WITH_ID, Duration.ofSeconds(1), Clock.systemUTC());

        assertTrue(failure.getMessage().startsWith("Could not resolve the host 'push.example.invalid'"),
                failure.getMessage());
        assertTrue(!failure.getMessage().contains("topsecret99"), failure.getMessage());
        assertTrue(failure.httpStatus().isEmpty());
    }
}
