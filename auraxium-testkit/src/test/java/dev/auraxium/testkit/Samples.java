package dev.auraxium.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the shared ESS sample captures; tests that need them skip where they are absent. */
final class Samples {
    static final String SAERRO_2024 = "saerro-go-ess-sample-2024-10-29.jsonl";
    static final String PS2ALERTS_2016 = "ps2alerts-input1-2016-01-22.jsonl";

    private Samples() {
    }

    static Path dir() {
        String prop = System.getProperty("ess.samples.dir");
        assumeTrue(prop != null && !prop.isBlank(),
                "system property ess.samples.dir is not set: the shared ESS samples are not available, skipping");
        Path dir = Path.of(prop);
        assumeTrue(Files.isDirectory(dir), "ESS samples folder " + dir + " is absent, skipping");
        return dir;
    }

    static Path file(String name) {
        Path f = dir().resolve(name);
        assumeTrue(Files.isRegularFile(f), "ESS sample " + f + " is absent, skipping");
        return f;
    }

    static List<Path> allJsonl() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    /** Counts non-blank lines independently of the loader. */
    static long nonBlankLines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }
}
