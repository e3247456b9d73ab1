package dev.auraxium.cli.internal;

import java.util.Locale;
import picocli.CommandLine;

/**
 * A replay pace from the command line: {@code max} (as fast as possible) or a factor of real time
 * such as {@code 1}, {@code 10} or {@code 0.5}.
 *
 * @param factor the factor of real time; ignored when {@code max}
 * @param max whether to replay as fast as possible
 */
public record Speed(double factor, boolean max) {

    /** Real time. */
    public static final Speed REAL_TIME = new Speed(1.0, false);
    /** As fast as possible. */
    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY, true);

    @Override
    public String toString() {
        return max ? "max" : (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor)) + "x";
    }

    /** Converts {@code max} or a positive number. */
    public static final class Converter implements CommandLine.ITypeConverter<Speed> {
        @Override
        public Speed convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("max")) {
                return MAX;
            }
            if (v.endsWith("x")) {
                v = v.substring(0, v.length() - 1);
            }
            double f;
            try {
                f = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a speed (use a positive number such as 1, 10 or 0.5, or max)");
            }
            if (!(f > 0) || Double.isInfinite(f)) {
                throw new CommandLine.TypeConversionException("speed must be a positive number or max, was '" + value + "'");
            }
            return new Speed(f, false);
        }
    }
}
