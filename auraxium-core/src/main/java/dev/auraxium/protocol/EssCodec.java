package dev.auraxium.protocol;

import dev.auraxium.event.Event;
import dev.auraxium.internal.codec.EssDecoder;
import dev.auraxium.internal.codec.EssEncoder;

/**
 * Turns ESS text frames into {@link EssMessage}s and messages back into text.
 *
 * <p>Decoding classifies a frame by its shape (ESS frames carry no ids), accepts every historical
 * payload shape, numbers sent as JSON strings or numbers, booleans as {@code "0"/"1"/"true"/"false"}
 * or JSON booleans, ignores unknown fields, and keeps events of unknown names as
 * {@link dev.auraxium.event.UnknownEvent}. A known event's field whose value is not of the field's
 * kind does not lose the event: it is built without that field (see {@link dev.auraxium.event.Event})
 * and {@link ServiceMessage#invalidFields()} names it. Any frame it cannot decode fails with an
 * {@link EssDecodeException} that carries the reason and the start of the raw text; no other
 * exception escapes.
 *
 * <p>Encoding writes what the live service writes: compact JSON, every payload value a string,
 * payload keys in alphabetical order, envelope {@code payload, service, type}.
 *
 * <p>Stateless and thread-safe; {@link #standard()} is the shared instance.
 */
public final class EssCodec {
    private static final EssCodec STANDARD = new EssCodec();

    private EssCodec() {
    }

    /** @return the shared codec */
    public static EssCodec standard() {
        return STANDARD;
    }

    /**
     * Decodes one frame, in either direction (a client command is recognised by its
     * {@code action}).
     *
     * @param text the frame
     * @return the message
     * @throws EssDecodeException if the frame is not a JSON object of a decodable shape
     */
    public EssMessage decode(String text) {
        return EssDecoder.decode(text);
    }

    /**
     * Decodes a frame that a server sent.
     *
     * @param text the frame
     * @return the message; a frame shaped like a client command (an echo reply) is a
     *     {@link RawMessage}
     * @throws EssDecodeException if the frame cannot be decoded
     */
    public ServerMessage decodeServerMessage(String text) {
        EssMessage m = EssDecoder.decode(text);
        if (m instanceof ServerMessage s) {
            return s;
        }
        // A server never sends commands, but it echoes any object unwrapped: an echoed command.
        return new RawMessage(text);
    }

    /**
     * Decodes a frame that a client sent.
     *
     * @param text the frame
     * @return the command
     * @throws EssDecodeException if the frame is not a client command
     */
    public ClientCommand decodeCommand(String text) {
        EssMessage m = EssDecoder.decode(text);
        if (m instanceof ClientCommand c) {
            return c;
        }
        throw new EssDecodeException("not a client command (no known action)", text, null);
    }

    /**
     * Decodes a bare event payload: the object inside a {@code serviceMessage}. A field of the
     * wrong kind is left out as in {@link #decode} but not named; decode the whole frame to learn
     * which ({@link ServiceMessage#invalidFields()}).
     *
     * @param payloadJson the payload object
     * @return the event
     * @throws EssDecodeException if it is not an event payload
     */
    public Event decodeEvent(String payloadJson) {
        return EssDecoder.decodePayload(payloadJson);
    }

    /**
     * @param message any message
     * @return its frame text
     */
    public String encode(EssMessage message) {
        return EssEncoder.encode(message);
    }

    /**
     * @param event an event
     * @return the {@code serviceMessage} frame that carries it
     */
    public String encodeServiceMessage(Event event) {
        return EssEncoder.encode(new ServiceMessage(event));
    }

    /**
     * @param event an event
     * @return the bare payload object
     */
    public String encodeEvent(Event event) {
        return EssEncoder.encodePayload(event);
    }
}
