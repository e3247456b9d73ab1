package dev.auraxium.protocol;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the shared real ESS captures beside the project; tests skip when they are absent. */
public final class SampleFiles {
    private SampleFiles() {
    }

    public static Path dir() {
        String prop = System.getProperty("ess.samples.dir");
        Path p = prop == null ? null : Path.of(prop);
        assumeTrue(p != null && Files.isDirectory(p),
                "real ESS samples not found (system property ess.samples.dir = " + prop
                        + "); these tests need ../shared/ess-samples beside the project");
        return p;
    }

    public static List<Path> jsonl() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    public static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }
}
