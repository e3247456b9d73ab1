package dev.auraxium.internal.dispatch;

import dev.auraxium.event.Event;
import dev.auraxium.transport.TransportConnection;

/**
 * A queued item: an event ready to dispatch, or a frame as it arrived that the
 * {@link Dispatcher.Host#decode host decodes} on the dispatch thread. Exactly one of {@code event}
 * and {@code frame} is set.
 *
 * @param event the event, or null for a frame
 * @param frame the frame, or null for an event
 * @param source the connection it came from (its demand is replenished when it is taken), or null
 *     for an event given to {@code EventClient.dispatch}
 * @param <F> the type of the frames the host decodes
 */
public record Delivery<F>(Event event, F frame, TransportConnection source) {

    /** @return a delivery of a decoded event */
    public static <F> Delivery<F> ofEvent(Event event, TransportConnection source) {
        return new Delivery<>(event, null, source);
    }

    /** @return a delivery of a frame to decode on the dispatch thread */
    public static <F> Delivery<F> ofFrame(F frame, TransportConnection source) {
        return new Delivery<>(null, frame, source);
    }
}
