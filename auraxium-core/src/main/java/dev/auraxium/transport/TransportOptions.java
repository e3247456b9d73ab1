package dev.auraxium.transport;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options every transport honours: a connect timeout (TCP, TLS and the WebSocket handshake) and
 * extra HTTP headers for the upgrade request. Immutable.
 *
 * @param connectTimeout how long a connection attempt may take, positive
 * @param headers extra upgrade-request headers; unmodifiable
 */
public record TransportOptions(Duration connectTimeout, Map<String, String> headers) {
    /** The default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The defaults. */
    public static final TransportOptions DEFAULTS = new TransportOptions(DEFAULT_CONNECT_TIMEOUT, Map.of());

    /**
     * Checks the components: each reference must be non-null. Collections are copied, so the
     * value stays immutable.
     *
     * @param connectTimeout how long a connection attempt may take, positive
     * @param headers extra upgrade-request headers; unmodifiable
     * @throws NullPointerException if a component is {@code null}
     */
    public TransportOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /**
     * @param timeout the new connect timeout
     * @return a copy with that timeout
     */
    public TransportOptions withConnectTimeout(Duration timeout) {
        return new TransportOptions(timeout, headers);
    }

    /**
     * @param headers the new extra headers
     * @return a copy with those headers
     */
    public TransportOptions withHeaders(Map<String, String> headers) {
        return new TransportOptions(connectTimeout, headers);
    }
}
