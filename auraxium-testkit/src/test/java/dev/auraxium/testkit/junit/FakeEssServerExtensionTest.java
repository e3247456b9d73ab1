package dev.auraxium.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.testkit.FakeEssServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small sample test classes through the JUnit launcher, so that what happens after them
 * (servers closed) can be checked from outside. Surefire skips the nested samples itself.
 */
@Timeout(60)
class FakeEssServerExtensionTest {

    static boolean listening(FakeEssServer server) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    static String failures(TestExecutionSummary s) {
        StringBuilder sb = new StringBuilder();
        s.getFailures().forEach(f -> sb.append(f.getTestIdentifier().getDisplayName()).append(": ")
                .append(f.getException()).append('\n'));
        return sb.toString();
    }

    // ---- per test ----

    static class PerTestSample {
        static final List<FakeEssServer> SEEN = new CopyOnWriteArrayList<>();
        static final AtomicInteger CONFIGURED = new AtomicInteger();

        @RegisterExtension
        static final FakeEssServerExtension ESS = FakeEssServerExtension.perTest()
                .configure(b -> CONFIGURED.incrementAndGet());

        private FakeEssServer fromBeforeEach;

        @BeforeEach
        void before(FakeEssServer server) {
            fromBeforeEach = server;
            SEEN.add(server);
        }

        @Test
        void one(FakeEssServer server) {
            check(server);
        }

        @Test
        void two(FakeEssServer server) {
            check(server);
        }

        private void check(FakeEssServer server) {
            assertSame(fromBeforeEach, server);
            assertSame(server, ESS.server());
            assertTrue(listening(server));
        }
    }

    @Test
    void perTestStartsAFreshServerForEachTestInjectsItEverywhereAndClosesItAfter() {
        PerTestSample.SEEN.clear();
        PerTestSample.CONFIGURED.set(0);
        TestExecutionSummary s = run(PerTestSample.class);
        assertEquals(2, s.getTestsSucceededCount(), failures(s));
        assertEquals(0, s.getTotalFailureCount(), failures(s));
        List<FakeEssServer> seen = PerTestSample.SEEN;
        assertEquals(2, seen.size());
        assertNotSame(seen.get(0), seen.get(1));
        assertEquals(2, PerTestSample.CONFIGURED.get(), "the customisation ran once per server");
        for (FakeEssServer server : seen) {
            assertFalse(listening(server), "closed after its test: " + server);
        }
        assertThrows(IllegalStateException.class, PerTestSample.ESS::server);
    }

    static class PerTestConstructorSample {
        static final List<FakeEssServer> SEEN = new CopyOnWriteArrayList<>();

        @RegisterExtension
        static final FakeEssServerExtension ESS = FakeEssServerExtension.perTest();

        private final FakeEssServer fromConstructor;

        PerTestConstructorSample(FakeEssServer server) {
            this.fromConstructor = server;
        }

        @Test
        void one(FakeEssServer server) {
            assertSame(fromConstructor, server);
            SEEN.add(server);
        }

        @Test
        void two(FakeEssServer server) {
            assertSame(fromConstructor, server);
            SEEN.add(server);
        }
    }

    /** JUnit 5.12 added the hook that lets a test's own context reach the constructor. */
    static boolean junitHasTestInstantiationScope() {
        try {
            Class.forName("org.junit.jupiter.api.extension.TestInstantiationAwareExtension");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void perTestInjectsIntoTheConstructorOnJUnit512AndLaterAndSaysWhyNotBefore() {
        PerTestConstructorSample.SEEN.clear();
        TestExecutionSummary s = run(PerTestConstructorSample.class);
        if (junitHasTestInstantiationScope()) {
            assertEquals(2, s.getTestsSucceededCount(), failures(s));
            assertEquals(2, PerTestConstructorSample.SEEN.size());
            assertNotSame(PerTestConstructorSample.SEEN.get(0), PerTestConstructorSample.SEEN.get(1));
            PerTestConstructorSample.SEEN.forEach(server -> assertFalse(listening(server), "closed: " + server));
        } else {
            assertEquals(2, s.getTestsFailedCount(), failures(s));
            String message = s.getFailures().get(0).getException().getMessage();
            assertTrue(message.contains("needs JUnit Jupiter 5.12 or later"), message);
            assertTrue(PerTestConstructorSample.SEEN.isEmpty());
        }
    }

    // ---- per class ----

    static class PerClassSample {
        static final List<FakeEssServer> SEEN = new CopyOnWriteArrayList<>();
        static FakeEssServer fromBeforeAll;

        @RegisterExtension
        static final FakeEssServerExtension ESS = FakeEssServerExtension.perClass();

        @BeforeAll
        static void all(FakeEssServer server) {
            fromBeforeAll = server;
        }

        @Test
        void one(FakeEssServer server) {
            SEEN.add(server);
            assertSame(fromBeforeAll, server);
            assertTrue(listening(server));
        }

        @Test
        void two(FakeEssServer server) {
            SEEN.add(server);
            assertSame(fromBeforeAll, server);
            assertSame(server, ESS.server());
        }

        @Test
        void failingTestDoesNotLeakTheServer() {
            SEEN.add(ESS.server());
            throw new AssertionError("this sample test fails on purpose");
        }
    }

    @Test
    void perClassSharesOneServerAcrossTestsAndClosesItAfterTheClassEvenWhenATestFails() {
        PerClassSample.SEEN.clear();
        TestExecutionSummary s = run(PerClassSample.class);
        assertEquals(2, s.getTestsSucceededCount(), failures(s));
        assertEquals(1, s.getTestsFailedCount(), failures(s));
        assertEquals(3, PerClassSample.SEEN.size());
        assertTrue(PerClassSample.SEEN.stream().allMatch(x -> x == PerClassSample.fromBeforeAll));
        assertFalse(listening(PerClassSample.fromBeforeAll), "closed after the class");
    }

    // ---- misuse ----

    static class PerTestInBeforeAllSample {
        @RegisterExtension
        static final FakeEssServerExtension ESS = FakeEssServerExtension.perTest();

        @BeforeAll
        static void all(FakeEssServer server) {
            // never reached: resolution fails
        }

        @Test
        void test() {
        }
    }

    @Test
    void perTestRefusesToInjectIntoBeforeAllWithAClearMessage() {
        TestExecutionSummary s = run(PerTestInBeforeAllSample.class);
        assertEquals(1, s.getTotalFailureCount());
        String message = s.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("perTest() has no server outside a test"), message);
    }

    @Test
    void serverIsUnavailableOutsideAScope() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FakeEssServerExtension.perClass().server());
        assertTrue(e.getMessage().contains("no FakeEssServer is running"));
    }
}
