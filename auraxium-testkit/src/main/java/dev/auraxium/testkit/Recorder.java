package dev.auraxium.testkit;

import dev.auraxium.testkit.internal.replay.RecordingLines;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Writes a live stream of raw frames, from any endpoint, to a {@link Recording} file as they
 * arrive: each frame becomes an extended line with its receive time, measured from when the
 * recorder was opened. Each frame is flushed before {@link #accept(String)} returns, so a crash
 * loses nothing already accepted.
 *
 * <p>Lifecycle: open, {@link #accept(String)} frames, {@link #close()} (idempotent). Frames after
 * close are refused with an {@link IllegalStateException}.
 *
 * <p>Threading: thread-safe. Frames accepted concurrently are written whole, one line each, in the
 * order their receive times were taken, so the offsets in the file never go back.
 *
 * <pre>{@code
 * try (Recorder recorder = Recorder.open(Path.of("capture.jsonl"))) {
 *     webSocketListener.onFrame(recorder);     // any Consumer<String> of raw frames
 *     ...
 * }
 * Recording r = Recording.load(Path.of("capture.jsonl"));
 * }</pre>
 */
public final class Recorder implements Consumer<String>, Closeable {
    private final Writer out;
    private final long start = System.nanoTime();
    private long written;
    private long lastOffset;
    private boolean closed;

    private Recorder(Writer out) {
        this.out = out;
    }

    /**
     * @param file the file to write, created or replaced, UTF-8
     * @return a recorder writing to it; its clock starts now
     * @throws IOException if the file cannot be opened
     */
    public static Recorder open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return new Recorder(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /**
     * @param out where to write; closed by {@link #close()}
     * @return a recorder writing to it; its clock starts now
     */
    public static Recorder to(Writer out) {
        return new Recorder(Objects.requireNonNull(out, "out"));
    }

    /**
     * Records a frame, stamped with the time it arrived here.
     *
     * @param frame the raw frame text
     * @throws UncheckedIOException if writing fails
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void accept(String frame) {
        Objects.requireNonNull(frame, "frame");
        synchronized (this) {
            long offset = Math.max(lastOffset, System.nanoTime() - start);
            writeLine(new RecordedFrame(frame, OptionalLong.of(offset)));
            lastOffset = offset;
        }
    }

    /**
     * Records a frame with the receive time it already has (e.g. when copying or filtering a
     * recording); a frame without one is written without {@code t}.
     *
     * @param frame the frame
     * @throws UncheckedIOException if writing fails
     * @throws IllegalStateException after {@link #close()}
     */
    public void record(RecordedFrame frame) {
        Objects.requireNonNull(frame, "frame");
        synchronized (this) {
            writeLine(frame);
        }
    }

    private void writeLine(RecordedFrame frame) {
        if (closed) {
            throw new IllegalStateException("recorder is closed; frame not recorded");
        }
        try {
            out.write(RecordingLines.format(frame));
            out.write('\n');
            out.flush();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record frame " + (written + 1), e);
        }
    }

    /** @return frames written so far */
    public synchronized long framesWritten() {
        return written;
    }

    /** Flushes and closes the output. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (Writer w = out) {
            w.flush();
        }
    }
}
