package dev.auraxium.protocol;

/**
 * A frame the ESS sends to a client. Frames carry no ids, so {@link EssCodec} classifies them by
 * shape, in the order of the protocol sheet: connection state, heartbeat, service (world) state,
 * game event, recent-character reply, subscription reply, help prompt, help reply, anything else
 * (echo replies) as {@link RawMessage}.
 */
public sealed interface ServerMessage extends EssMessage
        permits ConnectionStateChanged, Heartbeat, ServiceStateChanged, ServiceMessage,
        RecentCharacterIdsReply, SubscriptionReply, HelpPrompt, HelpReply, RawMessage {
}
