package dev.auraxium.event;

import java.time.Instant;

/**
 * A game event pushed by the ESS: the {@code payload} of a {@code serviceMessage}.
 *
 * <p>There is one immutable record per event the live service sends, and {@link UnknownEvent} for
 * any other {@code event_name}, so that an event type added tomorrow still reaches the triggers
 * that name it by its wire name.
 *
 * <h2>Fields that old payloads lack: the one rule</h2>
 * <ul>
 *   <li>{@code event_name}, {@code timestamp} and {@code world_id} are required; a payload without
 *       them is a decode error, never an event.</li>
 *   <li>A field that real payloads are known to lack in some period of the service's history (the
 *       team ids before 2022, {@code is_critical}, Death's {@code vehicle_id}, MetagameEvent's
 *       {@code zone_id} and {@code metagame_event_state_name}, ContinentLock's
 *       {@code event_type}, FacilityControl's {@code outfit_id}) is an {@code OptionalInt},
 *       {@code OptionalLong} or {@code Optional}, empty when the payload lacks it.</li>
 *   <li>Any other field that a payload lacks reads as the ESS's own "none" value: {@code 0} for
 *       numbers and ids, {@code false} for flags, {@code ""} for text. The ESS itself writes
 *       {@code "0"} for "no outfit", "no attacker", "on foot".</li>
 * </ul>
 *
 * <h2>Fields of the wrong kind: read as missing, never lose the event</h2>
 * A value that is not of its field's kind (text where a number belongs, such as
 * {@code "event_type":""} or {@code "zone_id":"abc"}, a number out of the field's range, an
 * unreadable flag) is treated exactly as if the payload lacked that field, by the rules above: an
 * {@code Optional*} field is empty, any other field reads as its "none" value. The event still
 * reaches the triggers of its type. The {@link dev.auraxium.client.EventClient} counts each such
 * field in {@link dev.auraxium.client.ClientStats#invalidFields()} and gives the first one of each
 * event name and field to its error handler as a
 * {@link dev.auraxium.protocol.InvalidFieldException} (with the value and the frame), not every
 * one. Only the three required fields make a payload undecodable: without a
 * valid {@code event_name}, {@code timestamp} and {@code world_id} there is no event to deliver,
 * and the frame is a decode error.
 *
 * <p>Wire values are strings ({@code "123"}, {@code "0"}/{@code "1"}, {@code "25.000000"}); the
 * decoder also accepts JSON numbers and booleans. Java names are the camelCase of the wire names.
 *
 * <p>Every type has a {@code builder()} (e.g. {@code Death.builder().isHeadshot(true).build()})
 * with plausible defaults and checked arguments. The builders live here, not in the test kit,
 * because applications use them too: to feed
 * {@link dev.auraxium.client.EventClient#dispatch(Event)}, to simulate, to test triggers without a
 * server.
 *
 * <p>All implementations are immutable and safe to share between threads.
 *
 * <p>The builder setters that several types share ({@code timestamp}, {@code worldId},
 * {@code zoneId}, {@code characterId}, the attacker's) come from {@link EventBuilder} and its
 * subclasses, so they check a value and name a bad one alike for every type.
 */
public sealed interface Event permits CharacterEvent, WorldEvent, ZoneEvent, UnknownEvent {

    /** @return the wire name, the payload's {@code event_name}, e.g. {@code "Death"} */
    String eventName();

    /**
     * @return when the game server produced the event (the payload's Unix-seconds
     *     {@code timestamp}): always whole seconds for a decoded event. An event built with a finer
     *     {@code Instant} (e.g. {@code Instant.now()}) does not equal its copy after a trip through
     *     the wire; each type's {@code builder()} truncates to seconds for that reason.
     */
    Instant timestamp();

    /** @return the world (server) id, e.g. 1 Connery, 10 Miller, 13 Cobalt, 17 Emerald, 40 SolTech */
    int worldId();
}
