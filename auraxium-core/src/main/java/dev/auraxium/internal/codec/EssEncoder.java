package dev.auraxium.internal.codec;

import dev.auraxium.event.Event;
import dev.auraxium.protocol.EssMessage;

/** Placeholder until the encoder lands. */
public final class EssEncoder {
    private EssEncoder() {
    }

    public static String encode(EssMessage message) {
        throw new UnsupportedOperationException("encoder not written yet");
    }

    public static String encodePayload(Event event) {
        throw new UnsupportedOperationException("encoder not written yet");
    }
}
