package dev.auraxium.internal.dispatch;

import static dev.auraxium.internal.dispatch.TriggerIndexTest.death;
import static dev.auraxium.testsupport.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.OverflowPolicy;
import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.Trigger;
import dev.auraxium.event.TriggerActionException;
import dev.auraxium.transport.IdleConnection;
import dev.auraxium.transport.TransportConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dispatch thread on its own: a real queue and index, a recording host, triggers of the public
 * API. Each test starts the dispatcher, feeds the queue as a transport would and waits for what
 * the host and the actions saw.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DispatcherTest {
    /** The connection the test's events come from: only its identity matters to the dispatcher. */
    static final TransportConnection SOURCE = new IdleConnection("connection-1");

    /** Records what the dispatcher tells its client. */
    static final class RecordingHost implements Dispatcher.Host<String> {
        final List<Integer> takenChunks = new CopyOnWriteArrayList<>();
        final List<Integer> takenByNobody = new CopyOnWriteArrayList<>();
        final Map<Object, AtomicInteger> taken = new ConcurrentHashMap<>();
        final List<Registration> removed = new CopyOnWriteArrayList<>();
        final List<Throwable> reports = new CopyOnWriteArrayList<>();
        volatile Function<String, Event> decoder = item -> {
            throw new AssertionError("nothing to decode expected: " + item);
        };

        @Override
        public void taken(TransportConnection source, int count) {
            if (source == null) {
                takenByNobody.add(count);
                return;
            }
            takenChunks.add(count);
            taken.computeIfAbsent(source, s -> new AtomicInteger()).addAndGet(count);
        }

        @Override
        public void removeFired(Registration r) {
            removed.add(r);
        }

        @Override
        public void report(Throwable error) {
            reports.add(error);
        }

        @Override
        public Event decode(String frame) {
            return decoder.apply(frame);
        }

        int takenFrom(Object source) {
            AtomicInteger n = taken.get(source);
            return n == null ? 0 : n.get();
        }
    }

    final RecordingHost host = new RecordingHost();
    final TriggerIndex index = new TriggerIndex();
    EventQueue<Delivery<String>> queue = new EventQueue<>(1_000, OverflowPolicy.BACKPRESSURE);
    Dispatcher<String> dispatcher;
    long seq;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.stop(5_000);
        }
    }

    Dispatcher<String> start(Executor executor) {
        dispatcher = new Dispatcher<>("dispatch-under-test", queue, index, executor, host);
        dispatcher.start();
        return dispatcher;
    }

    Registration register(Trigger<?> trigger) {
        Registration r = new Registration(trigger, ++seq);
        index.add(r);
        return r;
    }

    static Trigger<Death> onDeath(String name, Consumer<Death> action) {
        return Trigger.on(Death.class).name(name).action(action).build();
    }

    /** A death whose victim id is {@code n}: the tests' sequence number. */
    static Death nth(long n) {
        return death(n, 900_000 + n, 10);
    }

    void offer(long from, long to) {
        for (long n = from; n <= to; n++) {
            assertTrue(queue.offer(Delivery.ofEvent(nth(n), SOURCE)), "queue refused event " + n);
        }
    }

    @Test
    void runsEventsInArrivalOrderAndEachEventsTriggersInRegistrationOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        register(onDeath("first", d -> seen.add("first:" + d.characterId())));
        register(onDeath("second", d -> seen.add("second:" + d.characterId())));
        start(null);

        offer(1, 100);

        until(() -> seen.size() == 200, "200 actions run");
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 100; n++) {
            expected.add("first:" + n);
            expected.add("second:" + n);
        }
        assertEquals(expected, seen);
        assertEquals(100, dispatcher.dispatched());
        assertEquals(200, dispatcher.actionsRun());
        assertEquals(List.of(), host.reports);
    }

    @Test
    void givesDemandBackForEveryItemTakenInChunks() {
        queue.offer(Delivery.ofEvent(nth(0), null)); // from EventClient.dispatch: nobody to give demand to
        offer(1, 100);
        start(null);

        until(() -> host.takenFrom(SOURCE) == 100, "demand for all 100 items of the connection given back");
        assertEquals(101, dispatcher.dispatched());
        assertTrue(host.takenChunks.stream().allMatch(n -> n > 0 && n <= Dispatcher.DEMAND_CHUNK),
                "chunks of at most " + Dispatcher.DEMAND_CHUNK + ": " + host.takenChunks);
        assertEquals(List.of(), host.takenByNobody, "demand given back for an event that no connection delivered");
    }

    @Test
    void aThrowingActionIsReportedWithItsTriggerAndEventAndTheStreamGoesOn() {
        List<Long> others = new CopyOnWriteArrayList<>();
        Trigger<Death> bang = onDeath("bang", d -> {
            if (d.characterId() == 2) {
                throw new IllegalStateException("boom");
            }
        });
        register(bang);
        register(onDeath("other", d -> others.add(d.characterId())));
        start(null);

        offer(1, 3);

        until(() -> others.size() == 3, "the other trigger saw all three events");
        assertEquals(List.of(1L, 2L, 3L), others, "the trigger after the throwing one still ran on event 2");
        assertEquals(1, host.reports.size(), () -> "reports: " + host.reports);
        TriggerActionException e = assertInstanceOf(TriggerActionException.class, host.reports.get(0));
        assertSame(bang, e.trigger());
        assertEquals(nth(2), e.event());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("'bang'") && e.getMessage().contains("Death"), e.getMessage());
        assertEquals(1, dispatcher.actionFailures());
    }

    @Test
    void aThrowingConditionIsReportedAndTheActionDoesNotRun() {
        List<Long> ran = new CopyOnWriteArrayList<>();
        register(Trigger.on(Death.class).name("picky").when(d -> {
            if (d.characterId() == 1) {
                throw new IllegalArgumentException("bad condition");
            }
            return true;
        }).action(d -> ran.add(d.characterId())).build());
        start(null);

        offer(1, 2);

        until(() -> ran.size() == 1, "the action ran for the second event");
        assertEquals(List.of(2L), ran);
        TriggerActionException e = assertInstanceOf(TriggerActionException.class, host.reports.get(0));
        assertTrue(e.getMessage().contains("condition of trigger 'picky'"), e.getMessage());
        assertEquals(1, dispatcher.actionFailures());
    }

    @Test
    void aSingleShotTriggerIsRemovedBeforeItsActionRunsAndRunsOnce() {
        List<Long> ran = new CopyOnWriteArrayList<>();
        List<Boolean> removedFirst = new CopyOnWriteArrayList<>();
        Registration[] self = new Registration[1];
        self[0] = register(Trigger.on(Death.class).name("once").singleShot(true).action(d -> {
            removedFirst.add(host.removed.contains(self[0]));
            ran.add(d.characterId());
        }).build());
        List<Long> after = new CopyOnWriteArrayList<>();
        register(onDeath("after", d -> after.add(d.characterId())));
        start(null);

        offer(1, 3);

        until(() -> after.size() == 3, "three events dispatched");
        assertEquals(List.of(1L), ran, "a single-shot trigger fires once");
        assertEquals(List.of(true), removedFirst, "removed before its action ran");
        assertEquals(List.of(self[0]), host.removed);
    }

    @Test
    void anActionOfARemovedTriggerDoesNotStart() {
        List<Long> ran = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Registration blocker = register(onDeath("blocker", d -> {
            first.countDown();
            await(release);
        }));
        Registration removedLater = register(onDeath("removed", d -> ran.add(d.characterId())));
        start(null);

        offer(1, 1);
        await(first);
        removedLater.deactivate(); // what removal does before taking the trigger out of the index
        release.countDown();

        until(() -> dispatcher.dispatched() == 1 && blocker.isActive(), "the event dispatched");
        offer(2, 2);
        until(() -> dispatcher.actionsRun() == 2, "the blocker ran on both events");
        assertEquals(List.of(), ran, "the removed trigger's action started after its removal");
    }

    @Test
    void dropNewestCountsWhatArrivesWhileAnActionBlocksAndKeepsTheOldest() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), dispatchedAfterOverflow(OverflowPolicy.DROP_NEWEST));
    }

    @Test
    void dropOldestCountsWhatItDropsAndKeepsTheNewest() {
        assertEquals(List.of(1L, 8L, 9L, 10L, 11L), dispatchedAfterOverflow(OverflowPolicy.DROP_OLDEST));
    }

    /**
     * An action blocks on event 1 while events 2 to 11 arrive at a queue of 4: six are dropped and
     * counted. Returns what was dispatched once the action lets go.
     */
    private List<Long> dispatchedAfterOverflow(OverflowPolicy policy) {
        queue = new EventQueue<>(4, policy);
        List<Long> ran = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        register(onDeath("slow", d -> {
            started.countDown();
            await(release);
            ran.add(d.characterId());
        }));
        start(null);

        offer(1, 1);
        await(started);
        int refused = 0;
        for (long n = 2; n <= 11; n++) {
            if (!queue.offer(Delivery.ofEvent(nth(n), SOURCE))) {
                refused++;
            }
        }
        assertEquals(6, refused, "four fit while the action blocks");
        assertEquals(6, queue.drops());
        release.countDown();

        until(() -> ran.size() == 5, "the kept events dispatched");
        return ran;
    }

    @Test
    void withAnExecutorActionsRunThereAndNotOnTheDispatchThread() throws Exception {
        BlockingQueue<Runnable> handedOver = new LinkedBlockingQueue<>();
        List<Long> ran = new CopyOnWriteArrayList<>();
        List<Boolean> onDispatchThread = new CopyOnWriteArrayList<>();
        register(onDeath("async", d -> {
            onDispatchThread.add(dispatcher.isDispatchThread());
            ran.add(d.characterId());
        }));
        start(handedOver::add);

        offer(1, 3);

        until(() -> handedOver.size() == 3, "three actions handed to the executor");
        assertEquals(List.of(), ran, "an action ran before the executor ran it");
        for (Runnable r; (r = handedOver.poll()) != null; ) {
            r.run();
        }
        assertEquals(List.of(1L, 2L, 3L), ran);
        assertEquals(List.of(false, false, false), onDispatchThread);
    }

    @Test
    void anExecutorThatRejectsIsReportedAndTheStreamGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        start(task -> {
            if (calls.incrementAndGet() == 1) {
                throw new RejectedExecutionException("full");
            }
            task.run();
        });
        List<Long> ran = new CopyOnWriteArrayList<>();
        register(onDeath("async", d -> ran.add(d.characterId())));

        offer(1, 2);

        until(() -> ran.size() == 1, "the second event's action ran");
        assertEquals(List.of(2L), ran);
        TriggerActionException e = assertInstanceOf(TriggerActionException.class, host.reports.get(0));
        assertTrue(e.getMessage().contains("rejected trigger 'async'"), e.getMessage());
        assertEquals(1, dispatcher.actionFailures());
    }

    @Test
    void itemsThatAreNotEventsAreDecodedOnTheDispatchThreadAndFailuresReported() {
        List<Boolean> decodedOnDispatchThread = new CopyOnWriteArrayList<>();
        host.decoder = item -> {
            decodedOnDispatchThread.add(dispatcher.isDispatchThread());
            return switch ((String) item) {
                case "frame-1" -> nth(1);
                case "heartbeat" -> null;
                default -> throw new IllegalStateException("bug in decode: " + item);
            };
        };
        List<Long> ran = new CopyOnWriteArrayList<>();
        register(onDeath("any", d -> ran.add(d.characterId())));
        start(null);

        for (String frame : List.of("frame-1", "heartbeat", "garbage")) {
            queue.offer(Delivery.ofFrame(frame, SOURCE));
        }
        offer(2, 2);

        until(() -> ran.size() == 2, "both events dispatched");
        assertEquals(List.of(1L, 2L), ran);
        assertEquals(List.of(true, true, true), decodedOnDispatchThread);
        assertEquals(1, host.reports.size(), () -> "reports: " + host.reports);
        assertTrue(host.reports.get(0).getMessage().contains("bug in decode: garbage"));
        until(() -> host.takenFrom(SOURCE) == 4, "demand given back for every item, the undecodable ones included");
    }

    @Test
    void stopEndsTheThreadAndTheQueueTakesNoMore() {
        List<Long> ran = new CopyOnWriteArrayList<>();
        register(onDeath("any", d -> ran.add(d.characterId())));
        Dispatcher<String> d = start(null);
        offer(1, 1);
        until(() -> ran.size() == 1, "the first event dispatched");

        d.stop(5_000);

        assertFalse(queue.offer(Delivery.ofEvent(nth(2), SOURCE)), "a stopped dispatcher's queue took an event");
        until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("dispatch-under-test")),
                "the dispatch thread ended");
        assertEquals(List.of(1L), ran);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "latch not released within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
