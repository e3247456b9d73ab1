package dev.auraxium.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.PlayerLogout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

@Timeout(30)
class EventRecorderTest {
    private static final Instant T = Instant.ofEpochSecond(1_730_180_177L);

    static PlayerLogin login(long id) {
        return new PlayerLogin(T, 17, id);
    }

    static Death death(boolean headshot) {
        return new Death(T, 40, 5428000000000000001L, 7531, 6, OptionalInt.of(2), 0, 7233, 5428000000000000002L, 13,
                Optional.of(false), headshot, OptionalInt.of(3), OptionalInt.empty(), 6);
    }

    @Test
    void assertNextReturnsEventsInArrivalOrderWithTheirType() {
        EventRecorder r = new EventRecorder();
        PlayerLogin login = login(5428000000000000001L);
        Death kill = death(true);
        r.accept(login);
        r.accept(kill);
        assertSame(login, r.assertNext(PlayerLogin.class));
        assertSame(kill, r.assertNext(e -> e instanceof Death d && d.isHeadshot()));
        assertEquals(List.of(login, kill), r.events());
    }

    @Test
    void assertNextWaitsForAnEventFromAnotherThread() throws Exception {
        EventRecorder r = new EventRecorder();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                return;
            }
            r.accept(death(false));
        });
        producer.start();
        waiting.countDown();
        Death d = r.assertNext(Death.class, Duration.ofSeconds(5));
        assertEquals(false, d.isHeadshot());
        producer.join(5_000);
    }

    @Test
    void assertNextFailsReadablyOnTimeoutAndOnTheWrongType() {
        EventRecorder r = new EventRecorder(Duration.ofMillis(50));
        AssertionFailedError timeout = assertThrows(AssertionFailedError.class, () -> r.assertNext(Death.class));
        assertTrue(timeout.getMessage().contains("expected a Death within PT0.05S but no event came"), timeout.getMessage());

        r.accept(login(1));
        AssertionFailedError wrong = assertThrows(AssertionFailedError.class, () -> r.assertNext(Death.class));
        assertTrue(wrong.getMessage().startsWith("expected the next event to be a Death but it was PlayerLogin["),
                wrong.getMessage());

        r.accept(death(false));
        AssertionFailedError unmet = assertThrows(AssertionFailedError.class,
                () -> r.assertNext(e -> e instanceof Death d && d.isHeadshot()));
        assertTrue(unmet.getMessage().contains("does not satisfy the condition: Death["), unmet.getMessage());
    }

    @Test
    void assertNoMoreEventsPassesWhenQuietAndFailsNamingTheEvent() {
        EventRecorder r = new EventRecorder();
        r.assertNoMoreEvents(Duration.ofMillis(50));
        r.accept(new PlayerLogout(T, 1, 42));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> r.assertNoMoreEvents(Duration.ofMillis(50)));
        assertTrue(e.getMessage().contains("expected no more events for PT0.05S but got PlayerLogout["), e.getMessage());
    }

    @Test
    void keepsEveryEventAcceptedConcurrently() throws Exception {
        EventRecorder r = new EventRecorder();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 1_000;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        r.accept(login(base + i));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4_000, r.events().size());
        assertEquals(4_000, r.events().stream().mapToLong(e -> ((PlayerLogin) e).characterId()).distinct().count());
        for (int i = 0; i < 4_000; i++) {
            r.assertNext(PlayerLogin.class);
        }
        r.assertNoMoreEvents(Duration.ofMillis(10));
    }

    @Test
    void refusesNonPositiveTimeouts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EventRecorder(Duration.ZERO));
        assertTrue(e.getMessage().contains("timeout must be positive, was PT0S"));
        assertThrows(IllegalArgumentException.class, () -> new EventRecorder().assertNoMoreEvents(Duration.ofMillis(-1)));
    }

    @Test
    void awaitCountWaitsForEventsFromAnotherThreadWithoutReadingThem() throws Exception {
        EventRecorder r = new EventRecorder();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> producer = pool.submit(() -> {
                for (int i = 1; i <= 50; i++) {
                    r.accept(login(i));
                }
            });
            List<dev.auraxium.event.Event> seen = r.awaitCount(50, Duration.ofSeconds(10));
            assertTrue(seen.size() >= 50);
            assertEquals(login(1), seen.get(0));
            producer.get(10, TimeUnit.SECONDS);
            assertEquals(login(1), r.assertNext(PlayerLogin.class), "awaitCount reads nothing");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void awaitCountFailsSayingHowManyCame() {
        EventRecorder r = new EventRecorder();
        r.accept(login(7));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> r.awaitCount(3, Duration.ofMillis(100)));
        assertTrue(e.getMessage().startsWith("expected at least 3 events within PT0.1S but 1 came; the last: "),
                e.getMessage());
        assertEquals(1, r.awaitCount(0, Duration.ofMillis(1)).size());
        assertThrows(IllegalArgumentException.class, () -> r.awaitCount(-1, Duration.ofSeconds(1)));
    }
}
