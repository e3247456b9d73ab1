package dev.auraxium.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.Events;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.EssCodec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class EventClientConcurrencyTest {
    static final int EVENTS = 20_000;

    @ParameterizedTest(name = "actions on an executor: {0}")
    @ValueSource(booleans = {false, true})
    void deliversNothingToATriggerAfterItsRemovalReturns(boolean executor) throws Exception {
        FakeTransport transport = new FakeTransport();
        ExecutorService actions = executor ? Executors.newFixedThreadPool(3) : null;
        EventClient.Builder b = EventClient.builder().transport(transport).endpoint(URI.create("ws://127.0.0.1:1/s"))
                .subscriptionProbeInterval(Duration.ZERO).queueCapacity(64);
        if (actions != null) {
            b.actionExecutor(actions);
        }
        AtomicInteger violations = new AtomicInteger();
        AtomicLong removals = new AtomicLong();
        CountDownLatch all = new CountDownLatch(EVENTS);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (EventClient client = b.build()) {
            client.addTrigger(Trigger.on(Death.class).name("counter").action(d -> all.countDown()).build());
            FakeTransport.Conn c = transport.take();
            client.awaitReady(Duration.ofSeconds(5));
            String frame = EssCodec.standard().encodeServiceMessage(Events.death(1, 2, 1));
            String login = EssCodec.standard().encodeServiceMessage(Events.login(1, 1));
            AtomicBoolean producing = new AtomicBoolean(true);
            Future<?> producer = workers.submit(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    c.push(frame);
                    if (i % 7 == 0) {
                        c.push(login);
                    }
                }
                producing.set(false);
            });
            List<Future<?>> churn = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int worker = w;
                churn.add(workers.submit(() -> {
                    int round = 0;
                    while (producing.get() || round < 50) {
                        AtomicBoolean removed = new AtomicBoolean();
                        String name = "t" + worker + "-" + round++;
                        Trigger<?> t = Trigger.on(round % 2 == 0 ? "Death" : "PlayerLogin").name(name)
                                .characters(1).worlds(1).action(e -> {
                                    if (removed.get()) {
                                        violations.incrementAndGet();
                                    }
                                }).build();
                        client.addTrigger(t);
                        if (round % 5 == 0) {
                            client.removeTrigger(name, true);
                        } else {
                            client.removeTrigger(t, true);
                        }
                        removed.set(true);
                        removals.incrementAndGet();
                    }
                    return null;
                }));
            }
            producer.get(20, TimeUnit.SECONDS);
            for (Future<?> f : churn) {
                f.get(20, TimeUnit.SECONDS);
            }
            assertTrue(all.await(20, TimeUnit.SECONDS), "every Death reached the permanent trigger");
            assertEquals(0, violations.get(), "an action ran after its trigger's removal returned");
            assertTrue(removals.get() >= 150);
            assertEquals(List.of("counter"), client.triggers().stream().map(Trigger::name).toList());
            assertEquals(0, client.stats().decodeErrors());
        } finally {
            workers.shutdownNow();
            if (actions != null) {
                actions.shutdownNow();
            }
        }
    }

    @Test
    void letsActionsAddAndRemoveTriggersWithoutDeadlock() throws Exception {
        FakeTransport transport = new FakeTransport();
        try (EventClient client = EventClient.builder().transport(transport).endpoint(URI.create("ws://127.0.0.1:1/s"))
                .subscriptionProbeInterval(Duration.ZERO).build()) {
            CountDownLatch done = new CountDownLatch(1000);
            AtomicInteger n = new AtomicInteger();
            client.addTrigger(Trigger.on(Death.class).name("spawner").action(d -> {
                String name = "child" + n.incrementAndGet();
                client.addTrigger(Trigger.on(Death.class).name(name).singleShot(true).action(x -> done.countDown()).build());
                if (n.get() % 3 == 0) {
                    client.removeTrigger(name, true);
                    done.countDown();
                }
            }).build());
            FakeTransport.Conn c = transport.take();
            client.awaitReady(Duration.ofSeconds(5));
            String frame = EssCodec.standard().encodeServiceMessage(Events.death(1, 2, 1));
            for (int i = 0; i < 1001; i++) {
                c.push(frame);
            }
            assertTrue(done.await(20, TimeUnit.SECONDS));
        }
    }
}
