package dev.auraxium.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssDecodeException;
import dev.auraxium.protocol.Help;
import dev.auraxium.protocol.Subscribe;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One decode gives the command exactly as the public codec reads it, plus how it was written: whether
 * the frame named the event service and which flag, if any, was written as 1 or 0.
 */
class ReceivedCommandTest {
    private static final String SUBSCRIBE = "{\"service\":\"event\",\"action\":\"subscribe\"";

    private static ReceivedCommand received(String text) {
        return ReceivedCommand.decode(text).orElseThrow(() -> new AssertionError("not a command: " + text));
    }

    @Test
    void theCommandIsTheOneThePublicCodecDecodes() {
        List<String> frames = List.of(
                SUBSCRIBE + ",\"eventNames\":[\"Death\"],\"worlds\":[\"1\",17],\"list_characters\":true}",
                SUBSCRIBE + ",\"characters\":[\"all\"],\"logicalAndCharactersWithWorlds\":\"1\"}",
                "{\"service\":\"event\",\"action\":\"clearSubscribe\",\"all\":\"true\"}",
                "{\"service\":\"event\",\"action\":\"clearSubscribe\",\"worlds\":[\"10\"],\"all\":0}",
                "{\"action\":\"echo\",\"payload\":{\"a\":\"b\"}}",
                "{\"service\":\"event\",\"action\":\"recentCharacterIdsCount\"}");
        for (String frame : frames) {
            assertEquals(EssCodec.standard().decode(frame), received(frame).command(), frame);
        }
    }

    @Test
    void tellsWhetherTheFrameNamedTheEventService() {
        assertTrue(received("{\"service\":\"event\",\"action\":\"help\"}").eventService());
        ReceivedCommand bare = received("{\"action\":\"help\"}");
        assertInstanceOf(Help.class, bare.command(), "the codec reads a command without a service");
        assertFalse(bare.eventService());
        assertEquals(Optional.empty(), ReceivedCommand.decode("{\"service\":\"push\",\"action\":\"help\"}"),
                "another service's frame is no command at all");
    }

    @Test
    void namesTheFirstFlagWrittenAsOneOrZeroWithItsValue() {
        ReceivedCommand r = received(SUBSCRIBE + ",\"eventNames\":[\"Death\"],\"logicalAndCharactersWithWorlds\":\"1\","
                + "\"list_characters\":0}");
        assertEquals(Optional.of("logicalAndCharactersWithWorlds is \"1\""), r.numericFlag());
        Subscribe s = assertInstanceOf(Subscribe.class, r.command());
        assertEquals(Optional.of(true), s.logicalAndCharactersWithWorlds(), "still read as the codec reads it");
        assertEquals(Optional.of(false), s.listCharacters());

        ReceivedCommand clear = received("{\"service\":\"event\",\"action\":\"clearSubscribe\",\"all\":1}");
        assertEquals(Optional.of("all is 1"), clear.numericFlag());
        assertTrue(assertInstanceOf(ClearSubscribe.class, clear.command()).all());
    }

    @Test
    void booleansAndTrueFalseStringsAreNoNumericFlag() {
        for (String flags : List.of("", ",\"all\":true", ",\"all\":\"false\"",
                ",\"logicalAndCharactersWithWorlds\":false,\"list_characters\":\"true\"")) {
            assertEquals(Optional.empty(), received(SUBSCRIBE + flags + "}").numericFlag(), flags);
        }
    }

    @Test
    void eachFrameStartsAfresh() {
        assertTrue(received(SUBSCRIBE + ",\"all\":\"0\"}").numericFlag().isPresent());
        ReceivedCommand next = received("{\"action\":\"subscribe\"}");
        assertEquals(Optional.empty(), next.numericFlag(), "nothing is carried over from the frame before");
        assertFalse(next.eventService());
    }

    @Test
    void framesThatAreNotCommandsOrNotDecodableAreToldApart() {
        assertEquals(Optional.empty(), ReceivedCommand.decode(
                "{\"online\":{\"EventServerEndpoint_Miller_10\":\"true\"},\"service\":\"event\",\"type\":\"heartbeat\"}"));
        EssDecodeException e = assertThrows(EssDecodeException.class, () -> ReceivedCommand.decode("{not json"));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertThrows(EssDecodeException.class, () -> ReceivedCommand.decode(SUBSCRIBE + ",\"all\":\"yes\"}"),
                "a flag that is no boolean at all fails as in the codec");
    }
}
