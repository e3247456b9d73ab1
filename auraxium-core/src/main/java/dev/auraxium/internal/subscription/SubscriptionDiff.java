package dev.auraxium.internal.subscription;

import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands that turn the server's copy of a subscription into the wanted one, the server's
 * merge rules to predict what each command leaves behind, and the check of a subscription reply
 * against that prediction ({@link #differences}).
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
     * Whether a reply shows the expected subscription: {@link #differences} finds nothing.
     *
     * @param expected what the server should hold
     * @param reply what it says it holds
     * @return true when the server delivers what {@code expected} asks for
     */
    public static boolean agrees(Subscription expected, SubscriptionReply reply) {
        return differences(expected, reply).isEmpty();
    }

    /**
     * Compares what the server <em>will deliver</em> with what it should, not how the reply spells
     * it. Servers differ in spelling: one lists a character set that holds {@code all} as just
     * {@code ["all"]}, another reorders every list, old servers leave the flag out. The rules:
     * <ul>
     *   <li><b>Order</b> never matters: each list is compared as a set.</li>
     *   <li><b>{@code all}</b>: a set holding {@code all} agrees with any other set holding
     *       {@code all} (the other entries deliver nothing more), and never with a set without
     *       it.</li>
     *   <li><b>Characters by count</b>: a reply that only counts the characters (the shape a
     *       server uses when the set has no {@code all}) agrees when the count equals the number
     *       of characters expected. When {@code all} is expected, such a reply agrees only when
     *       its count equals the number of strings sent ({@code all} counted as one): a server
     *       that counts rather than lists such a set is not known, but nothing else could be
     *       checked.</li>
     *   <li><b>The logicalAnd flag</b> is compared only when it changes what is delivered
     *       ({@link #flagMatters}), and only when the reply carries it (old servers do not).</li>
     * </ul>
     *
     * @param expected what the server should hold
     * @param reply what it says it holds
     * @return one line per part that differs, naming it with the expected value and the
     *     server's, e.g. {@code worlds expected [1, 10] but the server has [1]}; empty when they
     *     agree
     */
    public static List<String> differences(Subscription expected, SubscriptionReply reply) {
        List<String> out = new ArrayList<>(4);
        compareSet(out, "eventNames", expected.eventNames(), reply.eventNames());
        if (reply.characters().isPresent()) {
            compareSet(out, "characters", expected.characters(), reply.characters().get());
        } else {
            int count = reply.characterCount().orElse(0);
            if (count != expected.characters().size()) {
                out.add("characters expected " + expected.characters().size() + " entries "
                        + render(expected.characters()) + " but the server counts " + count);
            }
        }
        compareSet(out, "worlds", expected.worlds(), reply.worlds());
        if (reply.logicalAndCharactersWithWorlds().isPresent()) {
            boolean server = reply.logicalAndCharactersWithWorlds().get();
            if (server != expected.logicalAndCharactersWithWorlds() && flagMatters(expected)) {
                out.add("logicalAndCharactersWithWorlds expected " + expected.logicalAndCharactersWithWorlds()
                        + " but the server has " + server);
            }
        }
        return out;
    }

    /**
     * Whether the logicalAnd flag changes what a subscription delivers, by the server's matching
     * rules ({@link Subscription#selects}). The flag only adds "and the world is in the worlds
     * set" to the events matched by character: Death, VehicleDestroy, GainExperience and the
     * other character events (and events of a name this version does not know, which the server
     * may match by character). World events ignore it; PlayerLogin and PlayerLogout, matched by
     * character or world, ignore it too. So it matters exactly when all of these hold:
     * <ul>
     *   <li>an event name matched by character is subscribed ({@code all} included);</li>
     *   <li>the characters set is not empty (else no event is matched by character);</li>
     *   <li>the worlds set does not hold {@code all} (else every world passes; an empty worlds
     *       set does matter: with the flag, nothing matched by character is delivered).</li>
     * </ul>
     *
     * @param s a subscription
     * @return whether turning the flag over would change the events it delivers
     */
    public static boolean flagMatters(Subscription s) {
        if (s.characters().isEmpty() || s.worlds().contains(Subscription.ALL)) {
            return false;
        }
        for (String name : s.eventNames()) {
            if (name.equals(Subscription.ALL)) {
                return true;
            }
            EventCatalog.Centric c = EventCatalog.centric(name);
            if (c == EventCatalog.Centric.CHARACTER || c == EventCatalog.Centric.UNKNOWN) {
                return true;
            }
        }
        return false;
    }

    /** Adds a line when the two sets deliver differently: equal as sets, or both holding "all". */
    private static void compareSet(List<String> out, String what, Set<String> expected, List<String> server) {
        Set<String> got = new HashSet<>(server);
        boolean expectAll = expected.contains(Subscription.ALL);
        boolean same = expectAll ? got.contains(Subscription.ALL) : !got.contains(Subscription.ALL) && expected.equals(got);
        if (same) {
            return;
        }
        StringBuilder b = new StringBuilder(what).append(" expected ");
        if (expected.size() + got.size() <= 2 * SHOWN) {
            b.append(render(expected)).append(" but the server has ").append(render(got));
        } else {
            b.append(expected.size()).append(" entries but the server has ").append(got.size());
            List<String> missing = minus(expected, got);
            List<String> extra = minus(got, expected);
            if (!missing.isEmpty()) {
                b.append("; missing ").append(render(missing));
            }
            if (!extra.isEmpty()) {
                b.append("; not asked for ").append(render(extra));
            }
        }
        out.add(b.toString());
    }

    /** Entries shown in full in a drift line; larger sets are shown by their differences. */
    private static final int SHOWN = 8;

    /** Sorted (numbers by value, then names), at most {@link #SHOWN} entries. */
    private static String render(Collection<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing((String v) -> !isNumber(v))
                .thenComparing((a, b) -> isNumber(a) && isNumber(b)
                        ? (a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b))
                        : a.compareTo(b)));
        if (sorted.size() <= SHOWN) {
            return sorted.toString();
        }
        StringBuilder b = new StringBuilder("[");
        sorted.subList(0, SHOWN).forEach(v -> b.append(v).append(", "));
        return b.append("… (").append(sorted.size() - SHOWN).append(" more)]").toString();
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static List<String> minus(Collection<String> a, Set<String> b) {
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
