package dev.auraxium.internal.dispatch;

import dev.auraxium.event.Event;

/**
 * A queued item.
 *
 * @param item an {@link Event}, or something the {@link Dispatcher.Host#decode host decodes} into
 *     one on the dispatch thread (e.g. a frame as it arrived)
 * @param source the connection it came from (its demand is replenished when it is taken), or null
 *     for an event given to {@code EventClient.dispatch}
 */
public record Delivery(Object item, Object source) {
}
