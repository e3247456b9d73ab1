package dev.auraxium.cli.internal;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.jdk.JdkTransport;
import dev.auraxium.transport.jdk.SocketTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --transport}, {@code --read-coalescing} and {@code --trust-cert}: which WebSocket client
 * connects, how its socket is read, and which TLS certificates a {@code wss://} connection trusts.
 */
final class ConnectionOptions {

    /** The transports the command can use. */
    enum Kind {
        /** {@link SocketTransport}: a blocking socket, the cheapest per event. */
        socket,
        /** {@link JdkTransport}: the JDK's {@code java.net.http.WebSocket}. */
        jdk
    }

    @Option(names = "--transport", paramLabel = "NAME", defaultValue = "socket",
            description = "The WebSocket client: socket (a plain socket, the cheapest per event; default) or jdk "
                    + "(java.net.http.WebSocket). Valid values: ${COMPLETION-CANDIDATES}.")
    Kind kind = Kind.socket;

    /** {@code tail}'s read coalescing when {@code --read-coalescing} is not given. */
    static final Duration DEFAULT_READ_COALESCING = Duration.ofMillis(50);

    @Option(names = "--read-coalescing", paramLabel = "TIME", converter = CoalescingConverter.class,
            description = "With the socket transport: after a read that emptied a slow stream, wait this long before "
                    + "reading again, so that the events arriving meanwhile are handled together. At the live rate "
                    + "this takes about three quarters off the CPU time, and delays an event by at most TIME. "
                    + "Default 50ms for tail; 0 (off) for record, which keeps each frame's receive time exact; at most "
                    + "1s.")
    Duration readCoalescing;

    @Option(names = "--trust-cert", paramLabel = "FILE",
            description = "Trust only the TLS certificate(s) in this PEM file instead of the JVM's trust store, "
                    + "e.g. the one 'auraxium serve --tls --cert-out FILE' writes.")
    Path trustCert;

    /**
     * @param connectTimeout the connect timeout
     * @param defaultCoalescing the socket transport's read coalescing unless {@code --read-coalescing} is given
     * @return the chosen transport, trusting {@code --trust-cert}, or the JVM's trust store without it
     * @throws UsageException when the file cannot be read or holds no certificate, or
     *     {@code --read-coalescing} is over 1 s or given with {@code --transport jdk}
     */
    Transport transport(Duration connectTimeout, Duration defaultCoalescing) {
        SSLContext tls = trustCert == null ? null : sslContext(trustCert);
        if (kind == Kind.jdk) {
            if (readCoalescing != null && !readCoalescing.isZero()) {
                throw new UsageException("--read-coalescing works with --transport socket only, not jdk");
            }
            JdkTransport.Builder b = JdkTransport.builder().connectTimeout(connectTimeout);
            if (tls != null) {
                b.sslContext(tls);
            }
            return b.build();
        }
        Duration coalescing = readCoalescing == null ? defaultCoalescing : readCoalescing;
        SocketTransport.Builder b = SocketTransport.builder().connectTimeout(connectTimeout);
        try {
            b.readCoalescing(coalescing);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--read-coalescing must be at most "
                    + SocketTransport.Builder.MAX_READ_COALESCING.toMillis() + "ms, was " + coalescing.toMillis() + "ms", e);
        }
        if (tls != null) {
            b.sslContext(tls);
        }
        return b.build();
    }

    /** An SSLContext whose trust store holds exactly the certificates of a PEM (or DER) file. */
    static SSLContext sslContext(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException("cannot read certificate file '" + file + "': "
                    + (Files.isDirectory(file) ? "it is a folder" : Files.exists(file) ? "permission denied" : "no such file"));
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("'" + file + "' holds no readable certificate (expected PEM, -----BEGIN CERTIFICATE-----): "
                    + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new UsageException("'" + file + "' holds no certificate (expected PEM, -----BEGIN CERTIFICATE-----)");
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                trust.setCertificateEntry("trusted-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("cannot trust the certificate in '" + file + "': " + e.getMessage(), e);
        }
    }

    /** A {@link DurationConverter} duration, or {@code 0} (or {@code off}) for none. */
    static final class CoalescingConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim();
            return v.equals("0") || v.equalsIgnoreCase("off") ? Duration.ZERO : DurationConverter.parse(v);
        }
    }
}
