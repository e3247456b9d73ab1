package dev.auraxium.internal.codec;

import dev.auraxium.event.Event;
import dev.auraxium.protocol.EssMessage;

/** Placeholder until the streaming decoder lands. */
public final class EssDecoder {
    private EssDecoder() {
    }

    public static EssMessage decode(String text) {
        throw new UnsupportedOperationException("decoder not written yet");
    }

    public static Event decodePayload(String text) {
        throw new UnsupportedOperationException("decoder not written yet");
    }
}
