package dev.auraxium.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PayloadSlotsTest {
    private static long parse(String s) {
        // parse from the middle of a larger buffer, as the parser's buffer is shared
        char[] buf = ("xx" + s + "yy").toCharArray();
        return PayloadSlots.parseLong(buf, 2, s.length());
    }

    @Test
    void parsesIdsUpToTheLargestLong() {
        assertEquals(5428010618035323201L, parse("5428010618035323201"));
        assertEquals(123456789012345678L, parse("123456789012345678"));
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(-Long.MAX_VALUE, parse("-9223372036854775807"));
        assertEquals(0L, parse("0"));
        assertEquals(-17L, parse("-17"));
    }

    @Test
    void rejectsOverflowAndNonDigitsWithTheSentinel() {
        assertEquals(Long.MIN_VALUE, parse("9223372036854775808"));
        assertEquals(Long.MIN_VALUE, parse("9999999999999999999"));
        assertEquals(Long.MIN_VALUE, parse("12345678901234567890"));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775809"));
        assertEquals(Long.MIN_VALUE, parse("12a"));
        assertEquals(Long.MIN_VALUE, parse("542801061803532320x"));
        assertEquals(Long.MIN_VALUE, parse(""));
        assertEquals(Long.MIN_VALUE, parse("-"));
        assertEquals(Long.MIN_VALUE, parse("1.5"));
    }
}
