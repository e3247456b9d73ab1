package dev.auraxium.testkit;

/**
 * How {@link Faults} ends a connection: abruptly, like a TCP drop, or with a WebSocket close
 * frame. Modelled as a small sealed type so a test reads as the failure it provokes:
 *
 * <pre>{@code
 * server.faults().dropAll(Disconnect.abort());                   // client sees 1006 / an error
 * server.faults().drop(id, Disconnect.close(1011, "backend"));   // client sees close 1011
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Disconnect {

    /** @return a TCP-level drop: no close frame, the socket is simply closed */
    static Disconnect abort() {
        return Abort.INSTANCE;
    }

    /**
     * @param code a close code a server may send (1000-1014 except 1004-1006 and 1015, or 3000-4999)
     * @param reason a short reason, at most 123 UTF-8 bytes
     * @return a clean close with that code and reason
     * @throws IllegalArgumentException if the code may not be sent or the reason is too long
     */
    static Disconnect close(int code, String reason) {
        return new Close(code, reason);
    }

    /** The socket is closed without a close frame, as when a network path breaks. */
    enum Abort implements Disconnect {
        /** The only instance. */
        INSTANCE
    }

    /**
     * A close frame with a code and reason, then the socket is closed.
     *
     * @param code the close code
     * @param reason the close reason
     */
    record Close(int code, String reason) implements Disconnect {
        /**
         * Checks that the code may be sent in a close frame.
         *
         * @param code the close code
         * @param reason the close reason
         * @throws IllegalArgumentException if the code is reserved or out of range
         */
        public Close {
            java.util.Objects.requireNonNull(reason, "reason");
            boolean sendable = (code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006)
                    || (code >= 3000 && code <= 4999);
            if (!sendable) {
                throw new IllegalArgumentException("close code " + code
                        + " may not be sent in a close frame (use 1000-1014 except 1004-1006, or 3000-4999)");
            }
            int bytes = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > 123) {
                throw new IllegalArgumentException("close reason must be at most 123 UTF-8 bytes, was " + bytes);
            }
        }
    }
}
