package dev.auraxium.internal.dispatch;

import dev.auraxium.event.Event;

/**
 * A queued event.
 *
 * @param event the event
 * @param source the connection it came from (its demand is replenished when it is taken), or null
 *     for an event given to {@code EventClient.dispatch}
 */
public record Delivery(Event event, Object source) {
}
