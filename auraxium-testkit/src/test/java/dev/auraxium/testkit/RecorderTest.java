package dev.auraxium.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RecorderTest {
    @TempDir
    Path tmp;

    @Test
    void recordedFramesReloadWithTheirTextsAndNonDecreasingOffsets() throws IOException {
        Path file = tmp.resolve("live.jsonl");
        List<String> sent = List.of(ReplayTest.CONNECTED, ReplayTest.xp(1, 1), "{\"text\":\"with\\nescape\"}",
                ReplayTest.HEARTBEAT);
        long before = System.nanoTime();
        try (Recorder recorder = Recorder.open(file)) {
            sent.forEach(recorder);
            assertEquals(4, recorder.framesWritten());
            // flushed per frame: the file already holds them before close
            assertEquals(4, Recording.load(file).size());
        }
        long elapsed = System.nanoTime() - before;
        Recording r = Recording.load(file);
        assertEquals(sent, r.texts());
        assertTrue(r.hasOffsets());
        long prev = 0;
        for (RecordedFrame f : r.frames()) {
            long t = f.offsetNanos().getAsLong();
            assertTrue(t >= prev && t <= elapsed, "offset " + t + " after " + prev + ", elapsed " + elapsed);
            prev = t;
        }
    }

    @Test
    void framesWithKnownOffsetsReloadEqual() throws IOException {
        Recording original = Recording.ofFrames(List.of(RecordedFrame.at(java.time.Duration.ofMillis(3), "{}"),
                RecordedFrame.of("{\"a\":1}")));
        StringWriter out = new StringWriter();
        try (Recorder recorder = Recorder.to(out)) {
            original.frames().forEach(recorder::record);
        }
        assertEquals(original, Recording.read(new java.io.StringReader(out.toString()), "copy"));
    }

    @Test
    void concurrentWritersProduceWholeLinesInOffsetOrder() throws Exception {
        Path file = tmp.resolve("concurrent.jsonl");
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Recorder recorder = Recorder.open(file)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        recorder.accept("{\"thread\":\"" + id + "\",\"n\":\"" + i + "\"}");
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Recording r = Recording.load(file);
        assertEquals(threads * perThread, r.size());
        assertEquals(threads * perThread, new HashSet<>(r.texts()).size());
        long prev = 0;
        for (RecordedFrame f : r.frames()) {
            assertTrue(f.offsetNanos().getAsLong() >= prev);
            prev = f.offsetNanos().getAsLong();
        }
        assertEquals(threads * perThread, Files.readAllLines(file).size());
    }

    @Test
    void refusesFramesAfterCloseAndClosesOnce() throws IOException {
        Recorder recorder = Recorder.to(new StringWriter());
        recorder.close();
        recorder.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> recorder.accept("{}"));
        assertTrue(e.getMessage().contains("closed"));
    }
}
