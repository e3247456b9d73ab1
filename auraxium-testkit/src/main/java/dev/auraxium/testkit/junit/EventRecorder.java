package dev.auraxium.testkit.junit;

import dev.auraxium.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@code Consumer<Event>} that keeps what it receives, for timed assertions in tests: plug it
 * into a trigger's action (or any callback) and assert on the events one by one, in arrival order.
 *
 * <p>Each {@code assertNext} takes the next unread event, waiting up to a timeout for it, and
 * checks it; a failure throws an {@link AssertionError} (opentest4j's
 * {@code AssertionFailedError} when that is on the class path, as it is with JUnit) whose message
 * names what was expected, what came, and how many events arrived in total.
 *
 * <p>Threading: {@link #accept(Event)} may be called from any number of threads; assertions are
 * meant for the test thread. Lifecycle: none; one recorder per test.
 *
 * <pre>{@code
 * EventRecorder events = new EventRecorder();
 * client.addTrigger(Trigger.on(Death.class).action(events).build());
 * Death death = Death.builder().build();
 * server.awaitSubscribers(death, 1, Duration.ofSeconds(10));   // the client's subscription is applied
 * server.publish(death);
 * Death d = events.assertNext(Death.class);
 * events.assertNoMoreEvents(Duration.ofMillis(200));
 * }</pre>
 */
public final class EventRecorder implements Consumer<Event> {
    /** The timeout of the {@code assertNext} forms that take none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Duration timeout;
    private final LinkedBlockingQueue<Event> unread = new LinkedBlockingQueue<>();
    private final List<Event> all = new ArrayList<>();

    /** A recorder whose {@code assertNext} waits up to {@link #DEFAULT_TIMEOUT}. */
    public EventRecorder() {
        this(DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long {@code assertNext} waits by default; positive
     */
    public EventRecorder(Duration timeout) {
        this.timeout = checkPositive(timeout, "timeout");
    }

    @Override
    public void accept(Event event) {
        Objects.requireNonNull(event, "event");
        synchronized (all) {
            all.add(event);
            all.notifyAll();
        }
        unread.add(event);
    }

    /** @return every event received so far, in arrival order, read or not; a snapshot */
    public List<Event> events() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /**
     * Waits until at least {@code n} events have been received in total (read by
     * {@code assertNext} or not); it reads none of them.
     *
     * @param n how many events, not negative
     * @param timeout how long to wait at most; positive
     * @return every event received so far, in arrival order (at least {@code n}); a snapshot
     * @throws AssertionError if fewer came within the timeout, saying how many did
     */
    public List<Event> awaitCount(int n, Duration timeout) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        checkPositive(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (all) {
            while (all.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw failure("expected at least " + n + " events within " + timeout + " but " + all.size()
                            + " came" + (all.isEmpty() ? "" : "; the last: " + all.get(all.size() - 1)));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(all, left);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted while waiting for " + n + " events (" + all.size() + " came)");
                }
            }
            return List.copyOf(all);
        }
    }

    /**
     * Waits up to the default timeout for the next event and checks its type.
     *
     * @param type the expected class
     * @param <T> the type
     * @return the event
     * @throws AssertionError if none came in time or it is of another type
     */
    public <T extends Event> T assertNext(Class<T> type) {
        return assertNext(type, timeout);
    }

    /**
     * Waits up to {@code timeout} for the next event and checks its type.
     *
     * @param type the expected class
     * @param timeout how long to wait; positive
     * @param <T> the type
     * @return the event
     * @throws AssertionError if none came in time or it is of another type
     */
    public <T extends Event> T assertNext(Class<T> type, Duration timeout) {
        Objects.requireNonNull(type, "type");
        Event e = next(timeout, "a " + type.getSimpleName());
        if (!type.isInstance(e)) {
            throw failure("expected the next event to be a " + type.getSimpleName() + " but it was " + e);
        }
        return type.cast(e);
    }

    /**
     * Waits up to the default timeout for the next event and checks it.
     *
     * @param condition what the next event must satisfy
     * @return the event
     * @throws AssertionError if none came in time or it does not satisfy the condition
     */
    public Event assertNext(Predicate<? super Event> condition) {
        return assertNext(condition, timeout);
    }

    /**
     * Waits up to {@code timeout} for the next event and checks it.
     *
     * @param condition what the next event must satisfy
     * @param timeout how long to wait; positive
     * @return the event
     * @throws AssertionError if none came in time or it does not satisfy the condition
     */
    public Event assertNext(Predicate<? super Event> condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        Event e = next(timeout, "an event matching the condition");
        if (!condition.test(e)) {
            throw failure("the next event does not satisfy the condition: " + e);
        }
        return e;
    }

    /**
     * Passes when no unread event is waiting and none arrives during {@code quiet}.
     *
     * @param quiet how long to watch; positive
     * @throws AssertionError naming the first event that came
     */
    public void assertNoMoreEvents(Duration quiet) {
        checkPositive(quiet, "quiet");
        Event e = poll(quiet);
        if (e != null) {
            throw failure("expected no more events for " + quiet + " but got " + e
                    + " (" + unread.size() + " more unread)");
        }
    }

    private Event next(Duration timeout, String expected) {
        checkPositive(timeout, "timeout");
        Event e = poll(timeout);
        if (e == null) {
            throw failure("expected " + expected + " within " + timeout + " but no event came ("
                    + events().size() + " received in total, all read)");
        }
        return e;
    }

    private Event poll(Duration timeout) {
        try {
            return unread.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for an event");
        }
    }

    private static Duration checkPositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    private static AssertionError failure(String message) {
        return OpenTest4j.PRESENT ? OpenTest4j.create(message) : new AssertionError(message);
    }

    /** Touches opentest4j only when it is there, so the recorder also works without JUnit. */
    private static final class OpenTest4j {
        static final boolean PRESENT = isPresent();

        private static boolean isPresent() {
            try {
                Class.forName("org.opentest4j.AssertionFailedError", false, EventRecorder.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        static AssertionError create(String message) {
            return new org.opentest4j.AssertionFailedError(message);
        }
    }

    @Override
    public String toString() {
        return "EventRecorder[" + events().size() + " received, " + unread.size() + " unread]";
    }
}
