package dev.auraxium.bench;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Death;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Matching and dispatch as triggers grow: {@code triggers} Death triggers, each on its own
 * character, registered on a real {@link EventClient} (with a transport that never connects). One
 * operation = one event through {@code dispatch}, the queue, the index, {@code check} and the
 * matching actions on the client's dispatch thread. {@code match} picks events that match no
 * trigger, one, or ten (ten triggers share a "hot" character).
 *
 * <p>{@code linearCheck} is the naive alternative for comparison: calling {@code check} on every
 * registered trigger, as the Python seed does.
 *
 * <pre>java -jar auraxium-bench/target/benchmarks.jar DispatchBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchBenchmark {
    static final int BATCH = 1_000;
    private static final long BASE = 5428000000000000000L;
    private static final long HOT = 5429999999999999999L;
    private static final Instant T = Instant.ofEpochSecond(1_730_180_000L);

    @Param({"1", "100", "10000"})
    int triggers;

    @Param({"none", "one", "ten"})
    String match;

    private EventClient client;
    private final AtomicLong actions = new AtomicLong();
    private final Countdown done = new Countdown();
    private final List<Trigger<?>> registered = new ArrayList<>();
    private Death[] events;
    private PlayerLogin marker;

    @Setup(Level.Trial)
    public void setUp() {
        client = EventClient.builder().transport(new IdleTransport()).queueCapacity(4 * BATCH).build();
        for (int i = 0; i < triggers; i++) {
            long id = i < 10 && "ten".equals(match) ? HOT : BASE + i;
            Trigger<?> t = Trigger.on(Death.class).characters(id).name("t" + i).action(d -> actions.incrementAndGet())
                    .build();
            registered.add(t);
        }
        // One batch: adding 10,000 triggers one by one replans the subscription each time (minutes).
        client.addTriggers(registered);
        client.addTrigger(Trigger.on(PlayerLogin.class).name("sentinel").action(e -> done.arrived()).build());
        events = new Death[BATCH];
        for (int i = 0; i < BATCH; i++) {
            long victim = switch (match) {
                case "none" -> BASE + triggers + 1 + i;
                case "one" -> BASE;
                default -> HOT;
            };
            events[i] = new Death(T, 17, BASE - 1 - i, 1, 15, OptionalInt.of(1), 0, 26003, victim, 8,
                    Optional.of(false), (i & 3) == 0, OptionalInt.of(3), OptionalInt.empty(), 2);
        }
        marker = new PlayerLogin(T, 17, BASE - 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
    }

    /** Dispatches a batch, then waits until the client's dispatch thread has handled all of it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long dispatch() {
        done.arm(1);
        for (Death d : events) {
            client.dispatch(d);
        }
        client.dispatch(marker);
        // Block, never spin: on 2 cores a spinning waiter takes the dispatch thread's core.
        done.await(30, TimeUnit.SECONDS);
        return actions.get();
    }

    /** The naive way: every trigger checks every event. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int linearCheck() {
        int hits = 0;
        for (Death d : events) {
            for (int i = 0, n = registered.size(); i < n; i++) {
                if (registered.get(i).check(d)) {
                    hits++;
                }
            }
        }
        return hits;
    }
}
