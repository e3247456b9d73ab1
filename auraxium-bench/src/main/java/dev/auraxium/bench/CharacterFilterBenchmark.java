package dev.auraxium.bench;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Death;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One trigger with a big character filter ({@code ids} = 1, 100 or 10,000 characters, the size of
 * an outfit tracker), against events whose characters are in the filter ({@code match=one}) or not
 * ({@code none}). {@code check} is {@link Trigger#check} alone; {@code dispatch} goes through a
 * real {@link EventClient} (queue, index by character, check, action) as in
 * {@link DispatchBenchmark}. One operation = one event.
 *
 * <pre>java -jar auraxium-bench/target/benchmarks.jar CharacterFilterBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CharacterFilterBenchmark {
    static final int BATCH = 1_000;
    private static final long BASE = 5428000000000000000L;
    private static final Instant T = Instant.ofEpochSecond(1_730_180_000L);

    @Param({"1", "100", "10000"})
    public int ids;

    @Param({"none", "one"})
    public String match;

    private EventClient client;
    private Trigger<?> trigger;
    private Death[] events;
    private PlayerLogin marker;
    private final Countdown done = new Countdown();
    private long hits;

    @Setup
    public void setUp() {
        long[] characters = new long[ids];
        for (int i = 0; i < ids; i++) {
            characters[i] = BASE + 2L * i;
        }
        trigger = Trigger.on(Death.class).characters(characters).name("outfit").action(d -> hits++).build();
        client = EventClient.builder().transport(new IdleTransport()).queueCapacity(4 * BATCH).build();
        client.addTrigger(trigger);
        client.addTrigger(Trigger.on(PlayerLogin.class).name("marker").action(e -> done.arrived()).build());
        events = new Death[BATCH];
        for (int i = 0; i < BATCH; i++) {
            // spread over the filter; odd offsets are never in it
            long victim = BASE + 2L * (i % ids) + ("one".equals(match) ? 0 : 1);
            long attacker = BASE + 2L * ids + 1 + i;
            events[i] = new Death(T, 17, attacker, 1, 15, OptionalInt.of(1), 0, 26003, victim, 8,
                    Optional.of(false), false, OptionalInt.of(3), OptionalInt.empty(), 2);
        }
        marker = new PlayerLogin(T, 17, BASE - 1);
    }

    @TearDown
    public void tearDown() {
        client.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int check() {
        int n = 0;
        for (Death d : events) {
            if (trigger.check(d)) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long dispatch() {
        done.arm(1);
        for (Death d : events) {
            client.dispatch(d);
        }
        client.dispatch(marker);
        return done.await(30, TimeUnit.SECONDS);
    }
}
