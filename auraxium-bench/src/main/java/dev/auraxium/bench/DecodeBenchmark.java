package dev.auraxium.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssMessage;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding the real 2024 event mix (649 frames: GainExperience, Death, VehicleDestroy) and a
 * synthetic mix of all 15 event types ({@code *Synthetic}), one operation = one frame, so the
 * score is frames per second. {@code tokenizeOnly} is the floor any
 * Jackson-based decoder pays (create a parser, walk every token); {@code decode} is our codec;
 * {@code jacksonTree} is what a naive databind decoder would cost.
 *
 * <pre>java -jar auraxium-bench/target/benchmarks.jar DecodeBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {
    /** Frames in the 2024 capture's event mix; JMH needs the constant at compile time. */
    static final int REAL_MIX_FRAMES = 649;

    /** Frames of the synthetic mix (the capture's shape, all 15 event types). */
    static final int SYNTHETIC_FRAMES = 4_096;

    private String[] frames;
    private String[] synthetic;
    private final EssCodec codec = EssCodec.standard();
    private final JsonFactory factory = new JsonFactory();
    private final ObjectMapper mapper = new ObjectMapper();

    @Setup
    public void load() {
        frames = Frames.realMixEvents();
        if (frames.length != REAL_MIX_FRAMES) {
            throw new IllegalStateException("expected " + REAL_MIX_FRAMES + " event frames, found " + frames.length);
        }
        synthetic = Workload.syntheticFrames(SYNTHETIC_FRAMES);
    }

    @Benchmark
    @OperationsPerInvocation(REAL_MIX_FRAMES)
    public void decode(Blackhole bh) {
        for (String f : frames) {
            EssMessage m = codec.decode(f);
            bh.consume(m);
        }
    }

    /** Our codec on the synthetic mix: every event type, in the live stream's proportions. */
    @Benchmark
    @OperationsPerInvocation(SYNTHETIC_FRAMES)
    public void decodeSynthetic(Blackhole bh) {
        for (String f : synthetic) {
            bh.consume(codec.decode(f));
        }
    }

    /** The tokenize-only floor on the synthetic mix. */
    @Benchmark
    @OperationsPerInvocation(SYNTHETIC_FRAMES)
    public void tokenizeOnlySynthetic(Blackhole bh) throws IOException {
        tokenize(synthetic, bh);
    }

    @Benchmark
    @OperationsPerInvocation(REAL_MIX_FRAMES)
    public void tokenizeOnly(Blackhole bh) throws IOException {
        tokenize(frames, bh);
    }

    private void tokenize(String[] input, Blackhole bh) throws IOException {
        for (String f : input) {
            try (JsonParser p = factory.createParser(f)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    bh.consume(t);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(REAL_MIX_FRAMES)
    public void jacksonTree(Blackhole bh) throws IOException {
        for (String f : frames) {
            JsonNode n = mapper.readTree(f);
            bh.consume(n);
        }
    }
}
