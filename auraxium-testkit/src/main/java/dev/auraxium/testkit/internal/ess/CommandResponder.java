package dev.auraxium.testkit.internal.ess;

import dev.auraxium.internal.command.ReceivedCommand;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.Echo;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.Help;
import dev.auraxium.protocol.HelpReply;
import dev.auraxium.protocol.RecentCharacterIds;
import dev.auraxium.protocol.RecentCharacterIdsCount;
import dev.auraxium.protocol.RecentCharacterIdsReply;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.ClientMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers client messages as the live service does: applies subscription commands and replies in the
 * flavour's shape, answers echo, help and the recent-character commands, and stays silent for
 * malformed JSON, other services, unknown actions and (on NSS) commands it validates and drops. Every
 * message is recorded in the {@link ClientMessageLog}, once its effect is in place and before its reply
 * goes out.
 *
 * <h2>Decoding</h2>
 * The core codec decodes each message once, into a {@link ReceivedCommand}: the command with the two
 * facts of how it was written that the command itself does not keep. A command without
 * {@code "service":"event"} is not answered (the codec reads it, the service does not), and NSS drops
 * a command with a flag written as {@code "1"}/{@code "0"} (see {@link FlavourRules#ignoredCommand}).
 *
 * <p>Thread-safe: called from every connection's reader thread.
 */
final class CommandResponder {
    private static final System.Logger LOG = System.getLogger(EssHub.class.getName());

    private final EssSettings settings;
    private final EssCodec codec = EssCodec.standard();
    private final ClientMessageLog log = new ClientMessageLog();
    private final RecentCharacters recent;
    /** Told after each message is recorded: those who wait for a command's effect look again. */
    private final Runnable recorded;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong ignored = new AtomicLong();
    /** Set by a fault: subscription commands take effect but get no reply. */
    private volatile boolean withholdSubscriptionReplies;

    /**
     * @param settings the flavour and its rules
     * @param recent what the recent-character commands answer from
     * @param recorded told after each message is recorded
     */
    CommandResponder(EssSettings settings, RecentCharacters recent, Runnable recorded) {
        this.settings = settings;
        this.recent = recent;
        this.recorded = recorded;
    }

    /** @return where every client message is recorded */
    ClientMessageLog log() {
        return log;
    }

    /** @return client messages that were not commands the server answers */
    long ignored() {
        return ignored.get();
    }

    /** @param withhold whether subscription commands (still applied) go unanswered from now on */
    void withholdSubscriptionReplies(boolean withhold) {
        withholdSubscriptionReplies = withhold;
    }

    /**
     * Handles one client text message: applies and answers it, and records it.
     *
     * @param s the session it came from
     * @param text the message
     */
    void onText(EssSession s, String text) {
        Instant received = clock.instant();
        // A command that does not name the event service is not one the service answers.
        Optional<ReceivedCommand> decoded = decode(text).filter(ReceivedCommand::eventService);
        Optional<ClientCommand> command = decoded.map(ReceivedCommand::command);
        ClientMessage message = new ClientMessage(s.id(), text, command, received);
        // Recorded once its effect is in place and before the reply goes out, so a test that
        // took a command, or a client that saw the reply, can rely on both.
        Runnable recordIt = () -> {
            log.record(message);
            recorded.run();
        };
        Optional<String> reply = Optional.empty();
        boolean recorded = false;
        try {
            Optional<String> dropped = decoded.flatMap(c -> FlavourRules.ignoredCommand(settings.flavour(), c));
            if (dropped.isPresent()) {
                // NSS validates commands and drops a bad one without a word; the test sees it recorded.
                ignored.incrementAndGet();
                LOG.log(System.Logger.Level.DEBUG, "ignoring a command of {0} as {1} does: {2}", s,
                        settings.flavour(), dropped.get());
            } else if (command.isPresent() && command.get() instanceof Subscribe sub) {
                s.apply(sub, recordIt, next -> withholdSubscriptionReplies ? null
                        : reply(next, sub.listCharacters().orElse(false)));
                recorded = true;
            } else if (command.isPresent() && command.get() instanceof ClearSubscribe clear) {
                s.apply(clear, recordIt, next -> withholdSubscriptionReplies ? null : reply(next, false));
                recorded = true;
            } else {
                reply = answer(command);
            }
        } finally {
            if (!recorded) {
                recordIt.run();
            }
        }
        reply.ifPresent(s::send);
    }

    /** Answers a command that is not a subscription, if it has an answer. */
    private Optional<String> answer(Optional<ClientCommand> command) {
        if (command.isEmpty()) {
            ignored.incrementAndGet();
            return Optional.empty();
        }
        ClientCommand c = command.get();
        if (c instanceof Echo echo) {
            return Optional.of(echo.payload());
        } else if (c instanceof Help) {
            return Optional.of(codec.encode(new HelpReply(HelpText.JSON)));
        } else if (c instanceof RecentCharacterIds) {
            List<Long> ids = recent.ids();
            return Optional.of(codec.encode(new RecentCharacterIdsReply(ids.size(), Optional.of(ids))));
        } else if (c instanceof RecentCharacterIdsCount) {
            return Optional.of(codec.encode(new RecentCharacterIdsReply(recent.ids().size(), Optional.empty())));
        }
        return Optional.empty();
    }

    /**
     * The subscription reply in this server's flavour: characters listed when the set holds "all"
     * or the request asked for the list, else only counted.
     */
    private String reply(Subscription sub, boolean listCharacters) {
        return FlavourRules.subscriptionReply(settings.flavour(), sub, listCharacters);
    }

    private static Optional<ReceivedCommand> decode(String text) {
        try {
            return ReceivedCommand.decode(text);
        } catch (RuntimeException e) {
            // The live service says nothing about bad commands; the test sees the raw text instead.
            LOG.log(System.Logger.Level.DEBUG, "ignoring client message: {0}", e.getMessage());
            return Optional.empty();
        }
    }
}
