package dev.auraxium.protocol;

/**
 * A command a client sends to the ESS: every one carries {@code "service":"event"} and an
 * {@code action}.
 */
public sealed interface ClientCommand extends EssMessage
        permits Subscribe, ClearSubscribe, Echo, Help, RecentCharacterIds, RecentCharacterIdsCount {

    /** @return the wire action, e.g. {@code "subscribe"} */
    String action();
}
