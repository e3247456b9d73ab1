package dev.auraxium.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Environment;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.testsupport.TextMessages;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fake ESS over TLS, reached with the JDK's own WebSocket. */
@Timeout(30)
class FakeEssServerTlsTest {

    @Test
    void servesWssThatAClientTrustingTheTestCertificateCanUse() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().tls().start()) {
            assertEquals("wss", server.uri().getScheme());
            HttpClient http = HttpClient.newBuilder().sslContext(server.clientSslContext()).build();
            TextMessages got = new TextMessages();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(server.uri(Environment.PS2, "s:example"), got).join();
            try {
                assertEquals(new ConnectionStateChanged(true),
                        EssCodec.standard().decode(got.messages.poll(10, TimeUnit.SECONDS)));
                ws.sendText("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"over\":\"tls\"}}", true).join();
                String reply;
                do {
                    reply = got.messages.poll(10, TimeUnit.SECONDS);
                } while (reply != null && !reply.contains("over"));
                assertEquals("{\"over\":\"tls\"}", reply);
            } finally {
                ws.abort();
            }
        }
    }

    @Test
    void aClientWithTheDefaultTrustStoreRefusesTheCertificate() {
        try (FakeEssServer server = FakeEssServer.builder().tls().start()) {
            CompletionException e = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
                    .newWebSocketBuilder().buildAsync(server.uri(Environment.PS2, "s:example"), new WebSocket.Listener() {
                    }).join());
            boolean handshake = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
                handshake |= t instanceof SSLHandshakeException;
            }
            assertTrue(handshake, "expected a TLS handshake failure, got " + e);
            assertTrue(server.connections().isEmpty());
        }
    }

    @Test
    void thePemIsTheTestCertificateForLocalhostAndLoopback() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().tls().start(); FakeEssServer plain = FakeEssServer.start()) {
            assertFalse(plain.isTls());
            assertEquals("ws", plain.uri().getScheme());
            String pem = server.certificatePem();
            assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n") && pem.endsWith("-----END CERTIFICATE-----\n"), pem);
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            assertTrue(cert.getSubjectX500Principal().getName().contains("CN=localhost"));
            List<String> names = cert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
            assertTrue(names.containsAll(List.of("localhost", "127.0.0.1")), names.toString());
            assertTrue(cert.getNotAfter().toInstant().isAfter(java.time.Instant.parse("2100-01-01T00:00:00Z")));
        }
    }
}
