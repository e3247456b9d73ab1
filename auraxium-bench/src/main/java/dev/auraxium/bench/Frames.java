package dev.auraxium.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads benchmark input: the real 2024 capture from the shared samples folder (its licence does not
 * allow bundling it). The folder is the system property {@code ess.samples.dir}, else
 * {@code ../shared/ess-samples} from the working directory.
 */
final class Frames {
    static final String CAPTURE_2024 = "saerro-go-ess-sample-2024-10-29.jsonl";

    private Frames() {
    }

    static Path samplesDir() {
        String prop = System.getProperty("ess.samples.dir");
        Path dir = prop != null ? Path.of(prop) : Path.of("..", "shared", "ess-samples");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..", "..", "shared", "ess-samples");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("ESS samples not found; run from the project root beside ../shared "
                    + "or pass -Dess.samples.dir=/path/to/shared/ess-samples (jvmArgsAppend)");
        }
        return dir;
    }

    /** The event frames (serviceMessage lines) of the 2024 capture, in capture order. */
    static String[] realMixEvents() {
        try {
            List<String> lines = Files.readAllLines(samplesDir().resolve(CAPTURE_2024));
            return lines.stream().filter(l -> l.contains("\"type\":\"serviceMessage\"")).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
