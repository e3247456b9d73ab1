package dev.auraxium.protocol;

/**
 * {@code {"connected":"true","service":"push","type":"connectionStateChanged"}}: the first frame of
 * a connection. {@code connected:"false"} means the push layer lost its backend; the client
 * reconnects.
 *
 * @param connected whether the push layer is connected to the event backend
 */
public record ConnectionStateChanged(boolean connected) implements ServerMessage {
}
