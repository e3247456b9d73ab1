package dev.auraxium.transport.jdk.internal;

import dev.auraxium.transport.TransportException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.TimeUnit;
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
     * @param plain the unconnected TCP socket
     * @return the socket to read and write: {@code plain}, or the TLS socket over it
     * @throws IOException if connecting, TLS or the upgrade fails or times out
     */
    Socket open(Socket plain) throws IOException {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        if (host == null) {
            throw new TransportException("The URI " + where + " names no host", null);
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(bareHost, port), (int) Math.max(1, connectTimeout.toMillis()));
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
            s.setSoTimeout(remainingMillis(deadline));
            tls.startHandshake();
        }
        UpgradeHandshake handshake = new UpgradeHandshake(uri, headers, random);
        s.setSoTimeout(remainingMillis(deadline));
        handshake.writeRequest(s.getOutputStream());
        handshake.readResponse(new DeadlineInput(s, deadline), clock);
        s.setSoTimeout(0); // silence is the client's to judge (its heartbeat watchdog), not the socket's
        return s;
    }

    /**
     * @param s an open socket
     * @return its output, buffered: the writer flushes when its queue runs dry
     * @throws IOException if the socket is closed
     */
    static OutputStream bufferedOutput(Socket s) throws IOException {
        return new BufferedOutputStream(s.getOutputStream(), 8192);
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("connect timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** Reads the handshake answer byte by byte, the socket timeout shrinking to the deadline. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read();
        }
    }
}
