package dev.auraxium.testkit;

import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.internal.ess.Admission;
import dev.auraxium.testkit.internal.ess.EssHub;
import dev.auraxium.testkit.internal.ess.EssSession;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The failures a {@link FakeEssServer} can inject, each one a failure the live ESS is known to
 * show (see the ESS protocol page in the core module's javadoc): a rejected service id, dropped connections, a socket that stays open
 * but silent, {@code connected:"false"}, a subscription altered behind the client's back,
 * duplicate events, malformed frames, slow writes.
 *
 * <p>Obtained from {@link FakeEssServer#faults()}; it acts on the server at once. Connections are
 * named by {@link ConnectionSnapshot#id()}; an unknown id is an {@link IllegalArgumentException}.
 * Thread-safe: call it from the test thread while clients run.
 *
 * <pre>{@code
 * long id = server.connections().get(0).id();
 * server.faults().stall(id);                          // socket open, nothing sent, no heartbeats
 * server.faults().alterSubscription(id, s -> Subscription.EMPTY);
 * server.faults().rejectHandshakes(403);              // reconnects now fail...
 * server.faults().acceptHandshakes();                 // ...until told otherwise
 * }</pre>
 */
public final class Faults {
    private final EssHub hub;

    Faults(EssHub hub) {
        this.hub = hub;
    }

    /**
     * Refuses every later upgrade request with {@code status} until {@link #acceptHandshakes()}.
     *
     * @param status an HTTP status from 400 to 599; 403 is how the ESS rejects a service id
     * @return this
     * @throws IllegalArgumentException for any other status
     */
    public Faults rejectHandshakes(int status) {
        hub.refuseHandshakes(refusal(status, Optional.empty()));
        return this;
    }

    /**
     * Refuses every later upgrade request with {@code status} and a {@code Retry-After} header.
     *
     * @param status an HTTP status from 400 to 599, typically 429 or 503
     * @param retryAfter the delay to advertise, whole seconds, not negative
     * @return this
     * @throws IllegalArgumentException for a bad status or a negative delay
     */
    public Faults rejectHandshakes(int status, Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        hub.refuseHandshakes(refusal(status, Optional.of(retryAfter)));
        return this;
    }

    private static Admission.Refuse refusal(int status, Optional<Duration> retryAfter) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400-599), was " + status);
        }
        return new Admission.Refuse(status, "refused by a FakeEssServer fault", retryAfter);
    }

    /**
     * Stops refusing upgrades: the configured environment and service-id checks apply again.
     *
     * @return this
     */
    public Faults acceptHandshakes() {
        hub.refuseHandshakes(null);
        return this;
    }

    /**
     * Ends one connection.
     *
     * @param connectionId the connection
     * @param how {@link Disconnect#abort()} or {@link Disconnect#close(int, String)}
     * @return this
     */
    public Faults drop(long connectionId, Disconnect how) {
        end(hub.session(connectionId), Objects.requireNonNull(how, "how"));
        return this;
    }

    /**
     * Ends every open connection.
     *
     * @param how {@link Disconnect#abort()} or {@link Disconnect#close(int, String)}
     * @return how many connections were ended
     */
    public int dropAll(Disconnect how) {
        Objects.requireNonNull(how, "how");
        int n = 0;
        for (EssSession s : hub.openSessions()) {
            end(s, how);
            n++;
        }
        return n;
    }

    private void end(EssSession s, Disconnect how) {
        if (how instanceof Disconnect.Close c) {
            s.peer().close(c.code(), c.reason());
        } else {
            s.peer().abort();
        }
        hub.onClosed(s);
    }

    /**
     * Makes a connection go silent: the socket stays open, but no event, reply or heartbeat is
     * sent on it (they are dropped, not queued) until {@link #resume(long)}. The live ESS does this
     * to whole worlds for hours.
     *
     * @param connectionId the connection
     * @return this
     */
    public Faults stall(long connectionId) {
        hub.stall(hub.session(connectionId), true);
        return this;
    }

    /**
     * Stalls every connection open now (connections opened later are not stalled).
     *
     * @return this
     */
    public Faults stallAll() {
        for (EssSession s : hub.openSessions()) {
            hub.stall(s, true);
        }
        return this;
    }

    /**
     * Ends a stall: later events, replies and heartbeats go out again.
     *
     * @param connectionId the connection
     * @return this
     */
    public Faults resume(long connectionId) {
        hub.stall(hub.session(connectionId), false);
        return this;
    }

    /**
     * Ends every stall.
     *
     * @return this
     */
    public Faults resumeAll() {
        for (EssSession s : hub.openSessions()) {
            hub.stall(s, false);
        }
        return this;
    }

    /**
     * Sends {@code {"connected":"false",...,"type":"connectionStateChanged"}}: the push layer lost
     * its backend. The connection stays open; a good client reconnects.
     *
     * @param connectionId the connection
     * @return this
     */
    public Faults sendConnectedFalse(long connectionId) {
        hub.connectionState(hub.session(connectionId), false);
        return this;
    }

    /**
     * Replaces a connection's subscription without telling the client, as the live service does.
     * The next subscribe reply, e.g. to an empty probe, shows the change.
     *
     * @param connectionId the connection
     * @param change computes the new subscription from the current one; must not return null
     * @return the new subscription
     */
    public Subscription alterSubscription(long connectionId, UnaryOperator<Subscription> change) {
        Objects.requireNonNull(change, "change");
        return hub.alter(hub.session(connectionId), change);
    }

    /**
     * From now on, {@code subscribe} and {@code clearSubscribe} still take effect (events flow as
     * subscribed) but get no subscription reply, on every connection: a proxy that never confirms
     * a subscription. Until {@link #sendSubscriptionReplies()}.
     *
     * @return this
     */
    public Faults withholdSubscriptionReplies() {
        hub.withholdSubscriptionReplies(true);
        return this;
    }

    /**
     * Ends {@link #withholdSubscriptionReplies()}: later subscription commands are answered again
     * (the withheld replies are not sent).
     *
     * @return this
     */
    public Faults sendSubscriptionReplies() {
        hub.withholdSubscriptionReplies(false);
        return this;
    }

    /**
     * Sends each of the next {@code n} published events twice to every connection that selects
     * it, as the live service sometimes repeats events.
     *
     * @param n how many events, positive
     * @return this
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public Faults duplicateNextEvents(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, was " + n);
        }
        hub.duplicateNext(n);
        return this;
    }

    /**
     * Sends text as it is, even to a stalled connection: a frame of an unknown shape, broken JSON,
     * an old-format message.
     *
     * @param connectionId the connection
     * @param text the text frame
     * @return this
     */
    public Faults sendText(long connectionId, String text) {
        Objects.requireNonNull(text, "text");
        hub.sendRaw(hub.session(connectionId), text);
        return this;
    }

    /**
     * Sends a frame that breaks the WebSocket protocol; a correct client fails the connection.
     *
     * @param connectionId the connection
     * @param kind which rule to break
     * @return this
     */
    public Faults sendMalformedFrame(long connectionId, MalformedFrame kind) {
        Objects.requireNonNull(kind, "kind");
        hub.session(connectionId).peer().sendMalformed(kind);
        return this;
    }

    /**
     * Slows the writes to one connection down: each write waits {@code perWrite} first.
     *
     * @param connectionId the connection
     * @param perWrite the delay, not negative; {@link Duration#ZERO} restores full speed
     * @return this
     */
    public Faults slowWrites(long connectionId, Duration perWrite) {
        Objects.requireNonNull(perWrite, "perWrite");
        if (perWrite.isNegative()) {
            throw new IllegalArgumentException("perWrite must not be negative, was " + perWrite);
        }
        hub.session(connectionId).peer().setWriteDelay(perWrite);
        return this;
    }
}
