package dev.auraxium.event;

import dev.auraxium.internal.text.EditDistance;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The event names this version knows, and the one rule that {@link Trigger#on(String, String...)}
 * and the command line's {@code --events} apply to a name a user typed.
 *
 * <p>A name is <em>valid</em> when it is one of {@link #known()} (exactly, case included, as the
 * service compares names), or {@code GainExperience_experience_id_<N>} with {@code N} a
 * non-negative number. Anything else is most likely a typo ({@code "Deaht"}), which would subscribe
 * to nothing and never match: {@link #check(String)} refuses it and names the closest known name.
 * An event that the service added after this version is still reachable, on purpose:
 * {@link Trigger#onUnlisted(String, String...)} takes any name, and such events arrive as
 * {@link UnknownEvent}.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventNames {
    private static final List<String> KNOWN = List.of(AchievementEarned.NAME, BattleRankUp.NAME,
            ContinentLock.NAME, Death.NAME, FacilityControl.NAME, FishScan.NAME, GainExperience.NAME,
            ItemAdded.NAME, MetagameEvent.NAME, PlayerFacilityCapture.NAME, PlayerFacilityDefend.NAME,
            PlayerLogin.NAME, PlayerLogout.NAME, SkillAdded.NAME, VehicleDestroy.NAME);
    private static final String FILTER_PATTERN = GainExperience.FILTER_PREFIX + "<N>";

    private EventNames() {
    }

    /**
     * @return the wire names of the events this version decodes to their own types, in
     *     alphabetical order; unmodifiable
     */
    public static List<String> known() {
        return KNOWN;
    }

    /**
     * Checks a name a user gave for a trigger.
     *
     * @param name an event name or a {@code GainExperience_experience_id_<N>} filter name
     * @return the name, unchanged
     * @throws IllegalArgumentException naming the closest known name (e.g. "did you mean Death?")
     *     and {@link Trigger#onUnlisted(String, String...)} for a name this version does not know;
     *     or for a filter name whose {@code N} is not a non-negative number
     */
    public static String check(String name) {
        Objects.requireNonNull(name, "event name must not be null");
        if (KNOWN.contains(name)) {
            return name;
        }
        if (name.startsWith(GainExperience.FILTER_PREFIX)) {
            String id = name.substring(GainExperience.FILTER_PREFIX.length());
            try {
                int n = Integer.parseInt(id);
                if (n >= 0 && Integer.toString(n).equals(id)) {
                    return name;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("bad experience id '" + id + "' in event name '" + name
                    + "': expected " + FILTER_PATTERN + " with N a non-negative number without leading zeros, such as 7");
        }
        throw new IllegalArgumentException("unknown event name '" + name + "'"
                + closest(name).map(c -> ": did you mean " + c + "?").orElse(".")
                + " Known names: " + String.join(", ", KNOWN) + ", " + FILTER_PATTERN
                + ". To subscribe to an event this version does not list yet, use Trigger.onUnlisted(\""
                + name + "\") (it arrives as an UnknownEvent)");
    }

    /**
     * The known name (or {@code GainExperience_experience_id_<N>} form) nearest to a mistyped one:
     * the same letters in another case, or few letters added, dropped, changed or swapped.
     *
     * @param name any text
     * @return the closest known name, or empty when none is close enough to be a likely typo
     */
    public static Optional<String> closest(String name) {
        Objects.requireNonNull(name, "name");
        if (name.length() > 200) {
            return Optional.empty(); // no event name is that long; spare the quadratic comparison
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String prefix = GainExperience.FILTER_PREFIX.toLowerCase(Locale.ROOT);
        if (lower.startsWith(prefix)) {
            return Optional.of(GainExperience.FILTER_PREFIX + name.substring(prefix.length()));
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KNOWN) {
            int d = EditDistance.between(lower, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // A typo keeps most of the word: at most a third of the letters (and at least 2) may differ.
        int allowed = Math.max(2, Math.max(lower.length(), best.length()) / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }
}
