package dev.auraxium.internal.client;

import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.ServerMessage;

/** The two codec operations the client uses; {@link #STANDARD} is {@link EssCodec#standard()}. */
public interface FrameCodec {
    FrameCodec STANDARD = new FrameCodec() {
        @Override
        public ServerMessage decode(String text) {
            return EssCodec.standard().decodeServerMessage(text);
        }

        @Override
        public String encode(ClientCommand command) {
            return EssCodec.standard().encode(command);
        }
    };

    /** @throws dev.auraxium.protocol.EssDecodeException for a frame it cannot decode */
    ServerMessage decode(String text);

    String encode(ClientCommand command);
}
