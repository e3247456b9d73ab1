package dev.auraxium.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The protocol write-up exists twice: docs/protocol.md for readers of the repository, and the
 * javadoc page that the API's javadoc links to. They must say the same, and every anchor the
 * javadoc links to must exist.
 */
class ProtocolPageTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path MARKDOWN = MODULE.resolveSibling("docs").resolve("protocol.md");
    private static final Path PAGE = MODULE.resolve(
            "src/main/javadoc/dev.auraxium.core/dev/auraxium/protocol/doc-files/ess-protocol.html");

    private static List<String> all(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return Stream.iterate(m.find(), found -> found, found -> m.find()).map(f -> m.group(1)).toList();
    }

    @Test
    void theJavadocPageHasTheMarkdownsSections() throws IOException {
        String md = Files.readString(MARKDOWN);
        String html = Files.readString(PAGE);
        List<String> mdHeadings = all(Pattern.compile("(?m)^#{1,3} (.+)$"), md);
        List<String> htmlHeadings = all(Pattern.compile("<h[1-3][^>]*>(.+?)</h[1-3]>"), html).stream()
                .map(h -> h.replaceAll("<[^>]+>", "").replace("&#x27;", "'")).toList();
        assertTrue(mdHeadings.size() >= 8, "sections: " + mdHeadings);
        assertEquals(mdHeadings, htmlHeadings);
        // roughly the same text: every table row and list item of the markdown has its HTML twin
        long mdItems = md.lines().filter(l -> l.startsWith("- ") || l.matches("^\\d+\\. .*")).count();
        long htmlItems = all(Pattern.compile("(<li>)"), html).size();
        assertEquals(mdItems, htmlItems, "list items");
    }

    @Test
    void everyAnchorTheJavadocLinksToExists() throws IOException {
        String html = Files.readString(PAGE);
        Path sources = MODULE.resolve("src/main/java");
        List<String> anchors;
        try (Stream<Path> files = Files.walk(sources)) {
            anchors = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return all(Pattern.compile("ess-protocol\\.html#([a-z0-9-]+)"), Files.readString(f)).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertTrue(!anchors.isEmpty(), "the javadoc links into the page");
        for (String anchor : anchors) {
            assertTrue(html.contains("id=\"" + anchor + "\""), "no anchor " + anchor);
        }
    }
}
