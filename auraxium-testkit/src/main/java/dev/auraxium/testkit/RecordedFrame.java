package dev.auraxium.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One frame of a {@link Recording}: the raw text as the server sent it, and optionally when it
 * arrived, as an offset from the start of the recording.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RecordedFrame f = RecordedFrame.at(Duration.ofMillis(1500), "{\"payload\":{...},...}");
 * f.offset();   // Optional[PT1.5S]
 * }</pre>
 *
 * @param text the raw frame, exactly as received (a JSON object in every real capture)
 * @param offsetNanos receive time in nanoseconds after the recording started, not negative;
 *     empty when the recording did not keep receive times
 */
public record RecordedFrame(String text, OptionalLong offsetNanos) {
    /**
     * Checks the components.
     *
     * @param text the raw frame, exactly as received (a JSON object in every real capture)
     * @param offsetNanos receive time in nanoseconds after the recording started, not negative;
     *     empty when the recording did not keep receive times
     * @throws IllegalArgumentException if the offset is negative
     */
    public RecordedFrame {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(offsetNanos, "offsetNanos");
        if (offsetNanos.isPresent() && offsetNanos.getAsLong() < 0) {
            throw new IllegalArgumentException("offsetNanos must not be negative, was " + offsetNanos.getAsLong());
        }
    }

    /**
     * @param text the raw frame
     * @return a frame without a receive time
     */
    public static RecordedFrame of(String text) {
        return new RecordedFrame(text, OptionalLong.empty());
    }

    /**
     * @param offset receive time after the recording started, not negative
     * @param text the raw frame
     * @return a frame with that receive time
     */
    public static RecordedFrame at(Duration offset, String text) {
        Objects.requireNonNull(offset, "offset");
        if (offset.isNegative()) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        return new RecordedFrame(text, OptionalLong.of(offset.toNanos()));
    }

    /** @return the receive time as a duration after the recording started, if known */
    public Optional<Duration> offset() {
        return offsetNanos.isPresent() ? Optional.of(Duration.ofNanos(offsetNanos.getAsLong())) : Optional.empty();
    }
}
