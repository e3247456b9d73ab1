package dev.auraxium.event;

/**
 * A kill: {@link Death} or {@link VehicleDestroy}. A character filter matches the victim
 * ({@link #characterId()}) or the attacker ({@link #attackerCharacterId()}), on the server as in
 * {@link Trigger#check(Event)}.
 */
public sealed interface AttackerEvent extends CharacterEvent permits Death, VehicleDestroy {

    /** @return the attacking character, {@code 0} for an environment death (fall damage, pain field) */
    long attackerCharacterId();
}
