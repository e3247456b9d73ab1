package dev.auraxium.internal.session;

import dev.auraxium.client.OverflowPolicy;
import dev.auraxium.event.Event;
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.internal.client.FrameCodec;
import dev.auraxium.internal.client.Timers;
import dev.auraxium.internal.dispatch.Deduplicator;
import dev.auraxium.internal.dispatch.Delivery;
import dev.auraxium.internal.dispatch.EventQueue;
import dev.auraxium.protocol.EssDecodeException;
import dev.auraxium.protocol.InvalidFieldException;
import dev.auraxium.protocol.ServerMessage;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.transport.TransportConnection;
import java.time.Clock;

/**
 * Where frames enter the client, on the transport's threads: event frames go to the queue as they
 * arrived (the fast path) and are decoded and deduplicated on the dispatch thread
 * ({@link #decode}); other frames are decoded at once and handed to the {@link Host} as control
 * messages. Also gives demand back ({@code request(n)}) for frames that are not queued.
 *
 * <p>Thread-safe: the counters it writes are the {@link ClientMetrics}' and the deduplicator's.
 */
final class FrameIntake {

    /** What the intake needs from the client. */
    interface Host {
        /** @return the links now: an immutable snapshot, read without the lock */
        Link[] links();

        /** Handles a control message (heartbeat, subscription reply, ...) of a link. */
        void control(Link l, ServerMessage m);

        /** Reports a failure to the error handler. */
        void report(Throwable error);

        /** Runs after a control message was handled, without the lock. */
        void afterControl();
    }

    /**
     * An event frame as it arrived, queued to be decoded on the dispatch thread; {@code message}
     * is the frame already decoded on the transport's thread ({@link #DECODE_AHEAD_AT}), else null.
     */
    record Arrival(String text, Link link, boolean overlapping, long nanos, long millis, ServerMessage message) {
    }

    /**
     * Frames waiting in the queue from which the transport's thread decodes the event frames it
     * queues, instead of leaving them all to the dispatch thread. Decoding is most of the work
     * per event, so when the dispatch thread falls this far behind (a stream at full speed, a
     * backlog after a reconnect) the two threads share it and the client keeps up with a faster
     * stream. Not when the queue is full, where a dropping policy may drop the frame. At a live
     * rate the queue stays nearly empty and nothing changes. What stays on the dispatch thread,
     * in the order the frames arrived, is everything that depends on that order: deduplication,
     * the counts and the handling of payload-shaped frames that are not events.
     */
    static final int DECODE_AHEAD_AT = 64;

    private final ClientMetrics metrics;
    private final Deduplicator dedup;
    private final EventQueue<Delivery<Arrival>> queue;
    private final FrameCodec codec;
    private final Timers timers;
    private final Clock clock = Clock.systemUTC();
    private final boolean watchesSilence;
    private final Host host;

    FrameIntake(ClientConfig config, ClientMetrics metrics, EventQueue<Delivery<Arrival>> queue, Timers timers, Host host) {
        this.metrics = metrics;
        this.dedup = new Deduplicator(config.dedupWindow().toNanos(), config.dedupWithinConnection(),
                config.dedupCapacity());
        this.queue = queue;
        this.codec = config.codec();
        this.timers = timers;
        this.watchesSilence = config.worldSilence().toNanos() > 0;
        this.host = host;
    }

    Deduplicator dedup() {
        return dedup;
    }

    /** Takes one frame of a connection, on its transport's thread. */
    void onFrame(TransportConnection c, String text) {
        metrics.frames.incrementAndGet();
        Link[] current = host.links();
        Link l = Link.of(current, c);
        boolean overlapping = current.length > 1;
        if (l != null && !watchesSilence && looksLikeEvent(text)) {
            // An event frame is decoded, deduplicated and counted on the dispatch thread, leaving
            // the transport's thread free to read; it decodes here too only while the dispatch
            // thread is far behind (DECODE_AHEAD_AT). Not with the world-silence watchdog on: it
            // must see each frame's world when it arrives, not when a dispatch thread held up by
            // a slow action gets to it.
            long nanos = timers.nanoTime();
            long millis = clock.millis();
            ServerMessage early = null;
            int backlog = queue.size();
            if (backlog >= DECODE_AHEAD_AT && backlog < queue.capacity()) { // not a frame a full queue may drop
                early = decodeOrReport(text);
                if (early == null) {
                    demand(c, 1);
                    return;
                }
            }
            queue.offer(Delivery.ofFrame(new Arrival(text, l, overlapping, nanos, millis, early), c));
            return;
        }
        ServerMessage m = decodeOrReport(text);
        if (m == null || l == null) {
            demand(c, 1);
            return;
        }
        if (m instanceof ServiceMessage sm) {
            if (!sm.invalidFields().isEmpty()) {
                noteInvalidFields(sm, text);
            }
            long nanos = timers.nanoTime();
            if (watchesSilence) {
                l.lastEventByWorld.put(sm.event().worldId(), nanos); // a copy counts too: its world is not silent
            }
            if (admitted(sm.event(), text, l.id, overlapping, nanos, clock.millis())) {
                queue.offer(Delivery.ofEvent(sm.event(), c));
            } else {
                demand(c, 1);
            }
            return;
        }
        try {
            host.control(l, m);
        } catch (RuntimeException e) {
            host.report(e);
        } finally {
            demand(c, 1);
            host.afterControl();
        }
    }

    /**
     * A compact frame carrying a payload, as the live service writes its events (anything else
     * decodes at once). Only the start is looked at: this runs on every frame, and a payload that
     * turns out not to be an event is handled, in its turn, from the dispatch thread.
     */
    private static boolean looksLikeEvent(String text) {
        return text.startsWith("{\"payload\":{");
    }

    /** @return the frame's message, or null after counting and reporting a frame that does not decode */
    private ServerMessage decodeOrReport(String text) {
        try {
            return codec.decode(text);
        } catch (EssDecodeException e) {
            metrics.decodeErrors.incrementAndGet();
            host.report(e);
        } catch (RuntimeException e) {
            metrics.decodeErrors.incrementAndGet();
            host.report(new EssDecodeException("the decoder failed: " + e, text, e));
        }
        return null;
    }

    /** Decodes an {@link Arrival} on the dispatch thread; null when there is nothing to dispatch. */
    Event decode(Arrival a) {
        ServerMessage m = a.message() != null ? a.message() : decodeOrReport(a.text());
        if (m instanceof ServiceMessage sm) {
            if (!sm.invalidFields().isEmpty()) {
                noteInvalidFields(sm, a.text());
            }
            Event e = sm.event();
            return admitted(e, a.text(), a.link().id, a.overlapping(), a.nanos(), a.millis()) ? e : null;
        }
        if (m != null && Link.of(host.links(), a.link().connection) == a.link()) {
            // a payload-shaped frame that is not an event, on a link still open: handled as on arrival
            try {
                host.control(a.link(), m);
            } catch (RuntimeException e) {
                host.report(e);
            } finally {
                host.afterControl();
            }
        }
        return null;
    }

    /**
     * Counts the fields an event is delivered without (values of the wrong kind); the first of
     * each event name and field goes to the error handler. The keys are bounded: only known
     * events have such fields.
     */
    private void noteInvalidFields(ServiceMessage sm, String text) {
        String name = sm.event().eventName();
        sm.invalidFields().forEach((field, value) -> {
            if (metrics.invalidField(name + "." + field)) {
                host.report(new InvalidFieldException(name, field, value, text));
            }
        });
    }

    /**
     * Counts a decoded event; drops it when deduplication says it is a copy, else records its
     * world's last event time and the receive lag.
     *
     * @param nanos when it arrived ({@link Timers#nanoTime()})
     * @param arrivedMillis when it arrived (epoch millis)
     * @return whether to dispatch it
     */
    private boolean admitted(Event e, String text, long linkId, boolean overlapping, long nanos, long arrivedMillis) {
        metrics.decoded.incrementAndGet();
        if (e instanceof UnknownEvent) {
            metrics.unknown.incrementAndGet();
        }
        if (!dedup.admit(linkId, text, nanos, overlapping)) {
            return false;
        }
        metrics.delivered(e.worldId(), arrivedMillis, e.timestamp());
        return true;
    }

    /** Asks a connection for {@code n} more frames, under backpressure. */
    void demand(TransportConnection c, int n) {
        if (queue.policy() == OverflowPolicy.BACKPRESSURE) {
            try {
                c.request(n);
            } catch (RuntimeException e) {
                // the connection ended meanwhile; nothing to ask for
            }
        }
    }
}
