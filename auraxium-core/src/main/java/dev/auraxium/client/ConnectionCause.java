package dev.auraxium.client;

/**
 * Why something happened to one of an {@link EventClient}'s connections: the key of
 * {@link ClientStats#reconnectsByCause()} and {@link ClientStats#watchdogTrips()}, and
 * {@link ConnectionEvent#cause()}. Compare with {@code ==} or {@code switch}; the free-text detail
 * (an HTTP status, a close code, an exception class, the parts of a drifted subscription) is in
 * {@link ConnectionEvent#detail()}, never in the cause.
 *
 * <p>New constants may be added in later versions: a {@code switch} over causes should have a
 * {@code default} branch.
 */
public enum ConnectionCause {
    /**
     * No cause: the event needs none ({@link ConnectionEvent.Kind#CONNECTING},
     * {@link ConnectionEvent.Kind#OPENED}, {@link ConnectionEvent.Kind#READY}).
     */
    NONE,
    /**
     * The connection closed without the client asking: the server sent a close frame, or the
     * connection dropped without one (close code 1006). Detail: the close code and reason.
     * The client reconnects.
     */
    CONNECTION_CLOSED,
    /**
     * A message exceeded the transport's size limit (close code 1009); the transport closed the
     * connection rather than hold it. Detail: the close reason. The client reconnects.
     */
    MESSAGE_TOO_BIG,
    /**
     * The open connection failed (an I/O or WebSocket protocol error). Detail: the exception
     * class. The client reconnects.
     */
    TRANSPORT_ERROR,
    /**
     * The server's push layer said it lost its backend ({@code connectionStateChanged} false);
     * the connection is dropped at once and reopened. Counted as a watchdog trip too.
     */
    BACKEND_LOST,
    /**
     * Heartbeat watchdog: no heartbeat within the heartbeat timeout; the connection is replaced
     * make-before-break.
     */
    HEARTBEAT_TIMEOUT,
    /**
     * Probe watchdog: a subscription command got no reply within the probe timeout; the
     * connection is replaced make-before-break.
     */
    PROBE_TIMEOUT,
    /**
     * World-silence watchdog: a world that heartbeats call online and the subscription covers
     * sent no event for the silence timeout; the connection is replaced make-before-break.
     */
    WORLD_SILENCE,
    /**
     * A connection attempt failed before the server answered the handshake (refused, unknown
     * host, TLS failure, timeout). Detail: the exception class. Retried after a backoff, unless
     * the transport called the failure fatal (then {@link ConnectionEvent.Kind#REJECTED}).
     */
    CONNECT_FAILED,
    /**
     * The server answered the WebSocket handshake with an HTTP status other than 101 and 403
     * (e.g. 429 or 503). Detail: {@code "HTTP 503"}. Retried after a backoff, no sooner than a
     * {@code Retry-After} the server sent.
     */
    HANDSHAKE_REFUSED,
    /**
     * The server refused the service id (HTTP 403 on the handshake). Fatal: the client stops
     * connecting until the next {@code addTrigger} or {@code connect()}.
     */
    SERVICE_ID_REJECTED,
    /**
     * A subscription reply showed the server holding a different subscription than the client
     * sent. Detail: each part that differs, with the client's value and the server's. The client
     * clears and resubscribes.
     */
    SUBSCRIPTION_DRIFT,
    /**
     * A subscription drifted again within the repair backoff: left alone for now, repaired after
     * the backoff. Detail: as for {@link #SUBSCRIPTION_DRIFT}.
     */
    SUBSCRIPTION_REPAIR_DEFERRED,
    /**
     * The subscription still differed right after a repair: the client gives up repairing until
     * the next probe. Detail: as for {@link #SUBSCRIPTION_DRIFT}.
     */
    SUBSCRIPTION_REPAIR_FAILED,
    /**
     * The client closed the connection on purpose: {@code disconnect()}, {@code close()}, the
     * last trigger removed, or (detail {@code "replaced"}) an unhealthy connection whose
     * replacement took over.
     */
    CLIENT_CLOSE
}
