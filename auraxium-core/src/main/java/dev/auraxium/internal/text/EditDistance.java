package dev.auraxium.internal.text;

/**
 * The edit distance used for "did you mean" suggestions: the number of insertions, deletions,
 * substitutions and swaps of two neighbouring characters that turn one string into the other
 * (each part of the strings edited at most once). Case-sensitive: callers fold case first when
 * they want to. Stateless and thread-safe; quadratic in time and memory, so callers bound the
 * length of what they compare.
 */
public final class EditDistance {
    private EditDistance() {
    }

    /**
     * @param a one string
     * @param b the other
     * @return the number of edits that turn {@code a} into {@code b}; 0 when they are equal
     */
    public static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
