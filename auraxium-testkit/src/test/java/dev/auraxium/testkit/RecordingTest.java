package dev.auraxium.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.FacilityControl;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.VehicleDestroy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {
    @TempDir
    Path tmp;

    @Test
    void loadsEverySampleFileWithOneFramePerNonBlankLine() throws IOException {
        List<Path> files = Samples.allJsonl();
        assertFalse(files.isEmpty(), "no .jsonl files in the samples folder");
        for (Path f : files) {
            Recording r = Recording.load(f);
            assertEquals(Samples.nonBlankLines(f), r.size(), f.toString());
            assertFalse(r.hasOffsets(), "captures carry no receive times: " + f);
            for (RecordedFrame frame : r.frames()) {
                assertTrue(frame.text().startsWith("{") && frame.text().endsWith("}"), frame.text());
            }
        }
    }

    @Test
    void loadsThe2024CaptureWithItsDocumentedFrameAndEventCounts() throws IOException {
        Recording r = Recording.load(Samples.file(Samples.SAERRO_2024));
        assertEquals(661, r.size());
        List<Event> events = r.events();
        assertEquals(649, events.size());
        long deaths = events.stream().filter(Death.class::isInstance).count();
        long vehicles = events.stream().filter(VehicleDestroy.class::isInstance).count();
        long xp = events.stream().filter(GainExperience.class::isInstance).count();
        assertEquals(649, deaths + vehicles + xp, "only Death, VehicleDestroy and GainExperience in this capture");
        assertTrue(deaths > 0 && vehicles > 0 && xp > 0);
    }

    @Test
    void loadsThe2016NewestFirstCaptureIncludingItsClientCommandLine() throws IOException {
        Path f = Samples.file(Samples.PS2ALERTS_2016);
        Recording r = Recording.load(f);
        assertEquals(135, r.size(), "134 server frames and the client subscribe on line 124");
        assertTrue(r.frames().get(123).text().contains("\"action\":\"subscribe\""));
        List<Event> events = r.events();
        assertEquals(113, events.size());
        assertTrue(events.stream().allMatch(FacilityControl.class::isInstance));
        // newest first: the first event is later than the last
        assertTrue(events.get(0).timestamp().isAfter(events.get(events.size() - 1).timestamp()));
    }

    @Test
    void offsetsRoundTripThroughSaveAndLoadToTheNanosecond() throws IOException {
        Recording original = Recording.ofFrames(List.of(
                RecordedFrame.at(Duration.ZERO, "{\"a\":\"1\"}"),
                RecordedFrame.at(Duration.ofNanos(1), "{\"b\":\"with \\\"quotes\\\" and é\"}"),
                RecordedFrame.at(Duration.ofSeconds(12, 345_678_901), "{\"c\":\"line\\nbreak\"}"),
                RecordedFrame.of("{\"no\":\"offset\"}"),
                RecordedFrame.at(Duration.ofDays(3).plusNanos(7), "{\"d\":[1,2,{\"e\":null}]}")));
        Path file = tmp.resolve("r.jsonl");
        original.save(file);
        Recording reloaded = Recording.load(file);
        assertEquals(original, reloaded);
        assertEquals(OptionalLong.of(12_345_678_901L), reloaded.frames().get(2).offsetNanos());
        assertTrue(Files.readAllLines(file).get(2).startsWith("{\"t\":12.345678901,\"frame\":"));
    }

    @Test
    void recognisesRawAndExtendedLinesMixedLineByLineAndSkipsBlankLines() throws IOException {
        String text = "{\"payload\":{\"x\":\"1\"},\"service\":\"event\",\"type\":\"serviceMessage\"}\n"
                + "\n   \n"
                + "{\"t\":0.5,\"frame\":\"{\\\"y\\\":\\\"2\\\"}\"}\r\n"
                + "{\"frame\":\"{}\"}\n"
                + "{\"frame\":\"{}\",\"other\":1}\n";
        Recording r = Recording.read(new StringReader(text), "inline");
        assertEquals(4, r.size());
        assertEquals("{\"payload\":{\"x\":\"1\"},\"service\":\"event\",\"type\":\"serviceMessage\"}", r.frames().get(0).text());
        assertEquals(RecordedFrame.at(Duration.ofMillis(500), "{\"y\":\"2\"}"), r.frames().get(1));
        assertEquals(RecordedFrame.of("{}"), r.frames().get(2));
        // a third key makes it an ordinary frame, kept verbatim
        assertEquals("{\"frame\":\"{}\",\"other\":1}", r.frames().get(3).text());
    }

    @Test
    void aLineThatIsNotJsonFailsNamingTheFileAndLineNumber() throws IOException {
        Path file = tmp.resolve("bad.jsonl");
        Files.writeString(file, "{\"ok\":\"1\"}\n\n{\"broken\": \n");
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recording.load(file));
        assertEquals(3, e.lineNumber());
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ":3: not JSON"), e.getMessage());
    }

    @Test
    void refusesJsonThatIsNotAnObjectAndNegativeOffsets() {
        RecordingFormatException notObject = assertThrows(RecordingFormatException.class,
                () -> Recording.read(new StringReader("[1,2]"), "arr"));
        assertTrue(notObject.getMessage().contains("arr:1: not a JSON object"), notObject.getMessage());
        RecordingFormatException negative = assertThrows(RecordingFormatException.class,
                () -> Recording.read(new StringReader("{}\n{\"t\":-1,\"frame\":\"{}\"}"), "neg"));
        assertEquals(2, negative.lineNumber());
        RecordingFormatException trailing = assertThrows(RecordingFormatException.class,
                () -> Recording.read(new StringReader("{} {}"), "two"));
        assertEquals(1, trailing.lineNumber());
    }

    @Test
    void ofRejectsNullFramesNamingTheIndex() {
        List<String> frames = new java.util.ArrayList<>(List.of("{}", "{}"));
        frames.add(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recording.of(frames));
        assertTrue(e.getMessage().contains("frames[2]"), e.getMessage());
    }

    @Test
    void bareEventPayloadsCountAsEvents() throws IOException {
        Path f = Samples.file("saerro-rust-event-examples.payloads.jsonl");
        Recording r = Recording.load(f);
        assertEquals(r.size(), r.events().size());
    }
}
