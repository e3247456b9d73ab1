package dev.auraxium.testkit.internal.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameBatchTest {

    @Test
    void encodesTextLikeStringGetBytesWithTheShortestHeader() {
        Random random = new Random(3);
        char[] alphabet = {'a', 'é', '€', '\uD83D', '\uDE00', '"', '\u07FF', '\u0800'};
        FrameBatch batch = new FrameBatch(1 << 20);
        for (int round = 0; round < 2_000; round++) {
            char[] chars = new char[random.nextInt(round % 10 == 0 ? 30_000 : 200)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String text = new String(chars);
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            batch.clear();
            batch.tryPutText(text);
            int header = FrameBatch.headerSize(expected.length);
            assertEquals(header + expected.length, batch.position, text);
            assertEquals((byte) 0x81, batch.buffer[0]);
            assertArrayEquals(expected, Arrays.copyOfRange(batch.buffer, header, batch.position));
            long length = header == 2 ? batch.buffer[1] : header == 4
                    ? ((batch.buffer[2] & 0xFF) << 8) | (batch.buffer[3] & 0xFF) : -1;
            assertEquals(expected.length, length);
        }
    }

    @Test
    void refusesWhatMayNotFitAndWritesNothing() {
        FrameBatch batch = new FrameBatch(100);
        assertFalse(batch.tryPutText("x".repeat(40))); // worst case 120 bytes
        assertFalse(batch.tryPutBytes(WsProtocol.OPCODE_BINARY, true, new byte[99]));
        assertFalse(batch.tryPutRaw(new byte[101]));
        assertEquals(0, batch.position);
        assertEquals(0, batch.frames);
    }
}
