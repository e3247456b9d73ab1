package dev.auraxium.transport.jdk.internal;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.transport.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns what opening a connection failed with into a {@link TransportException}
 * whose message says plainly what happened, with the service id redacted.
 *
 * <p>The JDK wraps causes inconsistently (a {@code ConnectException} inside a
 * {@code ConnectException}, an {@code SSLHandshakeException} inside an {@code IOException}), so
 * the whole cause chain is searched, most specific kind first.
 */
public final class ConnectFailures {
    private ConnectFailures() {
    }

    /**
     * @param failure what the handshake future failed with
     * @param uri the URI being opened
     * @param connectTimeout the timeout that was in force
     * @param clock the clock {@code Retry-After} dates are measured from
     * @return the exception to fail the connect future with
     */
    public static TransportException map(Throwable failure, URI uri, Duration connectTimeout, Clock clock) {
        Throwable cause = unwrap(failure);
        String where = ServiceIds.redactUri(uri.toString());
        if (cause instanceof TransportException already) {
            return already;
        }
        WebSocketHandshakeException handshake = find(cause, WebSocketHandshakeException.class);
        if (handshake != null) {
            return handshakeRefused(handshake, where, clock);
        }
        HttpTimeoutException timeout = find(cause, HttpTimeoutException.class);
        if (timeout != null) {
            return new TransportException("Timed out after " + connectTimeout.toMillis() + " ms opening " + where
                    + ": the server did not complete the WebSocket handshake in time", timeout);
        }
        java.net.SocketTimeoutException socketTimeout = find(cause, java.net.SocketTimeoutException.class);
        if (socketTimeout != null) {
            return new TransportException("Timed out after " + connectTimeout.toMillis() + " ms opening " + where
                    + ": the server did not complete the connection and WebSocket handshake in time", socketTimeout);
        }
        SSLException tls = find(cause, SSLException.class);
        Throwable untrusted = tls == null ? null : untrustedCertificate(tls);
        if (untrusted != null) {
            // The same certificate will be refused on every attempt: fatal, so the client stops retrying.
            return new TransportException("The TLS certificate of " + hostAndPort(uri) + " is not trusted: a certificate "
                    + "(TLS trust) problem, which retrying cannot cure: " + describe(untrusted) + ". Trust the server's "
                    + "certificate with the transport builder's sslContext(...) (JdkTransport, SocketTransport) or an "
                    + "HttpClient whose SSLContext trusts it (opening " + where + ")", tls, true);
        }
        if (tls != null) {
            return new TransportException("The TLS handshake with " + hostAndPort(uri) + " failed: " + tls.getMessage()
                    + " (opening " + where + ")", tls);
        }
        Throwable unresolved = find(cause, UnresolvedAddressException.class);
        if (unresolved == null) {
            unresolved = find(cause, UnknownHostException.class);
        }
        if (unresolved != null) {
            return new TransportException("Could not resolve the host '" + uri.getHost() + "' (opening " + where + ")",
                    unresolved);
        }
        ConnectException refused = find(cause, ConnectException.class);
        if (refused != null) {
            return new TransportException("Could not connect to " + hostAndPort(uri)
                    + ": the connection was refused or could not be made (opening " + where + ")", refused);
        }
        if (cause instanceof CancellationException) {
            return new TransportException("Opening " + where + " was cancelled", cause);
        }
        IOException io = find(cause, IOException.class);
        if (io != null) {
            return new TransportException("The connection to " + hostAndPort(uri)
                    + " failed before the WebSocket handshake completed (opening " + where + "): "
                    + describe(io), io);
        }
        return new TransportException("Could not open " + where + ": " + describe(cause), cause);
    }

    private static TransportException handshakeRefused(WebSocketHandshakeException e, String where, Clock clock) {
        HttpResponse<?> response = e.getResponse();
        int status = response == null ? -1 : response.statusCode();
        if (status == 101 || status < 0) {
            // Upgraded, but the headers were wrong: not a refusal, so no status to act on.
            return new TransportException("The server at " + where
                    + " answered the upgrade with an invalid WebSocket handshake: " + describe(e), e);
        }
        return refused(status, response.headers().firstValue("Retry-After"), where, clock, e);
    }

    /**
     * A server answered the upgrade request with an HTTP status other than 101.
     *
     * @param status the HTTP status
     * @param retryAfterHeader the {@code Retry-After} header's value, when there was one
     * @param uri the URI being opened
     * @param clock the clock a {@code Retry-After} date is measured from
     * @return the exception carrying the status and the delay, with the service id redacted
     */
    public static TransportException refused(int status, Optional<String> retryAfterHeader, URI uri, Clock clock) {
        return refused(status, retryAfterHeader, ServiceIds.redactUri(uri.toString()), clock, null);
    }

    private static TransportException refused(int status, Optional<String> retryAfterHeader, String where, Clock clock,
            Throwable cause) {
        Optional<Duration> retryAfter = retryAfterHeader.flatMap(value -> RetryAfter.parse(value, clock));
        StringBuilder message = new StringBuilder("ESS rejected the WebSocket upgrade with HTTP ").append(status)
                .append(": ").append(meaning(status));
        retryAfter.ifPresent(delay -> message.append("; retry after ").append(delay.toSeconds()).append(" s"));
        message.append(" (").append(where).append(')');
        return new TransportException(message.toString(), cause, OptionalInt.of(status), retryAfter);
    }

    private static String meaning(int status) {
        if (status == 403) {
            return "the service id was refused";
        }
        if (status == 429) {
            return "too many requests";
        }
        if (status >= 500) {
            return "the server is unavailable or failing";
        }
        return "the server refused the upgrade";
    }

    /**
     * The certificate failure under a TLS failure: the chain did not validate (unknown issuer,
     * expired, revoked) or it does not name the host. Null for other TLS failures, such as a
     * connection reset during the handshake, which a retry may cure.
     */
    private static Throwable untrustedCertificate(SSLException tls) {
        Throwable cert = find(tls, CertificateException.class);
        if (cert == null) {
            cert = find(tls, CertPathBuilderException.class);
        }
        if (cert == null) {
            cert = find(tls, CertPathValidatorException.class);
        }
        if (cert == null) {
            cert = find(tls, SSLPeerUnverifiedException.class);
        }
        return cert;
    }

    private static String hostAndPort(URI uri) {
        int port = uri.getPort();
        if (port < 0) {
            port = "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return uri.getHost() + ":" + port;
    }

    private static String describe(Throwable t) {
        String text = t.getMessage();
        return text == null || text.isBlank() ? t.getClass().getSimpleName() : text;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> kind) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 16; c = c.getCause(), depth++) {
            if (kind.isInstance(c)) {
                return kind.cast(c);
            }
        }
        return null;
    }
}
