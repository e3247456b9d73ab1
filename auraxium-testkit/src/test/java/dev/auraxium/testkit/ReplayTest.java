package dev.auraxium.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReplayTest {

    static String xp(long timestamp, int n) {
        return "{\"payload\":{\"amount\":\"" + n + "\",\"character_id\":\"5428010618035323201\","
                + "\"event_name\":\"GainExperience\",\"experience_id\":\"4\",\"loadout_id\":\"4\","
                + "\"other_id\":\"0\",\"team_id\":\"2\",\"timestamp\":\"" + timestamp + "\",\"world_id\":\"17\","
                + "\"zone_id\":\"2\"},\"service\":\"event\",\"type\":\"serviceMessage\"}";
    }

    static final String HEARTBEAT = "{\"online\":{\"EventServerEndpoint_Connery_1\":\"true\"},"
            + "\"timestamp\":\"1730180177\",\"service\":\"event\",\"type\":\"heartbeat\"}";
    static final String SUBSCRIBE = "{\"service\":\"event\",\"action\":\"subscribe\",\"worlds\":[\"1\"],"
            + "\"eventNames\":[\"FacilityControl\"]}";
    static final String CONNECTED = "{\"connected\":\"true\",\"service\":\"push\",\"type\":\"connectionStateChanged\"}";

    @Test
    void deliversEveryEventOfTheCaptureInOrderAsFastAsPossible() throws Exception {
        var file = Samples.file(Samples.SAERRO_2024);
        List<String> expected = Files.readAllLines(file).stream()
                .filter(l -> l.contains("\"type\":\"serviceMessage\"")).toList();
        List<String> got = new CopyOnWriteArrayList<>();
        ReplayHandle h = Recording.load(file).replay(ReplaySpeed.asFastAsPossible(), got::add);
        ReplayProgress done = h.completion().get(20, TimeUnit.SECONDS);
        assertEquals(expected, got);
        assertEquals(new ReplayProgress(661, 661, 649, 12, 649), done);
        assertTrue(done.isComplete());
    }

    @Test
    void skipsControlFramesAndClientCommandsAndWrapsBarePayloads() throws Exception {
        String bare = "{\"character_id\":\"5428602376718262177\",\"event_name\":\"PlayerLogin\","
                + "\"timestamp\":\"1513785744\",\"world_id\":\"1\"}";
        Recording r = Recording.of(List.of(CONNECTED, HEARTBEAT, xp(100, 1), SUBSCRIBE, "{\"not\":\"an event\"}",
                bare, xp(101, 2)));
        List<String> got = new CopyOnWriteArrayList<>();
        ReplayProgress done = r.replay(ReplaySpeed.asFastAsPossible(), got::add).completion().get(5, TimeUnit.SECONDS);
        assertEquals(List.of(xp(100, 1),
                "{\"payload\":" + bare + ",\"service\":\"event\",\"type\":\"serviceMessage\"}",
                xp(101, 2)), got);
        assertEquals(4, done.skipped());
        assertEquals(3, done.sent());
    }

    @Test
    void replayingTheSameRecordingAgainSendsAndSkipsExactlyWhatTheFirstReplayDid() throws Exception {
        String bare = "{\"character_id\":\"5428602376718262177\",\"event_name\":\"PlayerLogin\","
                + "\"timestamp\":\"1513785744\",\"world_id\":\"1\"}";
        Recording r = Recording.of(List.of(CONNECTED, xp(100, 1), SUBSCRIBE, bare, HEARTBEAT, xp(101, 2)));
        List<String> first = new CopyOnWriteArrayList<>();
        ReplayProgress one = r.replay(ReplaySpeed.asFastAsPossible(), first::add).completion().get(5, TimeUnit.SECONDS);
        // the second and third replays reuse the first one's classification of the frames
        for (int round = 0; round < 2; round++) {
            List<String> again = new CopyOnWriteArrayList<>();
            ReplayProgress p = r.replay(ReplaySpeed.asFastAsPossible(), again::add).completion().get(5, TimeUnit.SECONDS);
            assertEquals(first, again);
            assertEquals(one, p);
        }
        assertEquals(3, first.size());
        assertEquals(3, one.skipped());
    }

    @Test
    void pacesByReceiveOffsetsScaledByTheSpeedFactor() throws Exception {
        List<RecordedFrame> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(RecordedFrame.at(Duration.ofMillis(1000 + 100L * i), xp(100, i))); // 400 ms span
        }
        List<String> got = new CopyOnWriteArrayList<>();
        long elapsedMs = replayMillis(Recording.ofFrames(frames), ReplaySpeed.times(4), got);
        assertEquals(frames.stream().map(RecordedFrame::text).toList(), got);
        // 400 ms at x4 = 100 ms
        assertTrue(elapsedMs >= 95, "paced too fast: " + elapsedMs + " ms");
    }

    /** The upper bound of the pacing above: a wall-clock limit, so not in the default build. */
    @Test
    @Tag("timing")
    void firstOffsetIsNotWaitedFor() throws Exception {
        List<RecordedFrame> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(RecordedFrame.at(Duration.ofMillis(1000 + 100L * i), xp(100, i))); // 400 ms span
        }
        long elapsedMs = replayMillis(Recording.ofFrames(frames), ReplaySpeed.times(4), new CopyOnWriteArrayList<>());
        // 400 ms at x4 = 100 ms; the 1 s offset of the first frame is not waited for
        assertTrue(elapsedMs < 1000, "waited for the first offset or paced too slowly: " + elapsedMs + " ms");
    }

    private static long replayMillis(Recording r, ReplaySpeed speed, List<String> got) throws Exception {
        long start = System.nanoTime();
        r.replay(speed, got::add).completion().get(5, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void pacesByEventTimestampsWhenFramesHaveNoOffsets() throws Exception {
        Recording r = Recording.of(List.of(xp(1000, 1), xp(1001, 2), xp(1000, 3), xp(1002, 4)));
        List<String> got = new CopyOnWriteArrayList<>();
        long elapsedMs = replayMillis(r, ReplaySpeed.times(20), got);
        assertEquals(r.texts(), got);
        // 2 s of event time at x20 = 100 ms
        assertTrue(elapsedMs >= 95, elapsedMs + " ms");
    }

    /** The upper bound of the pacing above: a wall-clock limit, so not in the default build. */
    @Test
    @Tag("timing")
    void outOfOrderTimestampCostsNoWait() throws Exception {
        Recording r = Recording.of(List.of(xp(1000, 1), xp(1001, 2), xp(1000, 3), xp(1002, 4)));
        long elapsedMs = replayMillis(r, ReplaySpeed.times(20), new CopyOnWriteArrayList<>());
        // 2 s of event time at x20 = 100 ms; the out-of-order third frame costs nothing
        assertTrue(elapsedMs < 1500, elapsedMs + " ms");
    }

    @Test
    void newestFirstCaptureReplaysAtOnceInRealTimeBecauseTimeNeverGoesBack() throws Exception {
        Recording r = Recording.load(Samples.file(Samples.PS2ALERTS_2016));
        List<String> got = new CopyOnWriteArrayList<>();
        ReplayProgress done = r.replay(ReplaySpeed.realTime(), got::add).completion().get(5, TimeUnit.SECONDS);
        assertEquals(113, done.sent());
        assertEquals(113, got.size());
    }

    /**
     * Starts a real-time replay of two frames an hour apart into {@code got} and returns once the
     * first has arrived: the replay is then waiting for the second.
     */
    private static ReplayHandle waitingReplay(List<String> got) throws InterruptedException {
        Recording r = Recording.ofFrames(List.of(RecordedFrame.at(Duration.ZERO, xp(1, 1)),
                RecordedFrame.at(Duration.ofHours(1), xp(2, 2))));
        CountDownLatch first = new CountDownLatch(1);
        ReplayHandle h = r.replay(ReplaySpeed.realTime(), f -> {
            got.add(f);
            first.countDown();
        });
        assertTrue(first.await(5, TimeUnit.SECONDS), "the first frame did not arrive");
        return h;
    }

    @Test
    void cancelStopsAWaitingReplayAndCancelsItsCompletion() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        ReplayHandle h = waitingReplay(got);
        h.cancel();
        assertThrows(CancellationException.class, () -> h.completion().get(5, TimeUnit.SECONDS));
        assertTrue(h.completion().isCancelled());
        assertEquals(List.of(xp(1, 1)), got, "the second frame, an hour later, is never sent");
        h.cancel(); // idempotent
    }

    @Test
    void cancellingTheCompletionFutureCancelsTheReplay() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        ReplayHandle h = waitingReplay(got);
        h.completion().cancel(true);
        assertEquals(1, got.size());
    }

    @Test
    void aSinkThatThrowsEndsTheReplayExceptionally() throws Exception {
        Recording r = Recording.of(List.of(xp(1, 1), xp(2, 2)));
        List<String> got = new CopyOnWriteArrayList<>();
        ReplayHandle h = r.replay(ReplaySpeed.asFastAsPossible(), f -> {
            got.add(f);
            throw new IllegalStateException("sink broke");
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> h.completion().get(5, TimeUnit.SECONDS));
        assertEquals("sink broke", e.getCause().getMessage());
        assertEquals(1, got.size());
    }

    @Test
    void pauseHoldsTheNextFrameUntilResume() throws Exception {
        Recording r = Recording.ofFrames(List.of(RecordedFrame.at(Duration.ZERO, xp(1, 1)),
                RecordedFrame.at(Duration.ofMillis(50), xp(2, 2))));
        List<String> got2 = new CopyOnWriteArrayList<>();
        ReplayHandle[] holder = new ReplayHandle[1];
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch handleReady = new CountDownLatch(1);
        holder[0] = r.replay(ReplaySpeed.realTime(), f -> {
            got2.add(f);
            if (got2.size() == 1) {
                try {
                    handleReady.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                holder[0].pause();
                paused.countDown();
            }
        });
        handleReady.countDown();
        assertTrue(paused.await(5, TimeUnit.SECONDS));
        assertTrue(holder[0].isPaused());
        assertThrows(TimeoutException.class, () -> holder[0].completion().get(300, TimeUnit.MILLISECONDS),
                "a paused replay does not finish");
        assertEquals(1, got2.size());
        holder[0].resume();
        assertFalse(holder[0].isPaused());
        assertEquals(2, holder[0].completion().get(5, TimeUnit.SECONDS).sent());
    }

    @Test
    void anEmptyRecordingCompletesAtOnce() throws Exception {
        ReplayProgress p = Recording.of(List.of()).replay(ReplaySpeed.realTime(), f -> { })
                .completion().get(5, TimeUnit.SECONDS);
        assertEquals(new ReplayProgress(0, 0, 0, 0, 0), p);
        assertEquals(1.0, p.fraction());
    }

    @Test
    void speedFactorsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.times(0));
        assertTrue(e.getMessage().contains("was 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.times(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.times(Double.POSITIVE_INFINITY));
        assertEquals(ReplaySpeed.realTime(), ReplaySpeed.times(1));
        assertTrue(ReplaySpeed.asFastAsPossible().isAsFastAsPossible());
    }
}
