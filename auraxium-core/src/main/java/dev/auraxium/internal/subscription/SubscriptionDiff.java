package dev.auraxium.internal.subscription;

import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands that turn the server's copy of a subscription into the wanted one, and the server's
 * merge rules (docs/protocol.md, "Subscription state") to predict what each command leaves behind.
 *
 * <p>Additions go first, in one {@code subscribe} that also carries a changed flag, and removals
 * after, in one {@code clearSubscribe}: the server never holds less than both the old and the new
 * plan need while the change is in flight.
 */
public final class SubscriptionDiff {
    private SubscriptionDiff() {
    }

    /**
     * @param server what the server holds (by our model)
     * @param wanted what the triggers need
     * @return zero, one or two commands; empty when they are equal
     */
    public static List<ClientCommand> between(Subscription server, Subscription wanted) {
        List<ClientCommand> out = new ArrayList<>(2);
        List<String> addNames = minus(wanted.eventNames(), server.eventNames());
        List<String> addChars = minus(wanted.characters(), server.characters());
        List<String> addWorlds = minus(wanted.worlds(), server.worlds());
        boolean flagChanged = wanted.logicalAndCharactersWithWorlds() != server.logicalAndCharactersWithWorlds();
        if (wanted.isEmpty()) {
            if (!server.isEmpty() || server.logicalAndCharactersWithWorlds()) {
                out.add(ClearSubscribe.everything());
            }
            return out;
        }
        if (!addNames.isEmpty() || !addChars.isEmpty() || !addWorlds.isEmpty() || flagChanged) {
            out.add(new Subscribe(opt(addNames), opt(addChars), opt(addWorlds),
                    flagChanged ? Optional.of(wanted.logicalAndCharactersWithWorlds()) : Optional.empty(),
                    Optional.empty()));
        }
        List<String> delNames = minus(server.eventNames(), wanted.eventNames());
        List<String> delChars = minus(server.characters(), wanted.characters());
        List<String> delWorlds = minus(server.worlds(), wanted.worlds());
        if (!delNames.isEmpty() || !delChars.isEmpty() || !delWorlds.isEmpty()) {
            out.add(new ClearSubscribe(false, opt(delNames), opt(delChars), opt(delWorlds), Optional.empty()));
        }
        return out;
    }

    /**
     * The server's merge rule for one command.
     *
     * @param state the connection's subscription before
     * @param command a subscribe or clearSubscribe (others leave it unchanged)
     * @return the subscription after
     */
    public static Subscription apply(Subscription state, ClientCommand command) {
        if (command instanceof Subscribe s) {
            return new Subscription(union(state.eventNames(), s.eventNames()), union(state.characters(), s.characters()),
                    union(state.worlds(), s.worlds()),
                    s.logicalAndCharactersWithWorlds().orElse(state.logicalAndCharactersWithWorlds()));
        }
        if (command instanceof ClearSubscribe c) {
            if (c.all()) {
                return Subscription.EMPTY;
            }
            return new Subscription(without(state.eventNames(), c.eventNames()),
                    without(state.characters(), c.characters()), without(state.worlds(), c.worlds()),
                    c.logicalAndCharactersWithWorlds().orElse(state.logicalAndCharactersWithWorlds()));
        }
        return state;
    }

    /**
     * Whether a reply shows the expected subscription. Characters are compared as a set when the
     * reply lists them, else by count; a reply without the flag (old servers) is not checked for it.
     *
     * @param expected what the server should hold
     * @param reply what it says it holds
     * @return true when they agree
     */
    public static boolean agrees(Subscription expected, SubscriptionReply reply) {
        if (!expected.eventNames().equals(new HashSet<>(reply.eventNames()))
                || !expected.worlds().equals(new HashSet<>(reply.worlds()))) {
            return false;
        }
        if (reply.logicalAndCharactersWithWorlds().isPresent()
                && reply.logicalAndCharactersWithWorlds().get() != expected.logicalAndCharactersWithWorlds()) {
            return false;
        }
        if (reply.characters().isPresent()) {
            return expected.characters().equals(new HashSet<>(reply.characters().get()));
        }
        return !expected.characters().contains(Subscription.ALL)
                && reply.characterCount().orElse(0) == expected.characters().size();
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>();
        for (String s : a) {
            if (!b.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static Optional<List<String>> opt(List<String> l) {
        return l.isEmpty() ? Optional.empty() : Optional.of(l);
    }

    private static Set<String> union(Set<String> a, Optional<List<String>> b) {
        Set<String> out = new LinkedHashSet<>(a);
        b.ifPresent(out::addAll);
        return out;
    }

    private static Set<String> without(Set<String> a, Optional<List<String>> b) {
        Set<String> out = new LinkedHashSet<>(a);
        b.ifPresent(out::removeAll);
        return out;
    }
}
