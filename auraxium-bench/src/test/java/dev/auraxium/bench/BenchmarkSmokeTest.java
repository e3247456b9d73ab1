package dev.auraxium.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.UnknownEvent;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.ServiceMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs every benchmark's setup and one invocation directly (not through JMH), so that a broken
 * benchmark fails {@code mvn verify} in seconds instead of at the end of a long JMH run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchmarkSmokeTest {
    private static final Blackhole BH = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    private static void assumeSamples() {
        String dir = System.getProperty("ess.samples.dir");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "ESS samples folder not available (system property ess.samples.dir): skipping the real-capture benchmark");
    }

    @Test
    void decodeBenchmarkDecodesTheRealAndSyntheticMixes() throws Exception {
        assumeSamples();
        DecodeBenchmark b = new DecodeBenchmark();
        b.load();
        b.decode(BH);
        b.decodeSynthetic(BH);
        b.tokenizeOnly(BH);
        b.tokenizeOnlySynthetic(BH);
        b.jacksonTree(BH);
        // what those invocations measured: whole events, none unknown or with bad fields
        assertAllEvents(Frames.realMixEvents(), null);
        assertAllEvents(Workload.syntheticFrames(DecodeBenchmark.SYNTHETIC_FRAMES), null);
    }

    /** Every frame decodes to a known event (of {@code name} unless null) with no invalid field. */
    private static void assertAllEvents(String[] frames, String name) {
        EssCodec codec = EssCodec.standard();
        for (String f : frames) {
            ServiceMessage m = assertInstanceOf(ServiceMessage.class, codec.decode(f), f);
            assertFalse(m.event() instanceof UnknownEvent, f);
            assertEquals(Map.of(), m.invalidFields(), f);
            if (name != null) {
                assertEquals(name, m.event().eventName(), f);
            }
        }
    }

    @Test
    void decodeByTypeBenchmarkDecodesEveryEventType() {
        for (String name : new String[] {"GainExperience", "FacilityControl", "ContinentLock", "FishScan"}) {
            DecodeByTypeBenchmark b = new DecodeByTypeBenchmark();
            b.eventName = name;
            b.generate();
            b.decode(BH);
            assertAllEvents(Workload.syntheticMix().only(name).build().stream(DecodeByTypeBenchmark.FRAMES)
                    .toArray(String[]::new), name);
        }
    }

    @Test
    void dispatchBenchmarkRunsTheActionsOfMatchingTriggers() {
        DispatchBenchmark b = new DispatchBenchmark();
        b.triggers = 100;
        b.match = "ten";
        b.setUp();
        try {
            assertEquals(10L * DispatchBenchmark.BATCH, b.dispatch());
            assertEquals(10 * DispatchBenchmark.BATCH, b.linearCheck());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void characterFilterBenchmarkMatchesOnlyCharactersInTheFilter() {
        for (String match : new String[] {"none", "one"}) {
            CharacterFilterBenchmark b = new CharacterFilterBenchmark();
            b.ids = 10_000;
            b.match = match;
            b.setUp();
            try {
                assertEquals("one".equals(match) ? CharacterFilterBenchmark.BATCH : 0, b.check());
                assertEquals(1, b.dispatch());
            } finally {
                b.tearDown();
            }
        }
    }

    @Test
    void endToEndBenchmarksReceiveEveryReplayedEvent() throws Exception {
        EndToEndBenchmark.Server server = new EndToEndBenchmark.Server();
        server.endpoint = "";
        server.events = 2_000;
        server.start();
        try {
            for (String executor : new String[] {"own", "pool", "socket"}) {
                EndToEndBenchmark.Client client = new EndToEndBenchmark.Client();
                client.executor = executor;
                client.connect(server);
                try {
                    // twice: the second replay proves the trigger's removal re-arms the start signal
                    assertEquals(2_000, EndToEndBenchmark.client(client, server.events, 20));
                    assertEquals(2_000, EndToEndBenchmark.client(client, server.events, 20));
                } finally {
                    client.close();
                }
                EndToEndBenchmark.Transport transport = new EndToEndBenchmark.Transport();
                transport.executor = executor;
                transport.connect(server);
                try {
                    assertEquals(2_000, EndToEndBenchmark.transportOnly(transport, server.events, 20));
                } finally {
                    transport.close();
                }
            }
            EndToEndBenchmark.Raw raw = new EndToEndBenchmark.Raw();
            raw.connect(server);
            try {
                assertEquals(2_000, EndToEndBenchmark.serverPush(raw, server.events, 20));
            } finally {
                raw.close();
            }
            // 10 replays ran; the last may still be finishing on the server's thread after its receiver counted it all
            assertTrue(server.replays.replays() >= 9, "replays finished: " + server.replays.replays());
        } finally {
            server.stop();
        }
    }
}
