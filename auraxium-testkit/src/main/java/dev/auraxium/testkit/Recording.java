package dev.auraxium.testkit;

import dev.auraxium.event.Event;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssMessage;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.testkit.internal.replay.RecordingLines;
import dev.auraxium.testkit.internal.replay.ReplayRun;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An immutable sequence of raw ESS frames, as captured from a live stream, written by a
 * {@link Recorder}, or made by a {@link SyntheticStream}; replayed with
 * {@link FakeEssServer#replay(Recording, ReplaySpeed)}.
 *
 * <h2>File format: JSON Lines, two kinds of line</h2>
 * <ul>
 *   <li><b>Raw line</b>: one frame exactly as the server sent it, e.g.
 *       {@code {"payload":{...},"service":"event","type":"serviceMessage"}}. Every capture in the
 *       shared samples folder is in this form (bare event payloads, as in the
 *       {@code *.payloads.jsonl} files, load too). The frame's text is the line, unchanged.</li>
 *   <li><b>Extended line</b>: {@code {"t":12.345678901,"frame":"<the raw frame as a JSON string>"}},
 *       where {@code t} is the receive time in seconds (up to nanosecond precision) after the
 *       recording started. {@code t} may be omitted for a frame whose receive time is unknown. An
 *       object whose only keys are {@code frame} (a string) and optionally {@code t} (a number) is
 *       read this way; no ESS frame has that shape.</li>
 * </ul>
 * The loader recognises the form line by line, so the two may be mixed. Blank lines are skipped.
 * Any other line (not JSON, not a JSON object, a negative {@code t}) fails the whole load with a
 * {@link RecordingFormatException} naming the file and the 1-based line number. {@link #save(Path)}
 * writes every frame as an extended line, so frames with any text (even line breaks) round-trip.
 *
 * <p>A recording keeps every line it was given, including client commands and control frames
 * (the 2016 capture has one outgoing {@code subscribe}); what a replay sends is described on
 * {@link #replay(ReplaySpeed, Consumer)}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Recording r = Recording.load(Path.of("ess-sample.jsonl"));
 * List<Event> events = r.events();
 * r.save(Path.of("copy.jsonl"));
 * }</pre>
 */
public final class Recording {
    private final List<RecordedFrame> frames;
    private volatile List<Event> events;

    private Recording(List<RecordedFrame> frames) {
        this.frames = frames;
    }

    /**
     * @param frames raw frame texts, in order
     * @return a recording of them, without receive times
     */
    public static Recording of(List<String> frames) {
        Objects.requireNonNull(frames, "frames");
        List<RecordedFrame> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            String text = frames.get(i);
            if (text == null) {
                throw new IllegalArgumentException("frames[" + i + "] is null");
            }
            out.add(RecordedFrame.of(text));
        }
        return new Recording(List.copyOf(out));
    }

    /**
     * @param frames frames, in order
     * @return a recording of them
     */
    public static Recording ofFrames(List<RecordedFrame> frames) {
        Objects.requireNonNull(frames, "frames");
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i) == null) {
                throw new IllegalArgumentException("frames[" + i + "] is null");
            }
        }
        return new Recording(List.copyOf(frames));
    }

    /**
     * Reads a recording file (format: see the type's javadoc), as UTF-8.
     *
     * @param file the file
     * @return its frames
     * @throws IOException if the file cannot be read
     * @throws RecordingFormatException naming the file and line, if a line is not a frame
     */
    public static Recording load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a recording (format: see the type's javadoc) from a reader, e.g. a class-path resource.
     * The reader is not closed.
     *
     * @param reader the text
     * @param source what to call it in error messages, e.g. the resource name
     * @return its frames
     * @throws IOException if reading fails
     * @throws RecordingFormatException naming the source and line, if a line is not a frame
     */
    public static Recording read(Reader reader, String source) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<RecordedFrame> out = new ArrayList<>();
        long lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(RecordingLines.parse(line));
            } catch (RecordingLines.BadLine e) {
                throw new RecordingFormatException(source, lineNumber, e.getMessage(), e.getCause());
            }
        }
        return new Recording(List.copyOf(out));
    }

    /**
     * Writes this recording as UTF-8 extended lines (see the type's javadoc), replacing the file.
     *
     * @param file the file
     * @throws IOException if writing fails
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out);
        }
    }

    /**
     * Writes this recording as extended lines, one per frame, each ending in {@code \n}. The writer
     * is flushed, not closed.
     *
     * @param out where to write
     * @throws IOException if writing fails
     */
    public void write(Writer out) throws IOException {
        Objects.requireNonNull(out, "out");
        for (RecordedFrame f : frames) {
            out.write(RecordingLines.format(f));
            out.write('\n');
        }
        out.flush();
    }

    /** @return every frame, in order; unmodifiable */
    public List<RecordedFrame> frames() {
        return frames;
    }

    /** @return the frame texts, in order; unmodifiable */
    public List<String> texts() {
        return frames.stream().map(RecordedFrame::text).toList();
    }

    /** @return the number of frames */
    public int size() {
        return frames.size();
    }

    /** @return true when every frame has a receive time (and there is at least one frame) */
    public boolean hasOffsets() {
        return !frames.isEmpty() && frames.stream().allMatch(f -> f.offsetNanos().isPresent());
    }

    /**
     * The game events in this recording, decoded with {@link EssCodec#standard()}: one per
     * {@code serviceMessage} frame and per bare event payload, in recording order. Control frames,
     * client commands and frames that do not decode are left out (they stay in {@link #frames()}).
     *
     * @return the events; unmodifiable; computed once
     */
    public List<Event> events() {
        List<Event> e = events;
        if (e == null) {
            e = decodeEvents();
            events = e;
        }
        return e;
    }

    private List<Event> decodeEvents() {
        EssCodec codec = EssCodec.standard();
        List<Event> out = new ArrayList<>();
        for (RecordedFrame f : frames) {
            try {
                EssMessage m = codec.decode(f.text());
                if (m instanceof ServiceMessage sm) {
                    out.add(sm.event());
                    continue;
                }
            } catch (RuntimeException notAFrame) {
                // may still be a bare payload, below
            }
            if (RecordingLines.isBarePayload(f.text())) {
                try {
                    out.add(codec.decodeEvent(f.text()));
                } catch (RuntimeException undecodable) {
                    // left out, as documented
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Replays this recording into any consumer of raw frames (a WebSocket peer, a client under
     * test, a list). Only game events are sent: each {@code serviceMessage} frame unchanged, and
     * each bare event payload wrapped in the {@code serviceMessage} envelope the live service uses.
     * Heartbeats, connection and service state frames, help prompts and subscription replies are
     * skipped, because a server replaying them (the {@link FakeEssServer}) makes its own; client
     * commands are skipped because they were never server-to-client; frames that do not decode
     * are skipped. Pacing: see {@link ReplaySpeed}.
     *
     * @param speed the pace
     * @param sink takes each frame, on the replay thread
     * @return the running replay
     */
    public ReplayHandle replay(ReplaySpeed speed, Consumer<String> sink) {
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(sink, "sink");
        return ReplayRun.start(frames, speed, text -> {
            sink.accept(text);
            return 1;
        }, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recording other && frames.equals(other.frames);
    }

    @Override
    public int hashCode() {
        return frames.hashCode();
    }

    @Override
    public String toString() {
        return "Recording[" + frames.size() + " frames" + (hasOffsets() ? ", with receive times" : "") + "]";
    }
}
