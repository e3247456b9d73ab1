package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.testsupport.TextMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --flavour} and {@code serve --tls} with {@code tail --trust-cert}, as a user runs them. */
@Timeout(90)
class ServeFlavourAndTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("listening on (wss?://\\S+)");

    private static String listeningOn(CliRun serve) throws InterruptedException {
        Matcher m = LISTENING.matcher(serve.err.await("listening on", WAIT));
        assertTrue(m.find(), serve.err.text());
        return m.group(1);
    }

    private static void assertUsage(CliRun r, String... pieces) {
        assertEquals(Main.EXIT_USAGE, r.exitCode(), () -> "exit code; err:\n" + r.err + "out:\n" + r.out);
        String err = r.err.text();
        assertEquals(1, err.lines().count(), () -> "one line on stderr, got:\n" + err);
        for (String piece : pieces) {
            assertTrue(err.contains(piece), () -> "stderr should mention '" + piece + "': " + err);
        }
    }

    @Test
    void serveFlavourNssAcceptsEnvironmentAllAndAnswersAsNssDoes() throws Exception {
        CliRun serve = new CliRun().start("serve", "--flavour", "nss", "--port", "0", "--duration", "60s");
        String uri = listeningOn(serve);
        assertTrue(serve.err.text().contains("flavour nss"), serve.err.text());
        TextMessages got = new TextMessages();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(uri + "?environment=all&service-id=s:example"), got).join();
        try {
            int states = 0;
            ws.sendText("{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"PlayerLogin\"],"
                    + "\"characters\":[\"all\",\"5428011263300000001\"]}", true).join();
            String reply = null;
            while (reply == null) {
                String m = got.messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(m, "no subscription reply; " + states + " endpoint states so far");
                if (m.contains("serviceStateChanged")) {
                    states++;
                } else if (m.contains("\"subscription\"")) {
                    reply = m;
                }
            }
            assertEquals(8, states, "environment=all: the PC and both PS4 endpoints");
            assertTrue(reply.contains("\"characters\":[\"all\"]"), reply);
        } finally {
            ws.abort();
        }
        assertEquals(0, serve.interruptAndWait(WAIT));
    }

    @Test
    void badFlavourIsOneLineAndExit2() {
        assertUsage(CliRun.run("serve", "--flavour", "planetside3", "--port", "0"), "unknown flavour 'planetside3'",
                "daybreak or nss");
    }

    @Test
    void certOutWithoutTlsIsOneLineAndExit2(@TempDir Path dir) {
        assertUsage(CliRun.run("serve", "--cert-out", dir.resolve("c.pem").toString(), "--port", "0"), "--cert-out needs --tls");
    }

    @Test
    void serveTlsWritesTheCertificateThatTailIsToldToTrust(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("fake-ess.pem");
        CliRun serve = new CliRun().start("serve", "--tls", "--cert-out", pem.toString(), "--port", "0", "--speed", "max",
                "--loop", "--duration", "60s");
        String uri = listeningOn(serve);
        assertTrue(uri.startsWith("wss://127.0.0.1:"), uri);
        assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"));

        CliRun tail = CliRun.run("tail", "--endpoint", uri, "--trust-cert", pem.toString(), "--format", "decoded-json",
                "--max-events", "5");
        assertEquals(0, tail.exitCode(), () -> "err:\n" + tail.err);
        assertEquals(5, tail.out.text().lines().count(), tail.out.text());

        CliRun untrusted = CliRun.run("tail", "--endpoint", uri, "--max-events", "5", "--connect-timeout", "10s");
        assertEquals(3, untrusted.exitCode(), () -> "err:\n" + untrusted.err);
        String err = untrusted.err.text();
        assertTrue(err.contains("certificate") && err.contains("not trusted") && err.contains("--trust-cert FILE"), err);
        assertEquals(0, serve.interruptAndWait(WAIT));
    }

    @Test
    void trustCertThatCannotBeReadIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        assertUsage(CliRun.run("tail", "--endpoint", "wss://127.0.0.1:1/streaming", "--trust-cert",
                dir.resolve("missing.pem").toString()), "cannot read certificate file", "no such file");
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a certificate\n");
        assertUsage(CliRun.run("tail", "--endpoint", "wss://127.0.0.1:1/streaming", "--trust-cert", junk.toString()),
                "junk.pem", "certificate");
    }
}
