package dev.auraxium.internal.session;

import dev.auraxium.internal.subscription.SubscriptionDiff;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One connection's subscription agreement with the server, without I/O: a plan goes in and the
 * commands to send come out (the model of the server's copy follows them); a reply goes in and
 * comes out as confirmed, a drift to repair (with the commands), or a drift left alone.
 *
 * <p>Drift repair is rate-limited per connection: after a repair, the next one waits at least 30 s,
 * the wait doubling up to 10 minutes while the drift persists and reset by agreement that lasted a
 * whole wait; a drift that persists right after a repair is left until the next probe. So no
 * pattern of replies makes the client send more than a few commands a minute.
 *
 * <p>Not thread-safe: the client calls it under its lock. Times are {@code Timers} nanoseconds.
 */
public final class SubscriptionSync {
    /** The least time between two repairs on one connection, doubling up to the cap. */
    static final long REPAIR_BACKOFF_INITIAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final long REPAIR_BACKOFF_CAP_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** What a reply meant. */
    public enum Verdict {
        /** The reply answered a command sent before a repair; ignored. */
        SKIPPED,
        /** The server holds what it should. */
        CONFIRMED,
        /** Drifted right after a repair: left alone until the next probe. */
        GAVE_UP,
        /** Drifted within the repair backoff: left alone for now. */
        DEFERRED,
        /** Drifted: send {@link Outcome#commands()} to clear and resubscribe. */
        REPAIR
    }

    /**
     * @param verdict what the reply meant
     * @param drift the differences, for a drift; else null
     * @param commands to send, in order (only for {@link Verdict#REPAIR})
     * @param seconds for REPAIR the backoff until the next repair, for DEFERRED the time left
     */
    public record Outcome(Verdict verdict, String drift, List<ClientCommand> commands, long seconds) {
        /** @return whether the reply showed a drift */
        public boolean drifted() {
            return drift != null;
        }
    }

    private Subscription serverCopy = Subscription.EMPTY;
    private final ArrayDeque<Subscription> expectedReplies = new ArrayDeque<>();
    private long awaitingReplySince;
    private int repliesToSkip;
    private boolean confirmed;
    private boolean repairing;
    /** When the last repair was sent, and the least time before the next one (0: none yet). */
    private long lastRepairAt;
    private long repairBackoffNanos;

    /** @return whether a reply confirmed the subscription (or a drift was left alone) */
    public boolean confirmed() {
        return confirmed;
    }

    /** @return when the oldest unanswered subscription command was sent, or 0 when none is */
    public long awaitingReplySince() {
        return awaitingReplySince;
    }

    /**
     * @param planned what the triggers need
     * @param now the time
     * @return the commands that make the server's copy equal to the plan, already recorded as sent
     */
    public List<ClientCommand> toward(Subscription planned, long now) {
        List<ClientCommand> out = SubscriptionDiff.between(serverCopy, planned);
        out.forEach(c -> sent(c, now));
        return out;
    }

    /** @return a probe (an empty subscribe), recorded as sent */
    public ClientCommand probe(long now) {
        ClientCommand c = Subscribe.probe();
        sent(c, now);
        return c;
    }

    /** Subscription commands update the model of the server's copy and start the reply timer. */
    private void sent(ClientCommand command, long now) {
        if (command instanceof Subscribe || command instanceof ClearSubscribe) {
            serverCopy = SubscriptionDiff.apply(serverCopy, command);
            expectedReplies.addLast(serverCopy);
            if (awaitingReplySince == 0) {
                awaitingReplySince = nonZero(now);
            }
        }
    }

    private static long nonZero(long t) {
        return t == 0 ? 1 : t;
    }

    /**
     * @param reply the server's reply
     * @param planned what the triggers need (a repair resubscribes it)
     * @param now the time
     * @return what it meant, with the commands of a repair already recorded as sent
     */
    public Outcome onReply(SubscriptionReply reply, Subscription planned, long now) {
        awaitingReplySince = 0;
        if (repliesToSkip > 0) {
            repliesToSkip--;
            expectedReplies.pollFirst();
            if (!expectedReplies.isEmpty()) {
                awaitingReplySince = nonZero(now);
            }
            return new Outcome(Verdict.SKIPPED, null, List.of(), 0);
        }
        Subscription expected = expectedReplies.isEmpty() ? serverCopy : expectedReplies.pollFirst();
        boolean last = expectedReplies.isEmpty();
        if (!last) {
            awaitingReplySince = nonZero(now);
        }
        List<String> differences = SubscriptionDiff.differences(expected, reply);
        if (differences.isEmpty()) {
            if (last) {
                repairing = false;
                if (repairBackoffNanos > 0 && now - lastRepairAt >= repairBackoffNanos) {
                    repairBackoffNanos = 0; // agreed for a whole backoff: the next drift is repaired at once
                }
            }
            confirmed = true;
            return new Outcome(Verdict.CONFIRMED, null, List.of(), 0);
        }
        String drift = "subscription drifted: " + String.join("; ", differences);
        if (repairing) {
            repairing = false;
            confirmed = true;
            return new Outcome(Verdict.GAVE_UP, drift, List.of(), 0);
        }
        if (repairBackoffNanos > 0 && now - lastRepairAt < repairBackoffNanos) {
            confirmed = true;
            return new Outcome(Verdict.DEFERRED, drift, List.of(),
                    Math.max(0, (repairBackoffNanos - (now - lastRepairAt)) / 1_000_000_000L));
        }
        repairBackoffNanos = repairBackoffNanos == 0 ? REPAIR_BACKOFF_INITIAL_NANOS
                : Math.min(REPAIR_BACKOFF_CAP_NANOS, 2 * repairBackoffNanos);
        lastRepairAt = now;
        repliesToSkip = expectedReplies.size();
        repairing = true;
        List<ClientCommand> commands = new ArrayList<>();
        commands.add(ClearSubscribe.everything());
        commands.addAll(SubscriptionDiff.between(Subscription.EMPTY, planned));
        commands.forEach(c -> sent(c, now));
        return new Outcome(Verdict.REPAIR, drift, List.copyOf(commands), repairBackoffNanos / 1_000_000_000L);
    }
}
