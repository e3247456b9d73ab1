package dev.auraxium.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.auraxium.event.Environment;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssMessage;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.SubscriptionReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real captured frames published raw reach a client unchanged, where the subscription selects them. */
@Timeout(30)
class CapturedFramesTest {
    private static final String CAPTURE = "saerro-go-ess-sample-2024-10-29.jsonl";

    private static Path capture() {
        String dir = System.getProperty("ess.samples.dir");
        Path file = dir == null ? null : Path.of(dir, CAPTURE);
        assumeTrue(file != null && Files.isRegularFile(file),
                "ESS samples not found (system property ess.samples.dir=" + dir + "); skipping the capture test");
        return file;
    }

    @Test
    void publishesEveryCapturedFrameUnchangedToASubscriptionOfEverything() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(capture())) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        // no heartbeats: one could fall between the published frames, which must arrive exactly in order
        try (FakeEssServer server = FakeEssServer.builder().disableHeartbeats().start();
                EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"all\"],"
                    + "\"characters\":[\"all\"],\"worlds\":[\"all\"]}");
            c.nextMatching(m -> m instanceof SubscriptionReply);
            List<String> expected = new ArrayList<>();
            int otherEnvironment = 0;
            for (String line : lines) {
                EssMessage m = EssCodec.standard().decode(line);
                boolean ps4 = m instanceof ServiceMessage sm
                        && !Environment.PS2.worlds().contains(sm.event().worldId())
                        && (Environment.PS2PS4US.worlds().contains(sm.event().worldId())
                                || Environment.PS2PS4EU.worlds().contains(sm.event().worldId()));
                assertEquals(ps4 ? 0 : 1, server.publish(line), line);
                if (ps4) {
                    otherEnvironment++;
                } else {
                    expected.add(line);
                }
            }
            assertTrue(otherEnvironment > 0, "the capture has Genudine events, which a ps2 connection must not get");
            for (String line : expected) {
                assertEquals(line, c.next());
            }
        }
    }
}
