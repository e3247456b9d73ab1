package dev.auraxium.transport.jdk.internal;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One connection of the socket transport: a blocking socket read by one thread of its own, which
 * opens the connection, then parses frames and hands whole text messages to the listener.
 *
 * <ul>
 *   <li>Reading: frames are parsed from a fixed 16 KiB buffer; a message is assembled in a buffer
 *       that grows to at most three bytes per allowed character ({@code maxMessageChars}), so a
 *       peer cannot make it grow without end. A message arriving whole in one read is decoded
 *       straight from the read buffer. Text is checked to be UTF-8 (ASCII, the usual case, is
 *       copied without decoding).</li>
 *   <li>Demand: before a message is handed up the reader waits for demand; while it waits it reads
 *       nothing more, so the backlog stays in the kernel's and the server's buffers.</li>
 *   <li>Writing: frames (masked, as a client must) are written in call order by tasks on the
 *       transport's writer pool, never on the caller's thread, so a peer that stops reading blocks
 *       no caller; at most {@link #MAX_PENDING_SENDS} sends and {@link #MAX_PENDING_BYTES} bytes
 *       may wait, beyond which a send fails at once.</li>
 *   <li>Listener calls go through a {@link SerialExecutor}, as in the JDK transport: one at a time,
 *       and the final call ({@code onClose} or {@code onError}) chosen once.</li>
 * </ul>
 */
public final class SocketConnection implements TransportConnection {
    private static final System.Logger LOG = System.getLogger("dev.auraxium.transport.jdk");
    /** The most sends that may wait to be written. */
    public static final int MAX_PENDING_SENDS = 65_536;
    /** The most bytes of sends that may wait to be written. */
    public static final long MAX_PENDING_BYTES = 4L * 1024 * 1024;

    private static final int PROTOCOL_ERROR = 1002;
    private static final int NO_STATUS = 1005;
    private static final int ABNORMAL_CLOSURE = 1006;
    private static final int INVALID_DATA = 1007;
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final int OP_CONTINUATION = 0;
    private static final int OP_TEXT = 1;
    private static final int OP_BINARY = 2;
    private static final int OP_CLOSE = 8;
    private static final int OP_PING = 9;
    private static final int OP_PONG = 10;

    private final URI uri;
    private final String where;
    private final TransportListener listener;
    private final Settings settings;
    private final Consumer<SocketConnection> onTerminated;
    private final Socket plain = new Socket();
    private volatile Socket socket = plain;
    private final SerialExecutor delivery = new SerialExecutor();
    private final CompletableFuture<TransportConnection> opened = new CompletableFuture<>();
    private final AtomicBoolean openDecided = new AtomicBoolean();
    private final AtomicBoolean terminated = new AtomicBoolean();
    /** Only touched inside {@link #delivery} tasks. */
    private boolean finalCallMade;

    private final Object demandLock = new Object();
    /** Guarded by {@link #demandLock}. */
    private long demand;

    private final Object sendLock = new Object();
    /** Frames waiting to be written, in call order. Guarded by {@link #sendLock}. */
    private final ArrayDeque<Outgoing> sendQueue = new ArrayDeque<>();
    /** Whether a writer task is draining {@link #sendQueue}. Guarded by {@link #sendLock}. */
    private boolean writing;
    /** Set once our close frame was queued. Guarded by {@link #sendLock}; read by the reader. */
    private volatile CompletableFuture<Void> closeSent;
    private long pendingBytes;
    private OutputStream out;

    /** Reader state: only the reader thread touches these. */
    private InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private byte[] message = new byte[0];
    private int messageLength;
    private boolean inMessage;
    private boolean dropping;
    /** What the listener is told when a message over the limit ended the connection; null otherwise. */
    private volatile String oversizedReason;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * What a connection needs from its transport.
     *
     * @param connectTimeout the bound on connecting, TLS and the upgrade together
     * @param closeTimeout how long to wait for the peer's close frame after ours
     * @param maxMessageChars the largest text message accepted
     * @param oversizedCount counts messages over the limit (shared by the transport's connections)
     * @param headers extra upgrade-request headers (already checked)
     * @param sslContext the TLS context for {@code wss://}
     * @param writers runs the write tasks
     * @param random the source of handshake keys and frame masks
     * @param clock the clock {@code Retry-After} dates are measured from
     */
    public record Settings(Duration connectTimeout, Duration closeTimeout, int maxMessageChars,
            AtomicLong oversizedCount, Map<String, String> headers, SSLContext sslContext, Executor writers,
            SecureRandom random, Clock clock) {
    }

    /**
     * @param uri the {@code ws://} or {@code wss://} URI (only printed redacted)
     * @param listener the user's listener
     * @param settings what the transport gives every connection
     * @param onTerminated called once when the connection ends or fails to open
     */
    public SocketConnection(URI uri, TransportListener listener, Settings settings,
            Consumer<SocketConnection> onTerminated) {
        this.uri = uri;
        this.where = ServiceIds.redactUri(uri.toString());
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = settings;
        this.onTerminated = onTerminated;
    }

    /** @return completes after the user's {@code onOpen} returned, or fails if opening failed */
    public CompletableFuture<TransportConnection> opened() {
        return opened;
    }

    /**
     * The body of the connection's own thread: opens the connection, then reads until it ends.
     */
    public void run() {
        try {
            open();
        } catch (IOException | RuntimeException e) {
            failOpen(e instanceof TransportException t ? t
                    : ConnectFailures.map(e, uri, settings.connectTimeout(), settings.clock()));
            return;
        }
        if (!openDecided.compareAndSet(false, true)) {
            closeQuietly(); // aborted while opening; the open future already failed
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "Opened {0}", where);
        delivery.execute(() -> {
            if (finalCallMade) {
                return;
            }
            try {
                listener.onOpen(this);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "TransportListener.onOpen threw; the connection stays open", e);
            }
            opened.complete(this);
        });
        readLoop();
    }

    private void open() throws IOException {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        if (host == null) {
            throw new TransportException("The URI " + where + " names no host", null);
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(bareHost, port), (int) Math.max(1, settings.connectTimeout().toMillis()));
        Socket s = plain;
        if (secure) {
            SSLSocket tls = (SSLSocket) settings.sslContext().getSocketFactory().createSocket(plain, bareHost, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (Character.isLetter(bareHost.charAt(bareHost.length() - 1)) && !bareHost.contains(":")) {
                parameters.setServerNames(List.of(new SNIHostName(bareHost)));
            }
            tls.setSSLParameters(parameters);
            socket = tls;
            s = tls;
            s.setSoTimeout(remainingMillis(deadline));
            tls.startHandshake();
        }
        in = s.getInputStream();
        out = new java.io.BufferedOutputStream(s.getOutputStream(), 8192);
        UpgradeHandshake handshake = new UpgradeHandshake(uri, settings.headers(), settings.random());
        s.setSoTimeout(remainingMillis(deadline));
        handshake.writeRequest(out); // flushes
        handshake.readResponse(new DeadlineInput(s, deadline), settings.clock());
        s.setSoTimeout(0); // silence is the client's to judge (its heartbeat watchdog), not the socket's
    }

    private static int remainingMillis(long deadline) throws java.net.SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new java.net.SocketTimeoutException("connect timed out");
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

    private void failOpen(TransportException failure) {
        if (openDecided.compareAndSet(false, true)) {
            terminated.set(true);
            closeQuietly();
            onTerminated.accept(this);
            opened.completeExceptionally(failure);
        } else {
            closeQuietly();
        }
    }

    // ---------------------------------------------------------------- reading

    private void readLoop() {
        try {
            while (!terminated.get()) {
                if (!readFrame()) {
                    return;
                }
            }
        } catch (ProtocolFailure e) {
            LOG.log(System.Logger.Level.DEBUG, "Protocol error on {0}: {1}", where, e.getMessage());
            sendCloseQuietly(e.code, e.getMessage());
            closeQuietly();
            finish(l -> l.onError(this, new TransportException("The server at " + where + " broke the WebSocket "
                    + "protocol: " + e.getMessage(), null)));
        } catch (IOException e) {
            closeQuietly();
            if (!terminated.get()) {
                if (closeSent != null) {
                    endWithoutCloseFrame("the connection ended before the peer's close frame");
                } else {
                    finish(l -> l.onError(this, new TransportException("The connection to " + where + " broke: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e)));
                }
            }
        }
    }

    /** The stream ended with no close frame: 1006, or 1009 when we were closing over a message too big. */
    private void endWithoutCloseFrame(String reason) {
        String tooBig = oversizedReason;
        if (tooBig != null) {
            finish(l -> l.onClose(this, MESSAGE_TOO_BIG, tooBig));
        } else {
            finish(l -> l.onClose(this, ABNORMAL_CLOSURE, reason));
        }
    }

    /** @return false when the connection ended (the final call is made) */
    private boolean readFrame() throws IOException {
        if (!fill(2, true)) {
            closeQuietly();
            endWithoutCloseFrame("the connection dropped without a close frame");
            return false;
        }
        int b0 = buf[pos] & 0xFF;
        int b1 = buf[pos + 1] & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        if ((b0 & 0x70) != 0) {
            throw new ProtocolFailure(PROTOCOL_ERROR, "a frame with reserved bits set");
        }
        if ((b1 & 0x80) != 0) {
            throw new ProtocolFailure(PROTOCOL_ERROR, "a masked frame from the server");
        }
        int len7 = b1 & 0x7F;
        int headerLength = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
        fill(headerLength, false);
        long length = len7;
        if (len7 == 126) {
            length = ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (buf[pos + i] & 0xFF);
            }
            if (length < 0) {
                throw new ProtocolFailure(PROTOCOL_ERROR, "a frame length over 2^63");
            }
        }
        pos += headerLength;
        if (opcode >= OP_CLOSE) {
            if (!fin || length > 125) {
                throw new ProtocolFailure(PROTOCOL_ERROR, "a fragmented or over-long control frame");
            }
            fill((int) length, false);
            int at = pos;
            pos += (int) length;
            return control(opcode, at, (int) length);
        }
        switch (opcode) {
            case OP_TEXT, OP_BINARY -> {
                if (inMessage) {
                    throw new ProtocolFailure(PROTOCOL_ERROR, "a new message inside a fragmented one");
                }
                inMessage = true;
                dropping = opcode == OP_BINARY;
                messageLength = 0;
            }
            case OP_CONTINUATION -> {
                if (!inMessage) {
                    throw new ProtocolFailure(PROTOCOL_ERROR, "a continuation frame outside a message");
                }
            }
            default -> throw new ProtocolFailure(PROTOCOL_ERROR, "a frame with the unknown opcode " + opcode);
        }
        long limitBytes = 3L * settings.maxMessageChars();
        if (!dropping && messageLength + length > limitBytes) {
            tooBig(messageLength + length);
            dropping = true;
        }
        if (fin && messageLength == 0 && !dropping && length <= lim - pos) {
            // The usual case: a whole message in the read buffer, decoded where it lies.
            int at = pos;
            pos += (int) length;
            inMessage = false;
            return deliver(buf, at, (int) length);
        }
        payload(length);
        if (!fin) {
            return true;
        }
        inMessage = false;
        if (dropping) {
            dropping = false; // a binary message (ESS sends none) or the rest of one over the limit
            return !terminated.get();
        }
        return deliver(message, 0, messageLength);
    }

    /** Reads {@code length} payload bytes into the message buffer, or skips them when dropping. */
    private void payload(long length) throws IOException {
        long left = length;
        if (!dropping && messageLength + length > message.length) {
            message = java.util.Arrays.copyOf(message, (int) Math.max(messageLength + length,
                    Math.min(3L * settings.maxMessageChars(), Math.max(256, 2L * message.length))));
        }
        while (left > 0) {
            if (pos == lim) {
                fill(1, false);
            }
            int n = (int) Math.min(left, lim - pos);
            if (!dropping) {
                System.arraycopy(buf, pos, message, messageLength, n);
                messageLength += n;
            }
            pos += n;
            left -= n;
        }
    }

    private boolean deliver(byte[] bytes, int at, int length) throws IOException {
        String text = decode(bytes, at, length);
        if (text.length() > settings.maxMessageChars()) {
            tooBig(length);
            return true;
        }
        if (message.length > 64 * 1024 && messageLength > 0) {
            message = new byte[0]; // do not keep a large buffer after a large message
        }
        messageLength = 0;
        if (!awaitDemand()) {
            LOG.log(System.Logger.Level.DEBUG, "Dropped a message received after close() on {0} without demand", where);
            return !terminated.get();
        }
        if (delivery.tryEnter()) {
            try {
                deliverNow(text);
            } finally {
                delivery.exitAndDrain();
            }
        } else {
            delivery.execute(() -> deliverNow(text));
        }
        return !terminated.get();
    }

    private void deliverNow(String text) {
        if (!finalCallMade) {
            try {
                listener.onText(this, text);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "TransportListener.onText threw; the stream goes on", e);
            }
        }
    }

    /**
     * Waits until a unit of demand is available and takes it.
     *
     * @return false when the message is to be dropped: our close frame is out and no demand is left
     */
    private boolean awaitDemand() throws IOException {
        synchronized (demandLock) {
            while (demand == 0) {
                if (closeSent != null || terminated.get()) {
                    return false; // read on to the peer's close frame; text without demand is dropped
                }
                try {
                    demandLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for demand");
                }
            }
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            return true;
        }
    }

    private String decode(byte[] bytes, int at, int length) throws ProtocolFailure {
        int end = at + length;
        for (int i = at; i < end; i++) {
            if (bytes[i] < 0) {
                try {
                    return utf8.reset().decode(ByteBuffer.wrap(bytes, at, length)).toString();
                } catch (CharacterCodingException e) {
                    throw new ProtocolFailure(INVALID_DATA, "a text message that is not UTF-8");
                }
            }
        }
        return new String(bytes, at, length, StandardCharsets.ISO_8859_1); // ASCII: each byte is its char
    }

    /**
     * A message over the limit: reported once, counted, and the connection closed (the rest of the
     * message is skipped), so the client reconnects instead of growing a buffer without end.
     */
    private void tooBig(long size) {
        settings.oversizedCount().incrementAndGet();
        String why = "a message of at least " + size + " bytes, over the limit of " + settings.maxMessageChars()
                + " characters";
        oversizedReason = why;
        LOG.log(System.Logger.Level.WARNING, () -> why + " from " + where + "; closing the connection (1009)");
        messageLength = 0;
        message = new byte[0];
        sendClose(MESSAGE_TOO_BIG, "message too big: over " + settings.maxMessageChars() + " characters");
        CompletableFuture.delayedExecutor(2 * settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!terminated.get()) {
                abortWith(MESSAGE_TOO_BIG, why + "; the close did not complete");
            }
        });
    }

    /** @return false when the connection ended */
    private boolean control(int opcode, int at, int length) throws IOException {
        switch (opcode) {
            case OP_PING -> {
                byte[] payload = java.util.Arrays.copyOfRange(buf, at, at + length);
                synchronized (sendLock) {
                    if (closeSent == null && !terminated.get()) {
                        queueWrite(OP_PONG, payload); // the answer to a ping, in order with the sends
                    }
                }
                return true;
            }
            case OP_PONG -> {
                return true;
            }
            case OP_CLOSE -> {
                int code = NO_STATUS;
                String reason = "";
                if (length == 1) {
                    throw new ProtocolFailure(PROTOCOL_ERROR, "a close frame with a one-byte payload");
                }
                if (length >= 2) {
                    code = ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
                    try {
                        reason = utf8.reset().decode(ByteBuffer.wrap(buf, at + 2, length - 2)).toString();
                    } catch (CharacterCodingException e) {
                        throw new ProtocolFailure(INVALID_DATA, "a close reason that is not UTF-8");
                    }
                }
                peerClosed(code, reason);
                return false;
            }
            default -> throw new ProtocolFailure(PROTOCOL_ERROR, "a frame with the unknown opcode " + opcode);
        }
    }

    /** The peer's close frame: answer it (unless ours went first), then close the socket and report. */
    private void peerClosed(int code, String reason) {
        CompletableFuture<Void> answered;
        synchronized (sendLock) {
            answered = closeSent != null ? closeSent : queueWrite(OP_CLOSE, closePayload(code == NO_STATUS ? 1000 : code, ""));
        }
        try {
            answered.get(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the peer closed its side anyway; nothing to do but close ours
        }
        closeQuietly();
        String tooBig = oversizedReason;
        if (tooBig != null) {
            finish(l -> l.onClose(this, MESSAGE_TOO_BIG, tooBig));
        } else {
            finish(l -> l.onClose(this, code, reason));
        }
    }

    /** Reads until {@code n} bytes are buffered; false only when {@code eofAllowed} and the stream ended first. */
    private boolean fill(int n, boolean eofAllowed) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                if (eofAllowed && lim == 0) {
                    return false;
                }
                throw new java.io.EOFException("the connection ended inside a frame");
            }
            lim += r;
        }
        return true;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public CompletableFuture<Void> sendText(String text) {
        Objects.requireNonNull(text, "text");
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        synchronized (sendLock) {
            if (terminated.get() || closeSent != null) {
                return CompletableFuture.failedFuture(new TransportException(
                        "Cannot send on " + where + ": the connection is closed", null));
            }
            if (sendQueue.size() >= MAX_PENDING_SENDS || pendingBytes + payload.length > MAX_PENDING_BYTES) {
                return CompletableFuture.failedFuture(new TransportException("Cannot send on " + where + ": "
                        + sendQueue.size() + " sends (" + pendingBytes + " bytes) are still waiting to be written; "
                        + "the peer is not reading", null));
            }
            return queueWrite(OP_TEXT, payload);
        }
    }

    /** Queues a frame after the others; the caller holds {@link #sendLock}. */
    private CompletableFuture<Void> queueWrite(int opcode, byte[] payload) {
        Outgoing o = new Outgoing(opcode, payload, new CompletableFuture<>());
        sendQueue.add(o);
        pendingBytes += payload.length;
        if (!writing) {
            writing = true;
            try {
                settings.writers().execute(this::drainSends);
            } catch (RuntimeException e) { // the transport was closed: its writers are gone
                writing = false;
                sendQueue.remove(o);
                pendingBytes -= payload.length;
                o.done.completeExceptionally(new TransportException("Cannot send on " + where
                        + ": the transport is closed", e));
            }
        }
        return o.done;
    }

    /**
     * Writes the queued frames in order, on a writer thread, flushing when the queue runs dry; the
     * futures of a batch complete once it was flushed.
     */
    private void drainSends() {
        List<Outgoing> batch = new ArrayList<>();
        while (true) {
            Outgoing next;
            synchronized (sendLock) {
                next = sendQueue.poll();
                if (next != null) {
                    pendingBytes -= next.payload.length;
                }
            }
            if (next == null) {
                flush(batch); // outside the lock: a slow peer must not block the senders
                synchronized (sendLock) {
                    if (sendQueue.isEmpty()) {
                        writing = false;
                        return;
                    }
                }
                continue;
            }
            batch.add(next);
            try {
                write(next.opcode, next.payload);
            } catch (IOException | RuntimeException e) {
                fail(batch, e);
            }
        }
    }

    /** Flushes, then completes the batch's futures (or fails them). */
    private void flush(List<Outgoing> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            out.flush();
        } catch (IOException | RuntimeException e) {
            fail(batch, e);
            return;
        }
        for (Outgoing o : batch) {
            o.done.complete(null);
        }
        batch.clear();
    }

    private void fail(List<Outgoing> batch, Exception e) {
        for (Outgoing o : batch) {
            o.done.completeExceptionally(new TransportException((o.opcode == OP_CLOSE ? "Sending the close frame"
                    : "Sending a message") + " on " + where + " failed: " + e, e));
        }
        batch.clear();
    }

    private record Outgoing(int opcode, byte[] payload, CompletableFuture<Void> done) {
    }

    /** Writes one masked frame, on a writer thread. */
    private void write(int opcode, byte[] payload) throws IOException {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + length];
        frame[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[1] = (byte) (0x80 | length);
        } else if (length < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        byte[] mask = new byte[4];
        settings.random().nextBytes(mask);
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(frame); // buffered; drainSends flushes when the queue runs dry
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("request(n) needs a positive n, was " + n);
        }
        synchronized (demandLock) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            demandLock.notifyAll();
        }
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (!(code >= 1000 && code <= 1003) && !(code >= 1007 && code <= 1011) && !(code >= 3000 && code <= 4999)) {
            throw new IllegalArgumentException("close code " + code
                    + " may not be sent: use 1000-1003, 1007-1011 or 3000-4999");
        }
        int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 123) {
            throw new IllegalArgumentException("close reason must be at most 123 UTF-8 bytes, was " + bytes);
        }
        return sendClose(code, reason);
    }

    private CompletableFuture<Void> sendClose(int code, String reason) {
        CompletableFuture<Void> sent;
        synchronized (sendLock) {
            if (closeSent != null) {
                return closeSent;
            }
            if (terminated.get()) {
                closeSent = CompletableFuture.completedFuture(null);
                return closeSent;
            }
            sent = queueWrite(OP_CLOSE, closePayload(code, reason));
            closeSent = sent;
        }
        synchronized (demandLock) {
            demandLock.notifyAll(); // a reader waiting for demand reads on to the peer's close frame
        }
        sent.whenComplete((ok, error) -> {
            if (error != null) {
                abort("the close frame could not be sent");
                return;
            }
            CompletableFuture.delayedExecutor(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (!terminated.get()) {
                    LOG.log(System.Logger.Level.DEBUG, "No close frame from {0} within {1}; aborting", where,
                            settings.closeTimeout());
                    abort("the peer did not answer the close frame within " + settings.closeTimeout().toMillis() + " ms");
                }
            });
        });
        return sent;
    }

    private void sendCloseQuietly(int code, String reason) {
        String shortReason = reason.length() > 100 ? reason.substring(0, 100) : reason;
        try {
            sendClose(code, shortReason).get(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the connection is being dropped anyway
        }
    }

    @Override
    public void abort() {
        abort("aborted by the client");
    }

    /**
     * Drops the connection at once and reports {@code onClose(1006, reason)} if nothing final was
     * reported yet; before the handshake completed, fails the open instead.
     *
     * @param reason the reason given to {@code onClose}
     */
    public void abort(String reason) {
        abortWith(ABNORMAL_CLOSURE, reason);
    }

    private void abortWith(int code, String reason) {
        if (openDecided.compareAndSet(false, true)) {
            terminated.set(true);
            closeQuietly();
            onTerminated.accept(this);
            opened.completeExceptionally(new TransportException("Opening " + where + " was abandoned: " + reason, null));
            return;
        }
        closeQuietly();
        finish(l -> l.onClose(this, code, reason));
    }

    @Override
    public boolean isOpen() {
        return opened.isDone() && !opened.isCompletedExceptionally() && !terminated.get() && closeSent == null;
    }

    @Override
    public String toString() {
        return "SocketConnection[" + where + (isOpen() ? ", open" : ", closed") + "]";
    }

    // ---------------------------------------------------------------- endings

    private void finish(Consumer<TransportListener> finalCall) {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        onTerminated.accept(this);
        synchronized (demandLock) {
            demandLock.notifyAll();
        }
        LOG.log(System.Logger.Level.DEBUG, "Connection to {0} ended", where);
        delivery.execute(() -> {
            if (finalCallMade) {
                return;
            }
            finalCallMade = true;
            try {
                finalCall.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "TransportListener's final callback threw", e);
            }
        });
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
        try {
            plain.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** A violation of the protocol by the peer: the connection is closed with {@link #code}. */
    private static final class ProtocolFailure extends IOException {
        private static final long serialVersionUID = 1L;
        private final int code;

        ProtocolFailure(int code, String message) {
            super(message);
            this.code = code;
        }
    }
}
