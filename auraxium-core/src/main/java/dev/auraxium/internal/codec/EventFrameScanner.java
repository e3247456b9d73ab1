package dev.auraxium.internal.codec;

/**
 * The fast path of {@link EssDecoder} for the one frame shape that is nearly all of the live
 * traffic: an event, written compactly, every payload value a plain string:
 *
 * <pre>{"payload":{"event_name":"Death","world_id":"13",…},"service":"event","type":"serviceMessage"}</pre>
 *
 * <p>It reads the characters directly, without Jackson's tokenizer, name canonicalisation or
 * parsing context, and fills the same {@link PayloadSlots} through the same
 * {@link PayloadSlots#readString} as the Jackson path. It accepts only what it can read
 * completely: members {@code payload}, {@code service}, {@code type} once each (any order), no
 * whitespace, strings without escapes or control characters, nothing after the closing brace, an
 * {@code event_name} present. On anything else it answers {@code false} having decided nothing,
 * and the caller decodes the frame with Jackson, which also owns every error message. So the
 * fast path can only be faster, never different: {@code EventFrameScannerTest} checks the two
 * agree on the real samples and on thousands of damaged copies of them.
 *
 * <p>Not thread-safe: it works in the calling thread's {@link EssDecoder.Frame}.
 */
final class EventFrameScanner {
    /** Field names longer than this are not ours (the longest known one has 25 chars). */
    private static final int MAX_NAME = 64;

    private static final char[] PAYLOAD = "payload".toCharArray();
    private static final char[] SERVICE = "service".toCharArray();
    private static final char[] TYPE = "type".toCharArray();
    private static final char[] EVENT = "event".toCharArray();
    private static final char[] SERVICE_MESSAGE = "serviceMessage".toCharArray();

    private EventFrameScanner() {
    }

    /**
     * Scans an event frame into {@code f.slots}.
     *
     * @return whether the frame had the fast shape; when {@code false}, the slots hold nothing
     *     meaningful and the frame must be decoded the general way
     */
    static boolean scan(String text, EssDecoder.Frame f) {
        int n = text.length();
        char[] c = f.chars(n);
        text.getChars(0, n, c, 0);
        PayloadSlots slots = f.slots;
        if (n < 2 || c[0] != '{') {
            return false;
        }
        boolean payload = false;
        boolean service = false;
        boolean type = false;
        int i = 1;
        while (true) {
            // a member name: one of three
            if (c[i] != '"') {
                return false;
            }
            int nameStart = i + 1;
            int nameEnd = stringEnd(c, nameStart, n);
            if (nameEnd < 0 || nameEnd + 1 >= n || c[nameEnd + 1] != ':') {
                return false;
            }
            int nameLen = nameEnd - nameStart;
            i = nameEnd + 2;
            if (i >= n) {
                return false;
            }
            if (!payload && Chars.same(PAYLOAD, c, nameStart, nameLen)) {
                payload = true;
                i = payloadEnd(c, i, n, slots);
            } else if (!service && Chars.same(SERVICE, c, nameStart, nameLen)) {
                service = true;
                i = expectString(EVENT, c, i, n);
            } else if (!type && Chars.same(TYPE, c, nameStart, nameLen)) {
                type = true;
                i = expectString(SERVICE_MESSAGE, c, i, n);
            } else {
                return false;
            }
            if (i < 0 || i >= n) {
                return false;
            }
            if (c[i] == '}') {
                return i == n - 1 && payload && service && type && slots.has(PayloadSlots.EVENT_NAME);
            }
            if (c[i] != ',' || ++i >= n) {
                return false;
            }
        }
    }

    /**
     * Reads the payload object starting at {@code i} (its opening brace) into the slots.
     *
     * @return the index after its closing brace, or -1 when it is not of the fast shape
     */
    private static int payloadEnd(char[] c, int i, int n, PayloadSlots slots) {
        if (c[i] != '{' || ++i >= n) {
            return -1;
        }
        if (c[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (c[i] != '"') {
                return -1;
            }
            int nameStart = i + 1;
            int hash = 0;
            int j = nameStart;
            for (; j < n; j++) {
                char ch = c[j];
                if (ch == '"') {
                    break;
                }
                if (ch == '\\' || ch < 0x20) {
                    return -1;
                }
                hash = 31 * hash + ch;
            }
            int nameLen = j - nameStart;
            if (j + 2 >= n || c[j + 1] != ':' || c[j + 2] != '"' || nameLen > MAX_NAME) {
                return -1;
            }
            int valueStart = j + 3;
            int valueEnd = stringEnd(c, valueStart, n);
            if (valueEnd < 0) {
                return -1;
            }
            int slot = PayloadSlots.slotOf(c, nameStart, nameLen, hash);
            if (slot >= 0) {
                slots.readString(slot, c, valueStart, valueEnd - valueStart);
            }
            i = valueEnd + 1;
            if (i >= n) {
                return -1;
            }
            if (c[i] == '}') {
                return i + 1;
            }
            if (c[i] != ',' || ++i >= n) {
                return -1;
            }
        }
    }

    /** The index of the closing quote of a string whose characters start at {@code i}, or -1. */
    private static int stringEnd(char[] c, int i, int n) {
        for (; i < n; i++) {
            char ch = c[i];
            if (ch == '"') {
                return i;
            }
            if (ch == '\\' || ch < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /** Reads a string value that must equal {@code expected}; the index after it, or -1. */
    private static int expectString(char[] expected, char[] c, int i, int n) {
        if (c[i] != '"') {
            return -1;
        }
        int end = stringEnd(c, i + 1, n);
        return end >= 0 && Chars.same(expected, c, i + 1, end - i - 1) ? end + 1 : -1;
    }
}
