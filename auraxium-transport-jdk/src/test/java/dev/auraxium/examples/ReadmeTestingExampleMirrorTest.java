package dev.auraxium.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's test example is {@link HeadshotTest}, verbatim: that class compiles and passes as a
 * test of this module, and this test proves the README shows exactly that code.
 */
class ReadmeTestingExampleMirrorTest {
    private static final String SECTION = "## Testing against a fake ESS";

    @Test
    void theReadmeShowsHeadshotTestVerbatim() throws IOException {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.resolveSibling("README.md")); // beside the module, at the root
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "README.md has no section '" + SECTION + "'");
        int open = readme.indexOf("```java\n", section);
        assertTrue(open >= 0, "no java block in the section");
        int close = readme.indexOf("\n```\n", open);
        String shown = readme.substring(open + "```java\n".length(), close + 1);

        String source = Files.readString(module.resolve("src/test/java/dev/auraxium/examples/HeadshotTest.java"));
        String code = source.substring(source.indexOf("\nimport ") + 1);
        assertEquals(code, shown, "README.md's test example and HeadshotTest.java differ: change both together");
    }
}
