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

    /** @return each name's characters, for {@link #same} */
    static char[][] of(String... names) {
        char[][] out = new char[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].toCharArray();
        }
        return out;
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
