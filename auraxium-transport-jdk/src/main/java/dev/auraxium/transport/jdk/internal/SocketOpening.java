package dev.auraxium.transport.jdk.internal;

import dev.auraxium.transport.TransportException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens a socket connection for the socket transport: TCP connect, TLS for {@code wss://} (the
 * server's name checked against its certificate), then the WebSocket upgrade, all within one
 * connect timeout. Used once, by the connection's own thread.
 */
final class SocketOpening {
    private final URI uri;
    private final String where;
    private final Duration connectTimeout;
    private final SSLContext sslContext;
    private final Map<String, String> headers;
    private final SecureRandom random;
    private final Clock clock;

    SocketOpening(URI uri, String where, SocketConnection.Settings settings) {
        this.uri = uri;
        this.where = where;
        this.connectTimeout = settings.connectTimeout();
        this.sslContext = settings.sslContext();
        this.headers = settings.headers();
        this.random = settings.random();
        this.clock = settings.clock();
    }

    /**
     * Opens {@code plain} (already created, so that an abort can close it meanwhile).
     *
     * <p>The connect timeout is kept by a timer that closes {@code plain} when it runs out, never by
     * a socket timeout: a socket that had a timeout (or a timed connect) stays in non-blocking mode
     * for its whole life in the JDK, and then every read that waits costs three system calls (a
     * read that finds nothing, a poll, the read) instead of one.
     *
     * @param plain the unconnected TCP socket
     * @return the socket to read and write: {@code plain}, or the TLS socket over it
     * @throws IOException if connecting, TLS or the upgrade fails or times out (a
     *     {@link SocketTimeoutException} then)
     */
    Socket open(Socket plain) throws IOException {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        if (host == null) {
            throw new TransportException("The URI " + where + " names no host", null);
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        Deadline deadline = new Deadline(plain, connectTimeout);
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(bareHost, port));
            Socket s = plain;
            if (secure) {
                SSLSocket tls = (SSLSocket) sslContext.getSocketFactory().createSocket(plain, bareHost, port, true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                if (Character.isLetter(bareHost.charAt(bareHost.length() - 1)) && !bareHost.contains(":")) {
                    parameters.setServerNames(List.of(new SNIHostName(bareHost)));
                }
                tls.setSSLParameters(parameters);
                s = tls;
                tls.startHandshake();
            }
            UpgradeHandshake handshake = new UpgradeHandshake(uri, headers, random);
            handshake.writeRequest(s.getOutputStream());
            handshake.readResponse(s.getInputStream(), clock);
            deadline.met();
            return s;
        } catch (IOException | RuntimeException e) {
            if (deadline.expired()) {
                throw new SocketTimeoutException("connect timed out");
            }
            throw e;
        }
    }

    /**
     * The connect timeout: closes the socket when it runs out before {@link #met()}, which makes
     * the blocked connect, TLS handshake or upgrade read fail at once.
     */
    private static final class Deadline {
        private static final int RUNNING = 0;
        private static final int MET = 1;
        private static final int EXPIRED = 2;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        Deadline(Socket plain, Duration timeout) {
            CompletableFuture.delayedExecutor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS).execute(() -> {
                if (state.compareAndSet(RUNNING, EXPIRED)) {
                    try {
                        plain.close();
                    } catch (IOException ignored) {
                        // closing is all the timer can do; the opening thread reports the timeout
                    }
                }
            });
        }

        /** @throws SocketTimeoutException if the timer closed the socket first */
        void met() throws SocketTimeoutException {
            if (!state.compareAndSet(RUNNING, MET)) {
                throw new SocketTimeoutException("connect timed out");
            }
        }

        boolean expired() {
            return state.get() == EXPIRED;
        }
    }

    /**
     * @param s an open socket
     * @return its output, buffered: the writer flushes when its queue runs dry
     * @throws IOException if the socket is closed
     */
    static OutputStream bufferedOutput(Socket s) throws IOException {
        return new BufferedOutputStream(s.getOutputStream(), 8192);
    }
}
