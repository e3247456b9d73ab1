package dev.auraxium.cli.internal;

import dev.auraxium.testkit.Recording;
import dev.auraxium.testkit.ReplaySpeed;
import dev.auraxium.testkit.SyntheticStream;
import picocli.CommandLine.Option;

/**
 * The synthetic stream's options, shared by {@code demo} and {@code serve}. The defaults (3600
 * events at 150 a second) make a 24 second stream: the demo ends within half a minute at
 * {@code --speed 1}.
 */
final class SourceOptions {
    /** The most synthetic events: about 100 MB of heap, and 11 minutes of stream at the default rate. */
    static final int MAX_COUNT = 100_000;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the synthetic stream (default 1): the same seed gives the same events.")
    long seed;

    @Option(names = "--count", paramLabel = "N", defaultValue = "3600",
            description = "How many synthetic events (default ${DEFAULT-VALUE}, at most 100000: the stream is held "
                    + "in memory; --loop repeats it).")
    int count;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "150",
            description = "Synthetic events per second of stream time (default ${DEFAULT-VALUE}); "
                    + "--speed replays faster or slower than that.")
    double rate;

    /** @return the synthetic recording these options describe */
    Recording synthetic() {
        return synthetic(null);
    }

    /**
     * @param worlds the worlds to draw events from, or null for the default world mix
     * @return the synthetic recording these options describe
     */
    Recording synthetic(int[] worlds) {
        return synthetic(worlds, 0);
    }

    /**
     * @param worlds the worlds to draw events from, or null for the default world mix
     * @param characters how many distinct characters, or 0 for the generator's default
     * @return the synthetic recording these options describe
     */
    Recording synthetic(int[] worlds, int characters) {
        if (count <= 0) {
            throw new UsageException("--count must be positive, was " + count);
        }
        if (count > MAX_COUNT) {
            throw new UsageException("--count " + count + " is over the limit of " + MAX_COUNT
                    + " (the stream is held in memory); use --loop to replay it for longer");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new UsageException("--rate must be a positive number, was " + rate);
        }
        SyntheticStream.Builder b = SyntheticStream.builder().seed(seed).eventsPerSecond(rate);
        if (worlds != null) {
            b.worlds(worlds);
        }
        if (characters > 0) {
            b.characters(characters);
        }
        return b.build().toRecording(count);
    }

    static ReplaySpeed replaySpeed(Speed speed) {
        return speed.max() ? ReplaySpeed.asFastAsPossible() : ReplaySpeed.times(speed.factor());
    }
}
