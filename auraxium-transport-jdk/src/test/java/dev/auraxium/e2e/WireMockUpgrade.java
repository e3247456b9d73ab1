package dev.auraxium.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.auraxium.client.ConnectionEvent;
import dev.auraxium.client.EventClient;
import dev.auraxium.transport.jdk.JdkTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests of a refused or broken upgrade share: WireMock on 127.0.0.1 stands where the ESS
 * would be (each test stubs {@code /streaming}), and the whole client over the JDK transport is
 * aimed at it, its errors collected in {@link #reported} and its failed attempts in
 * {@link #failedAttempts}. The server, the transports and the
 * clients are closed after each test.
 */
abstract class WireMockUpgrade {
    static final String SECRET = "secretservice42";
    static final String SERVICE_ID = "s:" + SECRET;

    WireMockServer http;
    final List<Throwable> reported = new CopyOnWriteArrayList<>();
    final List<ConnectionEvent> failedAttempts = new CopyOnWriteArrayList<>();
    private final Closer closer = new Closer();

    @BeforeEach
    void startHttp() {
        http = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        http.start();
    }

    @AfterEach
    void stopHttp() throws Exception {
        try {
            closer.close();
        } finally {
            http.stop();
        }
    }

    /** A client that would retry after at most 50 ms unless told to wait longer. */
    EventClient client(Duration connectTimeout) {
        JdkTransport transport = closer.keep(JdkTransport.builder().connectTimeout(connectTimeout).build());
        return closer.keep(EventClient.builder().serviceId(SERVICE_ID)
                .endpoint(URI.create("ws://127.0.0.1:" + http.port() + "/streaming")).transport(transport)
                .reconnectDelay(Duration.ofMillis(50)).subscriptionProbeInterval(Duration.ZERO)
                .errorHandler(reported::add).connectionListener(e -> {
                    if (e.kind() == ConnectionEvent.Kind.FAILED) {
                        failedAttempts.add(e);
                    }
                }).build());
    }

    /** @return how many upgrade requests reached the server */
    int upgradeRequests() {
        return http.countRequestsMatching(getRequestedFor(urlPathEqualTo("/streaming")).build()).getCount();
    }
}
