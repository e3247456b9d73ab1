package dev.auraxium.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.internal.session.SubscriptionSync.Outcome;
import dev.auraxium.internal.session.SubscriptionSync.Verdict;
import dev.auraxium.internal.subscription.SubscriptionDiff;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link SubscriptionSync} without I/O: plans go in and commands come out; a model server applies
 * the commands and answers each with a reply of what it holds, and those replies go back in.
 */
class SubscriptionSyncTest {
    static final long S = TimeUnit.SECONDS.toNanos(1);
    static final Subscription DEATHS = new Subscription(Set.of("Death"), Set.of("all"), Set.of("1", "10"), false);
    static final Subscription DEATHS_ON_1 = new Subscription(Set.of("Death"), Set.of("all"), Set.of("1"), false);

    final SubscriptionSync sync = new SubscriptionSync();

    /** What a server does: applies each command it gets and queues its reply. */
    static final class ModelServer {
        Subscription state = Subscription.EMPTY;
        final Queue<SubscriptionReply> replies = new ArrayDeque<>();

        void receive(List<ClientCommand> commands) {
            for (ClientCommand c : commands) {
                state = SubscriptionDiff.apply(state, c);
                replies.add(replyOf(state));
            }
        }

        /** The server silently forgets its subscription (the replies in flight say so too). */
        void forget() {
            state = Subscription.EMPTY;
        }
    }

    static SubscriptionReply replyOf(Subscription s) {
        return new SubscriptionReply(Optional.of(List.copyOf(s.characters())), OptionalInt.empty(),
                List.copyOf(s.eventNames()), Optional.of(s.logicalAndCharactersWithWorlds()), List.copyOf(s.worlds()));
    }

    final ModelServer server = new ModelServer();

    /** Feeds every queued reply in at {@code now}; returns the verdicts, sending what they ask. */
    List<Verdict> answerAll(Subscription planned, long now) {
        List<Verdict> out = new java.util.ArrayList<>();
        while (!server.replies.isEmpty()) {
            Outcome o = sync.onReply(server.replies.poll(), planned, now);
            out.add(o.verdict());
            server.receive(o.commands());
        }
        return out;
    }

    /** Subscribes DEATHS (confirmed at 1 s); the server forgets it and a probe at 10 s shows so. */
    Outcome confirmedThenForgotten() {
        server.receive(sync.toward(DEATHS, S));
        answerAll(DEATHS, S);
        server.forget();
        server.receive(List.of(sync.probe(10 * S)));
        return sync.onReply(server.replies.poll(), DEATHS, 10 * S);
    }

    @Test
    void aPlanComesOutAsOneSubscribeAndItsReplyConfirmsIt() {
        List<ClientCommand> commands = sync.toward(DEATHS, 5 * S);
        assertEquals(1, commands.size(), commands::toString);
        Subscribe sub = assertInstanceOf(Subscribe.class, commands.get(0));
        assertEquals(Set.of("Death"), Set.copyOf(sub.eventNames().orElseThrow()));
        assertEquals(Set.of("1", "10"), Set.copyOf(sub.worlds().orElseThrow()));
        assertFalse(sync.confirmed());
        assertEquals(5 * S, sync.awaitingReplySince(), "the reply timer starts with the command");
        assertEquals(List.of(), sync.toward(DEATHS, 6 * S), "the same plan again sends nothing");

        server.receive(commands);
        assertEquals(List.of(Verdict.CONFIRMED), answerAll(DEATHS, 7 * S));
        assertTrue(sync.confirmed());
        assertEquals(0, sync.awaitingReplySince(), "no reply is awaited any more");
        assertEquals(DEATHS, server.state);
    }

    @Test
    void aSmallerPlanClearsOnlyWhatWentAway() {
        server.receive(sync.toward(DEATHS, S));
        answerAll(DEATHS, S);
        List<ClientCommand> commands = sync.toward(DEATHS_ON_1, 2 * S);
        assertEquals(1, commands.size(), commands::toString);
        ClearSubscribe clear = assertInstanceOf(ClearSubscribe.class, commands.get(0));
        assertFalse(clear.all());
        assertEquals(List.of("10"), clear.worlds().orElseThrow());
        server.receive(commands);
        assertEquals(List.of(Verdict.CONFIRMED), answerAll(DEATHS_ON_1, 3 * S));
        assertEquals(DEATHS_ON_1, server.state);
    }

    @Test
    void aDriftIsRepairedByClearingAndResubscribingTheWholePlan() {
        Outcome o = confirmedThenForgotten();
        assertEquals(Verdict.REPAIR, o.verdict());
        assertTrue(o.drift().contains("eventNames expected [Death] but the server has []"), o.drift());
        assertEquals(ClearSubscribe.everything(), o.commands().get(0));
        assertEquals(30, o.seconds(), "the first repair starts the 30 s backoff");
        server.receive(o.commands());
        assertEquals(DEATHS, server.state, "the commands restore the plan on the server");
        assertEquals(List.of(Verdict.CONFIRMED, Verdict.CONFIRMED), answerAll(DEATHS, 12 * S));
    }

    @Test
    void aServerThatIgnoresTheRepairMakesTheSyncGiveUpUntilTheNextProbe() {
        Outcome repair = confirmedThenForgotten();
        assertEquals(Verdict.REPAIR, repair.verdict());
        // the server answers both commands but keeps nothing
        SubscriptionReply empty = replyOf(Subscription.EMPTY);
        assertEquals(Verdict.CONFIRMED, sync.onReply(empty, DEATHS, 12 * S).verdict(), "the clear did clear");
        Outcome gaveUp = sync.onReply(empty, DEATHS, 12 * S);
        assertEquals(Verdict.GAVE_UP, gaveUp.verdict());
        assertTrue(gaveUp.drifted());
        assertEquals(List.of(), gaveUp.commands(), "giving up sends nothing");
        assertTrue(sync.confirmed(), "a drift left alone does not hold readiness back");
    }

    @Test
    void aDriftWithinTheBackoffIsDeferredAndTheNextRepairWaitsTwiceAsLong() {
        Outcome repair = confirmedThenForgotten();
        assertEquals(Verdict.REPAIR, repair.verdict());
        server.receive(repair.commands());
        assertEquals(List.of(Verdict.CONFIRMED, Verdict.CONFIRMED), answerAll(DEATHS, 10 * S));

        server.forget(); // drifts again 15 s after the repair
        server.receive(List.of(sync.probe(25 * S)));
        Outcome deferred = sync.onReply(server.replies.poll(), DEATHS, 25 * S);
        assertEquals(Verdict.DEFERRED, deferred.verdict());
        assertEquals(15, deferred.seconds(), "time left of the 30 s backoff");
        assertEquals(List.of(), deferred.commands());

        server.receive(List.of(sync.probe(41 * S)));
        Outcome again = sync.onReply(server.replies.poll(), DEATHS, 41 * S);
        assertEquals(Verdict.REPAIR, again.verdict());
        assertEquals(60, again.seconds(), "the backoff doubled while the drift persisted");
    }

    @Test
    void repliesToCommandsSentBeforeARepairAreSkipped() {
        server.receive(sync.toward(DEATHS, S));
        server.receive(List.of(sync.probe(S)));
        // both replies are in flight when the first shows the server lost everything
        server.replies.clear();
        SubscriptionReply empty = replyOf(Subscription.EMPTY);
        Outcome repair = sync.onReply(empty, DEATHS, 2 * S);
        assertEquals(Verdict.REPAIR, repair.verdict());
        assertEquals(2 * S, sync.awaitingReplySince(), "replies are still awaited");
        assertEquals(Verdict.SKIPPED, sync.onReply(empty, DEATHS, 3 * S).verdict(), "the probe's stale reply");
        server.state = Subscription.EMPTY;
        server.receive(repair.commands());
        assertEquals(List.of(Verdict.CONFIRMED, Verdict.CONFIRMED), answerAll(DEATHS, 4 * S));
        assertEquals(0, sync.awaitingReplySince());
    }

    @Test
    void theReplyTimerNeverReadsZeroWhileAReplyIsAwaited() {
        sync.probe(0); // a nanoTime of exactly 0 must still mean "waiting"
        assertTrue(sync.awaitingReplySince() != 0);
    }
}
