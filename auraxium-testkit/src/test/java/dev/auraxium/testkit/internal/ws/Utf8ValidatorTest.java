package dev.auraxium.testkit.internal.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {

    @Test
    void agreesWithTheJdkDecoderOnRandomBytesSplitAnywhere() {
        Random random = new Random(7);
        byte[] alphabet = {'a', 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC2, (byte) 0xDF, (byte) 0xE0,
                (byte) 0xA0, (byte) 0xED, (byte) 0x9F, (byte) 0xA0, (byte) 0xEF, (byte) 0xF0, (byte) 0x90,
                (byte) 0xF4, (byte) 0x8F, (byte) 0xF5, (byte) 0xFF};
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(8)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int split = random.nextInt(bytes.length + 1);
            Utf8Validator validator = new Utf8Validator();
            boolean ours = validator.feed(bytes, 0, split) && validator.feed(bytes, split, bytes.length - split)
                    && validator.complete();
            assertEquals(jdkAccepts(bytes), ours, () -> java.util.HexFormat.of().formatHex(bytes));
        }
    }

    @Test
    void acceptsEveryCodePointEncodedByTheJdk() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= 0x10FFFF; cp += 97) {
            if (cp < 0xD800 || cp > 0xDFFF) {
                all.appendCodePoint(cp);
            }
        }
        byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
        Utf8Validator validator = new Utf8Validator();
        assertEquals(true, validator.feed(bytes, 0, bytes.length) && validator.complete());
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
