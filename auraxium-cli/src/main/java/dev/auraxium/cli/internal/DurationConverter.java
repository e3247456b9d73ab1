package dev.auraxium.cli.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Reads a duration the way people type one: {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, a
 * bare number of seconds ({@code 20}, {@code 1.5}) or ISO-8601 ({@code PT20S}). Must be positive.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * @param value the text
     * @return the positive duration it names
     * @throws CommandLine.TypeConversionException naming the bad value
     */
    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofNanos(Math.round(Double.parseDouble(v.substring(0, v.length() - 2)) * 1e6));
            } else if (v.endsWith("s")) {
                d = seconds(v.substring(0, v.length() - 1), 1);
            } else if (v.endsWith("m")) {
                d = seconds(v.substring(0, v.length() - 1), 60);
            } else if (v.endsWith("h")) {
                d = seconds(v.substring(0, v.length() - 1), 3600);
            } else {
                d = seconds(v, 1);
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration (use e.g. 500ms, 20s, 2m, 1h or PT20S)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("duration must be positive, was '" + value + "'");
        }
        return d;
    }

    private static Duration seconds(String number, long unitSeconds) {
        double s = Double.parseDouble(number) * unitSeconds;
        if (Double.isNaN(s) || Double.isInfinite(s) || s > 1e12) {
            throw new NumberFormatException(number);
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
