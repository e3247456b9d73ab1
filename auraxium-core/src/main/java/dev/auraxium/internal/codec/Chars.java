package dev.auraxium.internal.codec;

/**
 * The character checks the decoders share: the one comparison of a known name with a run of
 * characters in a parser's or scanner's buffer, so that field names and string values are matched
 * without making a {@code String} of them, and the check for text that UTF-8 cannot carry.
 *
 * <p>Stateless; usable from any thread.
 */
final class Chars {

    private Chars() {
    }

    /**
     * @param name the known name's characters (an array, not a {@code String}: this runs for every
     *     field of every frame, and a plain array compare is the cheapest loop for any compiler)
     * @param buf the buffer
     * @param off where the run starts in {@code buf}
     * @param len the run's length
     * @return whether the run holds exactly {@code name}
     */
    static boolean same(char[] name, char[] buf, int off, int len) {
        if (name.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (name[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    /** Known names, kept as Strings to hand out and as characters to compare with {@link #same}. */
    record Names(String[] values, char[][] chars) {
        static Names of(String... values) {
            char[][] chars = new char[values.length][];
            for (int i = 0; i < values.length; i++) {
                chars[i] = values[i].toCharArray();
            }
            return new Names(values, chars);
        }

        /** @return the index of the name the run holds, or -1 */
        int indexOf(char[] buf, int off, int len) {
            for (int i = 0; i < chars.length; i++) {
                if (same(chars[i], buf, off, len)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * @param s the text
     * @return true when {@code s} has a high surrogate without a low one after it, or a lone low one
     */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }
}
