package dev.auraxium.protocol;

import java.util.OptionalInt;

/** Reads endpoint names such as {@code EventServerEndpoint_Connery_1}. */
final class Endpoints {
    static final String PREFIX = "EventServerEndpoint_";

    private Endpoints() {
    }

    static OptionalInt worldId(String detail) {
        int end = detail.length();
        int start = end;
        while (start > 0 && Character.isDigit(detail.charAt(start - 1))) {
            start--;
        }
        if (start == end || end - start > 9) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(detail, start, end, 10));
    }

    static String worldName(String detail) {
        String rest = detail.startsWith(PREFIX) ? detail.substring(PREFIX.length()) : detail;
        int cut = rest.lastIndexOf('_');
        return cut > 0 ? rest.substring(0, cut) : rest;
    }
}
