package dev.auraxium.testkit.internal.ess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.Echo;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssMessage;
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
 * The core codec decodes each message once; only a message it decodes as a command is looked at again
 * as a JSON tree, for the two facts the decoded command does not keep: that its {@code service} is
 * {@code "event"} (the codec also accepts a command without one, the service does not answer it) and,
 * on NSS, how its lists and booleans were written (NSS drops {@code "1"}/{@code "0"} booleans and
 * over-long lists without a word, where the codec reads them).
 *
 * <p>Thread-safe: called from every connection's reader thread.
 */
final class CommandResponder {
    private static final System.Logger LOG = System.getLogger(EssHub.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

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
        Optional<ClientCommand> decoded = decodeCommand(text);
        JsonNode tree = decoded.isPresent() ? eventServiceObject(text) : null;
        Optional<ClientCommand> command = tree == null ? Optional.empty() : decoded;
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
            boolean subscription = command.isPresent()
                    && (command.get() instanceof Subscribe || command.get() instanceof ClearSubscribe);
            Optional<String> dropped = subscription ? FlavourRules.ignoredCommand(settings.flavour(), tree) : Optional.empty();
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

    private Optional<ClientCommand> decodeCommand(String text) {
        try {
            EssMessage m = codec.decode(text);
            return m instanceof ClientCommand c ? Optional.of(c) : Optional.empty();
        } catch (RuntimeException e) {
            // The live service says nothing about bad commands; the test sees the raw text instead.
            LOG.log(System.Logger.Level.DEBUG, "ignoring client message: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    /** @return the text's JSON object when it is one of service "event", else null */
    private static JsonNode eventServiceObject(String text) {
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree == null || !tree.isObject() || !"event".equals(tree.path("service").asText(null))) {
                return null;
            }
            return tree;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring client message: {0}", e.getMessage());
            return null;
        }
    }
}
