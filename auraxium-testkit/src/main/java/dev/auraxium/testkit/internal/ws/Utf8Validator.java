package dev.auraxium.testkit.internal.ws;

/**
 * An incremental UTF-8 checker (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) that
 * carries its state across fragments, so a code point split between two frames is still accepted.
 * One per connection; used by the reader thread only.
 */
final class Utf8Validator {

    private int needed;
    private int low = 0x80;
    private int high = 0xBF;

    /**
     * @return false as soon as the bytes cannot be part of valid UTF-8
     */
    boolean feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (needed == 0) {
                // ASCII runs are the common case; skip them without the state machine
                while (i < end && bytes[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    return true;
                }
                int b = bytes[i++] & 0xFF;
                if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                } else if (b == 0xE0) {
                    needed = 2;
                    low = 0xA0;
                } else if (b == 0xED) {
                    needed = 2;
                    high = 0x9F;
                } else if (b >= 0xE1 && b <= 0xEF) {
                    needed = 2;
                } else if (b == 0xF0) {
                    needed = 3;
                    low = 0x90;
                } else if (b >= 0xF1 && b <= 0xF3) {
                    needed = 3;
                } else if (b == 0xF4) {
                    needed = 3;
                    high = 0x8F;
                } else {
                    return false;
                }
            } else {
                int b = bytes[i++] & 0xFF;
                if (b < low || b > high) {
                    return false;
                }
                needed--;
                low = 0x80;
                high = 0xBF;
            }
        }
        return true;
    }

    /** @return whether the bytes fed so far end on a code point boundary */
    boolean complete() {
        return needed == 0;
    }

    void reset() {
        needed = 0;
        low = 0x80;
        high = 0xBF;
    }
}
