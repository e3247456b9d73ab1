package dev.auraxium.transport.jdk.internal;

import java.io.IOException;

/** The server broke the WebSocket protocol; the connection is closed with {@link #code()}. */
final class WsProtocolException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int code;

    /**
     * @param code the close code to send (1002 protocol error, 1007 invalid data)
     * @param message what the server did
     */
    WsProtocolException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** @return the close code to send */
    int code() {
        return code;
    }
}
