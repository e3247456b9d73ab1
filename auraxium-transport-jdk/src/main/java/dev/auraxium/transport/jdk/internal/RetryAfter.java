package dev.auraxium.transport.jdk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} value: delay seconds or an IMF-fixdate (RFC 9110 §10.2.3). */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * @param value the header value
     * @param clock the clock an HTTP-date is measured from
     * @return the delay (zero for a date in the past), or empty when the value is neither form
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        String text = value.trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration delay = Duration.between(clock.instant(), when.toInstant());
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
