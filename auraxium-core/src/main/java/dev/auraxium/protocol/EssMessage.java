package dev.auraxium.protocol;

/**
 * One ESS WebSocket text frame, in either direction: a {@link ServerMessage} (server to client) or a
 * {@link ClientCommand} (client to server). {@link EssCodec} turns text into these and back.
 * All implementations are immutable.
 */
public sealed interface EssMessage permits ServerMessage, ClientCommand {
}
