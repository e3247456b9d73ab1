package dev.auraxium.testkit.internal.ess;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.event.Environment;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.ConnectionSnapshot;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One client connection's ESS state: its subscription (the server's merge rules), whether a fault
 * stalls it, and what it was sent.
 *
 * <p>Thread-safe: the subscription is an immutable value replaced under this object's lock, read
 * without it (a volatile) on the publishing path so publishing never waits for a command.
 */
public final class EssSession {
    private final long id;
    private final Environment environment;
    private final boolean allEnvironments;
    private final int maxSetSize;
    private final String serviceId;
    private final EssPeer peer;
    private final AtomicLong framesSent = new AtomicLong();
    private volatile Subscription subscription = Subscription.EMPTY;
    private volatile boolean stalled;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> heartbeat;

    EssSession(long id, Environment environment, boolean allEnvironments, int maxSetSize, String serviceId, EssPeer peer) {
        this.id = id;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.allEnvironments = allEnvironments;
        this.maxSetSize = maxSetSize;
        this.serviceId = Objects.requireNonNull(serviceId, "serviceId");
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    /** @return the server-assigned id */
    public long id() {
        return id;
    }

    /** @return the connection's environment */
    public Environment environment() {
        return environment;
    }

    /** @return whether the connection asked for {@code environment=all}: every world, every endpoint */
    public boolean allEnvironments() {
        return allEnvironments;
    }

    /** @return the current subscription */
    public Subscription subscription() {
        return subscription;
    }

    /** @return the peer */
    public EssPeer peer() {
        return peer;
    }

    /** @return whether the connection is open and no stall fault silences it */
    boolean isLive() {
        return !stalled && !closed && peer.isOpen();
    }

    boolean isOpen() {
        return !closed && peer.isOpen();
    }

    void stalled(boolean value) {
        stalled = value;
    }

    void markClosed() {
        closed = true;
        ScheduledFuture<?> h = heartbeat;
        if (h != null) {
            h.cancel(false);
        }
    }

    void heartbeat(ScheduledFuture<?> future) {
        heartbeat = future;
        if (closed) {
            future.cancel(false);
        }
    }

    /** Sends an ESS message unless the connection is stalled or closed; returns whether it went out. */
    boolean send(String text) {
        if (!isLive()) {
            return false;
        }
        peer.sendText(text);
        framesSent.incrementAndGet();
        return true;
    }

    /** Sends whatever a fault asks for, stalled or not. */
    void sendForced(String text) {
        if (isOpen()) {
            peer.sendText(text);
            framesSent.incrementAndGet();
        }
    }

    /**
     * Applies a {@code subscribe} (lists unioned in, a given flag replaces the connection's flag)
     * and queues its reply, atomically with respect to {@link #sendIfSelected} and
     * {@link #snapshot()}: the reply is queued before the new subscription becomes visible, so no
     * event it selects can overtake the reply, and anyone who saw the reply (or the recorded
     * command) finds the new subscription in place.
     *
     * @param s the command
     * @param beforeReply runs first, inside the same critical section (the hub records the command)
     * @param reply makes the reply frame for the new subscription, or null to send none
     * @return the new subscription
     */
    synchronized Subscription apply(Subscribe s, Runnable beforeReply, Function<Subscription, String> reply) {
        Subscription cur = subscription;
        Subscription next = new Subscription(
                union(cur.eventNames(), s.eventNames(), maxSetSize),
                union(cur.characters(), s.characters(), maxSetSize),
                union(cur.worlds(), s.worlds(), maxSetSize),
                s.logicalAndCharactersWithWorlds().orElse(cur.logicalAndCharactersWithWorlds()));
        return commit(next, beforeReply, reply);
    }

    /**
     * Applies a {@code clearSubscribe}: {@code all} empties everything and resets the flag; lists
     * remove exactly their strings ("all" and ids are unrelated strings here). Queues the reply as
     * {@link #apply(Subscribe, Runnable, Function)} does.
     */
    synchronized Subscription apply(ClearSubscribe c, Runnable beforeReply, Function<Subscription, String> reply) {
        Subscription next;
        if (c.all()) {
            next = Subscription.EMPTY;
        } else {
            Subscription cur = subscription;
            next = new Subscription(
                    minus(cur.eventNames(), c.eventNames()),
                    minus(cur.characters(), c.characters()),
                    minus(cur.worlds(), c.worlds()),
                    c.logicalAndCharactersWithWorlds().orElse(cur.logicalAndCharactersWithWorlds()));
        }
        return commit(next, beforeReply, reply);
    }

    private Subscription commit(Subscription next, Runnable beforeReply, Function<Subscription, String> reply) {
        beforeReply.run();
        String frame = reply.apply(next);
        if (frame != null) { // null: a fault withholds the reply
            send(frame);
        }
        subscription = next;
        return next;
    }

    /**
     * Sends an event frame when this connection's subscription selects the event; serialised
     * with subscription changes so an event never overtakes the reply that subscribed it.
     *
     * @return whether at least one copy went out
     */
    synchronized boolean sendIfSelected(dev.auraxium.event.Event event, String frame, int copies) {
        if (!subscription.selects(event)) {
            return false;
        }
        boolean sent = false;
        for (int i = 0; i < copies; i++) {
            sent |= send(frame);
        }
        return sent;
    }

    synchronized Subscription alter(UnaryOperator<Subscription> change) {
        Subscription next = Objects.requireNonNull(change.apply(subscription),
                "the subscription change returned null");
        subscription = next;
        return next;
    }

    synchronized ConnectionSnapshot snapshot() {
        return new ConnectionSnapshot(id, environment, ServiceIds.redact(serviceId), subscription, isOpen(), stalled,
                framesSent.get(), peer.pendingBytes(), allEnvironments);
    }

    /** The union, stopping (silently, as NSS does) once the set holds {@code max} entries. */
    private static Set<String> union(Set<String> cur, Optional<List<String>> add, int max) {
        if (add.isEmpty() || add.get().isEmpty()) {
            return cur;
        }
        Set<String> out = new LinkedHashSet<>(cur);
        for (String s : add.get()) {
            if (out.size() >= max) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    private static Set<String> minus(Set<String> cur, Optional<List<String>> remove) {
        if (remove.isEmpty() || remove.get().isEmpty()) {
            return cur;
        }
        Set<String> out = new LinkedHashSet<>(cur);
        out.removeAll(remove.get());
        return out;
    }

    @Override
    public String toString() {
        return "EssSession[id=" + id + ", environment=" + (allEnvironments ? FlavourRules.ALL_ENVIRONMENTS : environment.wireName()) + ", serviceId=" + ServiceIds.redact(serviceId) + "]";
    }
}
