package dev.auraxium.testkit.internal.ess;

import dev.auraxium.testkit.ClientMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client messages the server received, kept for tests: a queue of those not taken yet (what
 * {@code FakeEssServer.takeClientMessage} hands out, oldest first) and a history of all of them. Both
 * are bounded in entries ({@value #MAX_MESSAGES}) and in characters ({@value #MAX_CHARS} in all, the
 * newest message always kept); the oldest go first.
 *
 * <p>Thread-safe: connections record from their reader threads, tests take from theirs. Taking waits
 * on a standard blocking queue; {@link #close()} wakes every waiting taker.
 */
final class ClientMessageLog {

    /** Client messages kept for inspection; older ones are dropped so a long run stays bounded. */
    static final int MAX_MESSAGES = 10_000;
    /**
     * Characters of client messages kept for inspection, in all; older ones are dropped first. With
     * the largest command the server accepts ({@link EssHub#MAX_COMMAND_BYTES}) this keeps the newest 16.
     */
    static final long MAX_CHARS = 16L * 1024 * 1024;
    /** Put behind everything on close so that every waiting taker wakes; never handed out. */
    private static final ClientMessage CLOSED = new ClientMessage(0, "", Optional.empty(), Instant.EPOCH);

    private final BlockingDeque<ClientMessage> untaken = new LinkedBlockingDeque<>();
    /** Characters of the messages in {@link #untaken}. */
    private final AtomicLong untakenChars = new AtomicLong();
    /** Guarded by itself, as is {@link #historyChars}. */
    private final ArrayDeque<ClientMessage> history = new ArrayDeque<>();
    private long historyChars;
    private volatile boolean closed;

    /** Records a message at the end of both the queue and the history, dropping the oldest over the bounds. */
    void record(ClientMessage m) {
        long chars = m.text().length();
        synchronized (untaken) { // one recorder at a time keeps the trimming exact; takers do not lock
            untaken.offerLast(m);
            long total = untakenChars.addAndGet(chars);
            while (untaken.size() > MAX_MESSAGES + (closed ? 1 : 0) || (total > MAX_CHARS && untaken.size() > 1)) {
                ClientMessage dropped = untaken.pollFirst();
                if (dropped == null) {
                    break;
                }
                if (dropped == CLOSED) {
                    untaken.offerLast(CLOSED); // keep waking takers
                    continue;
                }
                total = untakenChars.addAndGet(-dropped.text().length());
            }
        }
        synchronized (history) {
            history.addLast(m);
            historyChars += chars;
            while (history.size() > MAX_MESSAGES || (historyChars > MAX_CHARS && history.size() > 1)) {
                historyChars -= history.removeFirst().text().length();
            }
        }
    }

    /**
     * @param timeout how long to wait
     * @return the oldest message not taken yet, or null on timeout or, when none is left, once closed
     * @throws InterruptedException if interrupted while waiting
     */
    ClientMessage take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ClientMessage m = closed ? untaken.pollFirst()
                    : untaken.pollFirst(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                return null;
            }
            if (m != CLOSED) {
                untakenChars.addAndGet(-m.text().length());
                return m;
            }
            untaken.offerLast(CLOSED); // for the next taker; look once more for a message behind it
            ClientMessage next = untaken.peekFirst();
            if (next == CLOSED) {
                return null;
            }
        }
    }

    /** @return the history, oldest first */
    List<ClientMessage> all() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Wakes every taker; later takes return what is left, then null at once. */
    void close() {
        closed = true;
        untaken.offerLast(CLOSED);
    }
}
