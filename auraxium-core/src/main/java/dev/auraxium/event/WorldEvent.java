package dev.auraxium.event;

/**
 * An event about a world rather than a character (continent locks, facility control, alerts, and
 * the logins and logouts that the ESS also delivers by world). Subscriptions select these by
 * {@code worlds}; an event that is only a world event never matches a character filter.
 */
public sealed interface WorldEvent extends Event
        permits ContinentLock, FacilityControl, MetagameEvent, PlayerLogin, PlayerLogout {
}
