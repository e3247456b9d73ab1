package dev.auraxium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public packages form a DAG: {@code event} and {@code transport} use only the root package
 * ({@code event} also the leaf text helper behind its "did you mean" suggestions),
 * {@code protocol} only {@code event} and the root (and its codec helper), and only {@code client}
 * uses the others. Checked on the compiled classes with {@code jdeps}, so a javadoc mention is
 * allowed but a real use (a type, a call, a constant) is not, whether direct or through an
 * internal package.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PackageLayeringTest {
    private static final String ROOT = "dev.auraxium";
    private static final String EVENT = "dev.auraxium.event";
    private static final String PROTOCOL = "dev.auraxium.protocol";
    private static final String TRANSPORT = "dev.auraxium.transport";
    private static final String CLIENT = "dev.auraxium.client";
    private static final Set<String> PUBLIC = Set.of(ROOT, EVENT, PROTOCOL, TRANSPORT, CLIENT);

    /** What each public package may use directly; the client may use everything. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            ROOT, Set.of(),
            EVENT, Set.of(ROOT, "dev.auraxium.internal.text"),
            TRANSPORT, Set.of(ROOT),
            PROTOCOL, Set.of(ROOT, EVENT, "dev.auraxium.internal.codec"));

    /** package to the library packages its classes use, from jdeps -verbose:package */
    private static Map<String, Set<String>> graph;

    @BeforeAll
    static void readTheCompiledClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(EventClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "not a directory of classes: " + classes);
        graph = packageGraph(classes);
    }

    static Map<String, Set<String>> packageGraph(Path classes) throws IOException {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("jdeps is missing: run the tests on a full JDK"));
        List<String> args = new ArrayList<>(List.of("-verbose:package", "--multi-release", "17", "--class-path",
                classes.toString()));
        try (Stream<Path> files = Files.walk(classes)) {
            // the classes one by one, not the directory: as a module it would need Jackson resolved
            files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
                    .forEach(f -> args.add(f.toString()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertEquals(0, rc, () -> "jdeps failed: " + err);
        Map<String, Set<String>> g = new TreeMap<>();
        Matcher m = Pattern.compile("^\\s+(dev\\.auraxium[\\w.]*)\\s+->\\s+(dev\\.auraxium[\\w.]*)\\s", Pattern.MULTILINE)
                .matcher(out.toString());
        while (m.find()) {
            if (!m.group(1).equals(m.group(2))) {
                g.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return g;
    }

    @Test
    void theGraphWasRead() {
        // so that the rules below cannot pass on an empty graph
        assertTrue(graph.getOrDefault(CLIENT, Set.of()).containsAll(Set.of(EVENT, PROTOCOL, TRANSPORT)), graph::toString);
        assertTrue(graph.getOrDefault(PROTOCOL, Set.of()).contains(EVENT), graph::toString);
        assertTrue(graph.getOrDefault(TRANSPORT, Set.of()).contains(ROOT), graph::toString);
    }

    @Test
    void eachLowerPackageUsesOnlyWhatItMayDirectly() {
        List<String> wrong = new ArrayList<>();
        ALLOWED.forEach((pkg, allowed) -> {
            for (String used : graph.getOrDefault(pkg, Set.of())) {
                if (!allowed.contains(used)) {
                    wrong.add(pkg + " -> " + used);
                }
            }
        });
        assertEquals(List.of(), wrong, "uses that break the layering");
    }

    @Test
    void noLowerPackageReachesAHigherOneThroughAnInternalPackage() {
        List<String> wrong = new ArrayList<>();
        ALLOWED.forEach((pkg, allowed) -> {
            Set<String> publicAllowed = new TreeSet<>(allowed);
            publicAllowed.retainAll(PUBLIC);
            publicAllowed.add(pkg);
            for (String reached : reachable(pkg)) {
                if (PUBLIC.contains(reached) && !publicAllowed.contains(reached)) {
                    wrong.add(pkg + " ->* " + reached);
                }
            }
        });
        assertEquals(List.of(), wrong, "packages reached through others against the layering");
    }

    private static Set<String> reachable(String from) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            for (String next : graph.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}
