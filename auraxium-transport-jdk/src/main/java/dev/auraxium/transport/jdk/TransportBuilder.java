package dev.auraxium.transport.jdk;

import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.jdk.internal.BuilderChecks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings both transports of this module share: timeouts, the message size limit and extra
 * upgrade-request headers. Not used on its own: {@link JdkTransport#builder()} and
 * {@link SocketTransport#builder()} return its two subclasses. Not thread-safe; each setter checks
 * its argument at once.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class TransportBuilder<B extends TransportBuilder<B>>
        permits JdkTransport.Builder, SocketTransport.Builder {
    /** How long {@code close(code, reason)} waits for the peer's close frame by default: 5 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The largest text message accepted by default: 1 Mi characters, far above any real ESS message
     * (a few hundred characters to a few KiB).
     */
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 1024 * 1024;

    Duration connectTimeout = TransportOptions.DEFAULT_CONNECT_TIMEOUT;
    Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;
    final Map<String, String> headers = new LinkedHashMap<>();

    TransportBuilder() {
    }

    /** @return this builder as its concrete type */
    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * @param timeout how long TCP connect, TLS and the WebSocket handshake may take together; positive
     * @return this builder
     */
    public B connectTimeout(Duration timeout) {
        this.connectTimeout = BuilderChecks.positive(timeout, "connectTimeout");
        return self();
    }

    /**
     * @param timeout how long {@code close(code, reason)} waits for the peer's close frame before aborting; positive
     * @return this builder
     */
    public B closeTimeout(Duration timeout) {
        this.closeTimeout = BuilderChecks.positive(timeout, "closeTimeout");
        return self();
    }

    /**
     * Sets the largest text message accepted. A message over it (however the peer splits it into
     * frames) is not buffered further: the connection is closed, the listener told
     * {@code onClose(1009, reason)} (message too big), the event logged once at WARNING and
     * counted by the transport's {@code oversizedMessages()}, and the client reconnects as after
     * any close. Default {@link #DEFAULT_MAX_MESSAGE_CHARS}.
     *
     * @param chars the limit in characters (UTF-16 units; ESS messages are ASCII, one byte each), at least 1,024
     * @return this builder
     */
    public B maxMessageChars(int chars) {
        this.maxMessageChars = BuilderChecks.maxMessageChars(chars);
        return self();
    }

    /**
     * Adds a header to the upgrade request; a second call with the same name replaces the value.
     *
     * @param name a header name, not one the WebSocket handshake sets itself
     * @param value the value, without line breaks
     * @return this builder
     */
    public B header(String name, String value) {
        BuilderChecks.header(name, value);
        headers.put(name, value);
        return self();
    }

    /**
     * Takes the connect timeout and headers of options a client was given, as a
     * {@code TransportProvider} receives them.
     *
     * @param options the options
     * @return this builder
     */
    public B options(TransportOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        connectTimeout(options.connectTimeout());
        options.headers().forEach(this::header);
        return self();
    }
}
