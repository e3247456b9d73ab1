package dev.auraxium.testkit.internal.ess;

import dev.auraxium.event.Environment;
import dev.auraxium.internal.command.ReceivedCommand;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.Heartbeat;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import dev.auraxium.testkit.EssFlavour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What differs between the flavours of the ESS, as {@link EssFlavour} documents it: how replies
 * and heartbeats are written, which commands are ignored, when the first heartbeat comes. Stateless.
 */
public final class FlavourRules {
    /** NSS's limit on each list of a command and on each subscription set. */
    public static final int NSS_MAX_ENTRIES = 500;
    /** The {@code environment} value NSS accepts for every world on one connection. */
    public static final String ALL_ENVIRONMENTS = "all";
    private static final Duration NSS_FIRST_HEARTBEAT = Duration.ofSeconds(5);
    private static final List<String> LIST_FIELDS = List.of("eventNames", "characters", "worlds");
    private static final EssCodec CODEC = EssCodec.standard();
    /** How the codec ends every heartbeat. */
    private static final String HEARTBEAT_TAIL = ",\"service\":\"event\",\"type\":\"heartbeat\"}";

    private FlavourRules() {
    }

    /**
     * The subscription reply, both shapes: characters listed when the set holds "all" or the
     * request asked for the list, else counted.
     *
     * @param flavour whose rendering
     * @param sub the connection's whole subscription
     * @param listCharacters whether the request had {@code list_characters} true
     * @return the frame text
     */
    public static String subscriptionReply(EssFlavour flavour, Subscription sub, boolean listCharacters) {
        boolean list = listCharacters || sub.characters().contains(Subscription.ALL);
        Optional<List<String>> characters = list
                ? Optional.of(flavour == EssFlavour.NSS ? List.of(Subscription.ALL) : order(flavour, sub.characters()))
                : Optional.empty();
        return CODEC.encode(new SubscriptionReply(characters,
                list ? OptionalInt.empty() : OptionalInt.of(sub.characters().size()), order(flavour, sub.eventNames()),
                Optional.of(sub.logicalAndCharactersWithWorlds()), order(flavour, sub.worlds())));
    }

    /**
     * A heartbeat in the flavour's key order: the codec writes {@code online}, then
     * {@code service} and {@code type}; the timestamp goes after {@code service} for Daybreak and
     * before it for NSS.
     *
     * @param flavour whose rendering
     * @param online the connection's endpoints, in configured order
     * @param timestamp the server time, or empty for the pre-2023 shape
     * @return the frame text
     */
    public static String heartbeat(EssFlavour flavour, Map<String, Boolean> online, Optional<Instant> timestamp) {
        Map<String, Boolean> endpoints = flavour == EssFlavour.DAYBREAK ? new TreeMap<>(online) : online;
        String untimed = CODEC.encode(new Heartbeat(endpoints, Optional.empty()));
        if (timestamp.isEmpty()) {
            return untimed;
        }
        String ts = ",\"timestamp\":\"" + timestamp.get().getEpochSecond() + "\"";
        String head = untimed.substring(0, untimed.length() - HEARTBEAT_TAIL.length());
        return flavour == EssFlavour.NSS ? head + ts + HEARTBEAT_TAIL
                : head + ",\"service\":\"event\"" + ts + ",\"type\":\"heartbeat\"}";
    }

    /**
     * The order a flavour writes a set in: insertion order for NSS; for Daybreak a fixed order
     * that depends only on the elements (a mixed hash, then the text), neither insertion order nor
     * sorted, so a client that relies on either breaks in tests.
     */
    static List<String> order(EssFlavour flavour, Collection<String> elements) {
        List<String> out = new ArrayList<>(elements);
        if (flavour == EssFlavour.DAYBREAK) {
            out.sort(Comparator.comparingInt(FlavourRules::mix).thenComparing(Comparator.naturalOrder()));
        }
        return out;
    }

    private static int mix(String s) {
        int h = s.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    /**
     * Whether a flavour ignores this {@code subscribe} or {@code clearSubscribe} as a whole,
     * without a reply: NSS's validation (lists at most 500 entries; flags JSON booleans or
     * {@code "true"}/{@code "false"} strings, not {@code 1}/{@code 0}). A list that is not a JSON
     * array never gets here: the codec does not decode such a command, and no flavour answers it.
     * Daybreak's limits are not known: nothing is ignored. Other commands are never ignored.
     *
     * @param flavour the flavour
     * @param received the command and how it was written
     * @return the reason it is ignored, or empty when it is handled
     */
    public static Optional<String> ignoredCommand(EssFlavour flavour, ReceivedCommand received) {
        if (flavour != EssFlavour.NSS) {
            return Optional.empty();
        }
        List<Optional<List<String>>> lists; // in the order of LIST_FIELDS
        if (received.command() instanceof Subscribe s) {
            lists = List.of(s.eventNames(), s.characters(), s.worlds());
        } else if (received.command() instanceof ClearSubscribe c) {
            lists = List.of(c.eventNames(), c.characters(), c.worlds());
        } else {
            return Optional.empty();
        }
        for (int i = 0; i < lists.size(); i++) {
            int size = lists.get(i).map(List::size).orElse(0);
            if (size > NSS_MAX_ENTRIES) {
                return Optional.of(LIST_FIELDS.get(i) + " has " + size + " entries, more than " + NSS_MAX_ENTRIES);
            }
        }
        return received.numericFlag().map(flag -> flag + ", not a boolean");
    }

    /**
     * @param flavour the flavour
     * @return the most entries a subscription set holds; further additions are dropped
     */
    public static int maxSetSize(EssFlavour flavour) {
        return flavour == EssFlavour.NSS ? NSS_MAX_ENTRIES : Integer.MAX_VALUE;
    }

    /**
     * The {@code environment} query value a flavour uses when the request has none.
     *
     * @param flavour the flavour
     * @return NSS's default {@code ps2}, or empty when the request is refused (Daybreak)
     */
    public static Optional<String> defaultEnvironment(EssFlavour flavour) {
        return flavour == EssFlavour.NSS ? Optional.of(Environment.PS2.wireName()) : Optional.empty();
    }

    /**
     * @param flavour the flavour
     * @return whether {@code environment=all} is accepted
     */
    public static boolean acceptsAllEnvironments(EssFlavour flavour) {
        return flavour == EssFlavour.NSS;
    }

    /**
     * The delay from connecting to a connection's first heartbeat, when the builder did not fix it.
     *
     * @param flavour the flavour
     * @param interval the heartbeat period
     * @param phase Daybreak's node phase, in [0, interval)
     * @param sinceStart how long the server has been running
     * @return NSS: 5 s (a sixth of a shorter interval); Daybreak: until the node's next tick
     */
    public static Duration firstHeartbeat(EssFlavour flavour, Duration interval, Duration phase, Duration sinceStart) {
        if (flavour == EssFlavour.NSS) {
            Duration sixth = interval.dividedBy(6);
            return sixth.compareTo(NSS_FIRST_HEARTBEAT) < 0 ? sixth : NSS_FIRST_HEARTBEAT;
        }
        long every = interval.toNanos();
        long wait = Math.floorMod(phase.toNanos() - sinceStart.toNanos(), every);
        return Duration.ofNanos(wait);
    }

    /**
     * Whether an endpoint is reported to connections of an environment: when the world id in its
     * name belongs to that environment, or to none of them (an old or unknown world, reported
     * everywhere, as one backend node kept reporting a closed world).
     *
     * @param endpoint e.g. {@code EventServerEndpoint_Ceres_2000} or {@code EventServerEndpoint_2000_Ceres}
     * @param environment the connection's environment
     * @return whether to report it
     */
    public static boolean endpointIn(String endpoint, Environment environment) {
        OptionalInt world = worldId(endpoint);
        if (world.isEmpty() || environment.worlds().contains(world.getAsInt())) {
            return true;
        }
        for (Environment other : Environment.values()) {
            if (other != environment && other.worlds().contains(world.getAsInt())) {
                return false;
            }
        }
        return true;
    }

    /** The first run of digits in an endpoint name: either PS4 form gives the world id. */
    static OptionalInt worldId(String endpoint) {
        int i = 0;
        int n = endpoint.length();
        while (i < n && !Character.isDigit(endpoint.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < n && Character.isDigit(endpoint.charAt(i)) && i - start < 9) {
            i++;
        }
        return start == i ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(endpoint.substring(start, i)));
    }
}
