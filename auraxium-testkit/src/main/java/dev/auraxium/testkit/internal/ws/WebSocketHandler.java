package dev.auraxium.testkit.internal.ws;

/**
 * The application behind a {@link WebSocketServer}: decides handshakes and receives each connection's
 * messages.
 *
 * <h2>Lifecycle and threading</h2>
 * Each connection has its own reader thread, which makes every call for that connection, one at a time
 * and in this order: {@link #onHandshake} once; if accepted, {@link #onOpen} once, then any number of
 * {@link #onText}/{@link #onBinary}, then {@link #onClose} exactly once (also after aborts, I/O errors and
 * protocol errors). Calls for different connections run concurrently. A method that throws is logged and
 * the connection goes on. A slow method delays only its own connection's reading (and the pongs it owes).
 *
 * <pre>{@code
 * WebSocketHandler echo = new WebSocketHandler() {
 *     public HandshakeResponse onHandshake(HandshakeRequest r) { return HandshakeResponse.accept(); }
 *     public void onOpen(WsConnection c) { }
 *     public void onText(WsConnection c, String text) { c.sendText(text); }
 *     public void onClose(WsConnection c, int code, String reason) { }
 * };
 * }</pre>
 */
public interface WebSocketHandler {

    /**
     * Decides a valid upgrade request, before the {@code 101} is sent. Requests that are not valid
     * WebSocket upgrades are answered by the server (400, 405, 426) without asking.
     *
     * @param request the parsed request
     * @return {@link HandshakeResponse#accept()} or a {@link HandshakeResponse#reject(int, String) reject}
     */
    HandshakeResponse onHandshake(HandshakeRequest request);

    /**
     * The connection is open; sends are possible from now on. Runs before the {@code 101} goes out, so
     * by the time the client sees its connection open, the server already lists it, and whatever this
     * method sends (e.g. a greeting) reaches the client right after the {@code 101}.
     *
     * @param connection the new connection
     */
    void onOpen(WsConnection connection);

    /**
     * One whole text message: fragments reassembled, UTF-8 validated.
     *
     * @param connection the connection
     * @param text the message
     */
    void onText(WsConnection connection, String text);

    /**
     * One whole binary message, fragments reassembled.
     *
     * @param connection the connection
     * @param data the message (owned by the callee)
     */
    default void onBinary(WsConnection connection, byte[] data) {
    }

    /**
     * The connection ended. Called exactly once per opened connection.
     *
     * @param connection the connection
     * @param code the peer's close code; else the code this server sent (e.g. 1002, 1007, 1009, or the one
     *     given to {@link WsConnection#close}) when the peer never answered; else 1006 (dropped, aborted)
     * @param reason the reason that goes with the code, possibly empty
     */
    void onClose(WsConnection connection, int code, String reason);
}
