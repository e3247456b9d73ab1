package dev.auraxium.testkit;

import dev.auraxium.protocol.ClientCommand;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One text message a client sent to a {@link FakeEssServer}, as taken with
 * {@link FakeEssServer#takeClientMessage(java.time.Duration)}. Every text message is recorded,
 * including malformed JSON and unknown actions (which the server answers with silence, like the
 * live service).
 *
 * <pre>{@code
 * ClientMessage m = server.takeClientMessage(Duration.ofSeconds(5));
 * assertInstanceOf(Subscribe.class, m.command().orElseThrow());
 * }</pre>
 *
 * @param connectionId the {@link ConnectionSnapshot#id()} of the sending connection
 * @param text the raw text, unchanged
 * @param command the decoded command, or empty when the text is not a known ESS command
 * @param receivedAt when the server received it
 */
public record ClientMessage(long connectionId, String text, Optional<ClientCommand> command, Instant receivedAt) {
    /**
     * Checks the components: each reference must be non-null.
     *
     * @param connectionId the {@link ConnectionSnapshot#id()} of the sending connection
     * @param text the raw text, unchanged
     * @param command the decoded command, or empty when the text is not a known ESS command
     * @param receivedAt when the server received it
     * @throws NullPointerException if a component is {@code null}
     */
    public ClientMessage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
