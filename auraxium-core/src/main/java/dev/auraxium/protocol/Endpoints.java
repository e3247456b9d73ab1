package dev.auraxium.protocol;

import java.util.OptionalInt;

/**
 * Reads endpoint names, the keys of a heartbeat and the {@code detail} of a
 * {@code serviceStateChanged}. Two spellings exist:
 * <ul>
 *   <li>name first, the form PC endpoints have: {@code EventServerEndpoint_Connery_1},
 *       {@code EventServerEndpoint_Ceres_2000}: the world id is the number at the end;</li>
 *   <li>number first, a form seen for PlayStation endpoints: {@code EventServerEndpoint_2000_Ceres},
 *       and one endpoint naming several worlds,
 *       {@code EventServerEndpoint_1000_Genudine_1001_Palos_1002_Crux_1003_Searhus_1004_Xelas}: the
 *       world id is the first number. The worlds after the first were merged into it, and their
 *       events carry its id, so the endpoint stands for that one world (name {@code Genudine},
 *       id 1000).</li>
 * </ul>
 * A name without a number has no world id.
 */
final class Endpoints {
    static final String PREFIX = "EventServerEndpoint_";
    /** World ids have at most this many digits (they fit an int). */
    private static final int MAX_DIGITS = 9;

    private Endpoints() {
    }

    static OptionalInt worldId(String detail) {
        String rest = strip(detail);
        int firstCut = rest.indexOf('_');
        String first = firstCut < 0 ? rest : rest.substring(0, firstCut);
        if (firstCut > 0 && isId(first)) {
            return OptionalInt.of(Integer.parseInt(first));
        }
        int end = rest.length();
        int start = end;
        while (start > 0 && Character.isDigit(rest.charAt(start - 1))) {
            start--;
        }
        if (start == end || end - start > MAX_DIGITS) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(rest, start, end, 10));
    }

    static String worldName(String detail) {
        String rest = strip(detail);
        int firstCut = rest.indexOf('_');
        if (firstCut > 0 && isId(rest.substring(0, firstCut))) {
            // number first: the name is the part after the id, up to the next id
            int nameEnd = rest.indexOf('_', firstCut + 1);
            return nameEnd < 0 ? rest.substring(firstCut + 1) : rest.substring(firstCut + 1, nameEnd);
        }
        int cut = rest.lastIndexOf('_');
        return cut > 0 ? rest.substring(0, cut) : rest;
    }

    private static String strip(String detail) {
        return detail.startsWith(PREFIX) ? detail.substring(PREFIX.length()) : detail;
    }

    private static boolean isId(String s) {
        if (s.isEmpty() || s.length() > MAX_DIGITS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
