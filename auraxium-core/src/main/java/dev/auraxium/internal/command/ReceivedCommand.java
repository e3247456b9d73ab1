package dev.auraxium.internal.command;

import dev.auraxium.internal.codec.EssDecoder;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.EssDecodeException;
import java.util.Objects;
import java.util.Optional;

/**
 * A client command decoded once by the core codec, with two facts of how it was written that the
 * codec's lenient reading does not keep in the {@link ClientCommand}, and that real servers answer
 * differently: whether the frame named its service (the codec reads a command without one), and
 * whether a flag was written as {@code 1} or {@code 0} (the codec reads those as true and false).
 *
 * <p>An immutable value; {@link #decode(String)} is thread-safe.
 *
 * @param command the command, as {@link dev.auraxium.protocol.EssCodec#decode(String)} returns it
 * @param eventService true when the frame says {@code "service":"event"}; false when it has no service
 * @param numericFlag the first of the flags {@code logicalAndCharactersWithWorlds}, {@code list_characters}
 *     and {@code all} that was written as {@code 1} or {@code 0} (a string or a number) rather than as
 *     a JSON boolean or {@code "true"}/{@code "false"}, with its value, e.g. {@code all is "1"}; empty
 *     when there is none
 */
public record ReceivedCommand(ClientCommand command, boolean eventService, Optional<String> numericFlag) {
    /**
     * Checks the components.
     *
     * @param command the command
     * @param eventService whether the frame names the event service
     * @param numericFlag the first flag written as 1 or 0, or empty
     * @throws NullPointerException if a component is null
     */
    public ReceivedCommand {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(numericFlag, "numericFlag");
    }

    /**
     * Decodes a frame that a client sent, as {@link dev.auraxium.protocol.EssCodec#decode(String)}
     * does, in one pass.
     *
     * @param text the frame
     * @return the command, or empty when the frame is a message but not a client command
     * @throws EssDecodeException if the frame cannot be decoded
     */
    public static Optional<ReceivedCommand> decode(String text) {
        return EssDecoder.decodeReceived(text);
    }
}
