package dev.auraxium.testkit;

/**
 * How fast a {@link Recording} is replayed: in real time, {@code n} times faster (or slower), or as
 * fast as possible.
 *
 * <p>Pacing follows the recording's receive-time offsets when every frame has one (recordings made
 * by {@link Recorder}); otherwise it follows the events' own {@code timestamp} deltas (seconds), the
 * only clock the plain captures carry. Frames that arrive with an older timestamp than one already
 * replayed (the live stream is up to about a second out of order, and the 2016 capture is newest
 * first) are sent at once, never "back in time".
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * server.replay(recording, ReplaySpeed.times(10));          // a 30 s capture in 3 s
 * server.replay(recording, ReplaySpeed.asFastAsPossible()); // no waiting at all
 * }</pre>
 */
public final class ReplaySpeed {
    private static final ReplaySpeed REAL_TIME = new ReplaySpeed(1.0);
    private static final ReplaySpeed FASTEST = new ReplaySpeed(Double.POSITIVE_INFINITY);

    private final double factor;

    private ReplaySpeed(double factor) {
        this.factor = factor;
    }

    /** @return the recording's own pace */
    public static ReplaySpeed realTime() {
        return REAL_TIME;
    }

    /**
     * @param n how many times faster than real time; below 1 is slower; finite and positive
     * @return that speed
     */
    public static ReplaySpeed times(double n) {
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("speed factor must be finite and positive, was " + n);
        }
        return n == 1.0 ? REAL_TIME : new ReplaySpeed(n);
    }

    /** @return no pacing: every frame is sent as soon as the previous one */
    public static ReplaySpeed asFastAsPossible() {
        return FASTEST;
    }

    /** @return the factor over real time; {@link Double#POSITIVE_INFINITY} for as fast as possible */
    public double factor() {
        return factor;
    }

    /** @return true when frames are sent without waiting */
    public boolean isAsFastAsPossible() {
        return Double.isInfinite(factor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplaySpeed other && Double.compare(factor, other.factor) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(factor);
    }

    @Override
    public String toString() {
        if (isAsFastAsPossible()) {
            return "ReplaySpeed[as fast as possible]";
        }
        return factor == 1.0 ? "ReplaySpeed[real time]" : "ReplaySpeed[x" + factor + "]";
    }
}
