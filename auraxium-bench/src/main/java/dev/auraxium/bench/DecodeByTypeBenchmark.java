package dev.auraxium.bench;

import dev.auraxium.protocol.EssCodec;
import dev.auraxium.testkit.SyntheticStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding one event type at a time: {@value #FRAMES} synthetic frames of that type
 * ({@link SyntheticStream.Builder#only(String...)}), one operation = one frame. Shows which
 * payload shapes cost most (FacilityControl and MetagameEvent carry the most fields).
 *
 * <pre>java -jar auraxium-bench/target/benchmarks.jar DecodeByTypeBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeByTypeBenchmark {
    static final int FRAMES = 1_024;

    @Param({"GainExperience", "Death", "VehicleDestroy", "PlayerLogin", "PlayerLogout", "FacilityControl",
            "ItemAdded", "AchievementEarned", "BattleRankUp", "PlayerFacilityCapture", "PlayerFacilityDefend",
            "SkillAdded", "FishScan", "MetagameEvent", "ContinentLock"})
    public String eventName;

    private String[] frames;
    private final EssCodec codec = EssCodec.standard();

    @Setup
    public void generate() {
        frames = Workload.syntheticMix().only(eventName).build().stream(FRAMES).toArray(String[]::new);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decode(Blackhole bh) {
        for (String f : frames) {
            bh.consume(codec.decode(f));
        }
    }
}
