package dev.auraxium.testkit;

/**
 * A snapshot of a replay's progress, from {@link ReplayHandle#progress()} or its completion.
 * Immutable.
 *
 * @param total frames in the recording
 * @param processed frames handled so far, sent or skipped
 * @param sent event frames handed to the sink (published)
 * @param skipped frames not sent: control frames (heartbeats, connection and service state,
 *     help prompts, subscription replies, echoes), client commands, and frames that do not decode
 * @param deliveries what the sink reported: for a {@link FakeEssServer}, the number of connections
 *     that received each event, summed; for a plain consumer, equal to {@code sent}
 */
public record ReplayProgress(int total, int processed, int sent, int skipped, long deliveries) {
    /**
     * Checks the counts.
     *
     * @param total frames in the recording
     * @param processed frames handled so far, sent or skipped
     * @param sent event frames handed to the sink (published)
     * @param skipped frames not sent: control frames (heartbeats, connection and service state,
     *     help prompts, subscription replies, echoes), client commands, and frames that do not decode
     * @param deliveries what the sink reported: for a {@link FakeEssServer}, the number of connections
     *     that received each event, summed; for a plain consumer, equal to {@code sent}
     * @throws IllegalArgumentException if a count is negative
     */
    public ReplayProgress {
        if (total < 0 || processed < 0 || sent < 0 || skipped < 0 || deliveries < 0) {
            throw new IllegalArgumentException("counts must not be negative: total=" + total + " processed="
                    + processed + " sent=" + sent + " skipped=" + skipped + " deliveries=" + deliveries);
        }
    }

    /** @return processed / total, 1.0 for an empty recording */
    public double fraction() {
        return total == 0 ? 1.0 : (double) processed / total;
    }

    /** @return true when every frame has been processed */
    public boolean isComplete() {
        return processed == total;
    }
}
