package dev.auraxium.bench;

import dev.auraxium.testkit.Recording;
import dev.auraxium.testkit.SyntheticStream;

/**
 * The synthetic input every end-to-end benchmark and {@link BenchServer} agree on: the same seed
 * and size on both sides of a two-process run, so the client knows how many events to expect.
 * Worlds are the PC worlds only, because the fake server (like the live one) does not send a PS2
 * connection events of the console worlds; every frame of the recording thus reaches the client.
 */
final class Workload {
    /** Events replayed per benchmark operation batch; JMH needs it at compile time. */
    static final int EVENTS = 100_000;
    /** The generator's seed. */
    static final long SEED = 42L;
    /** The PC worlds of the synthetic mix (Genudine, a PS4 world, is left out). */
    static final int[] PC_WORLDS = {40, 17, 1, 13, 10};

    private Workload() {
    }

    /** @return a synthetic generator with the default event mix on the PC worlds */
    static SyntheticStream.Builder syntheticMix() {
        return SyntheticStream.builder().seed(SEED).worlds(PC_WORLDS);
    }

    /**
     * @param n how many frames
     * @return {@code n} synthetic frames with the default mix
     */
    static String[] syntheticFrames(int n) {
        return syntheticMix().build().stream(n).toArray(String[]::new);
    }

    /**
     * @param n how many events
     * @return a recording of {@code n} synthetic events with the default mix
     */
    static Recording recording(int n) {
        return syntheticMix().build().toRecording(n);
    }
}
