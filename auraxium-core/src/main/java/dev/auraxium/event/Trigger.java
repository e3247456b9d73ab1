package dev.auraxium.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What to do when an event of interest arrives: which events (by class, wire name or
 * {@link GainExperience#filterExperience(int) experience filter}), for which characters and worlds,
 * under which conditions, and the action to run.
 *
 * <pre>{@code
 * Trigger<Death> headshots = Trigger.on(Death.class)
 *         .worlds(10, 13)
 *         .when(Death::isHeadshot)
 *         .name("headshots")
 *         .action(d -> System.out.println(d.attackerCharacterId() + " -> " + d.characterId()))
 *         .build();
 * Trigger<Event> logins = Trigger.on("PlayerLogin", GainExperience.filterExperience(7)).action(e -> { }).build();
 * }</pre>
 *
 * <h2>Event names</h2>
 * {@link #on(String, String...)} takes the names this version knows ({@link EventNames#known()}),
 * {@code GainExperience_experience_id_<N>} and {@code all}, and refuses anything else with the
 * closest known name ({@code Trigger.on("Deaht")}: "did you mean Death?"), because a mistyped name
 * would silently never match. To reach an event the service added after this version, name it
 * explicitly with {@link #onUnlisted(String, String...)}: such events arrive as
 * {@link UnknownEvent}.
 *
 * <h2>Matching: {@link #check(Event)}</h2>
 * An event matches when all of these hold, in this order:
 * <ol>
 *   <li><b>type</b>: the event is an instance of one of the named classes (so a supertype matches
 *       all its subtypes: {@code Event.class} matches every event, unknown ones included;
 *       {@code CharacterEvent.class} every character event), or its wire name is one of the named
 *       strings (this is how an {@link UnknownEvent} is matched), or it is a {@link GainExperience}
 *       whose {@code GainExperience_experience_id_<id>} filter name is named;</li>
 *   <li><b>characters</b> (when any are given): the event's {@code character_id}, or for
 *       {@link Death} and {@link VehicleDestroy} also the {@code attacker_character_id}, is one of
 *       them; an event without a character (a pure {@link WorldEvent}) never matches a character
 *       filter; an {@link UnknownEvent} is matched by its {@code character_id} field;</li>
 *   <li><b>worlds</b> (when any are given): the event's world is one of them;</li>
 *   <li><b>conditions</b>: every condition, in order, accepts the event.</li>
 * </ol>
 *
 * <h2>Lifecycle and threading</h2>
 * A trigger's configuration is immutable and it may be shared between threads. It belongs to at
 * most one {@link dev.auraxium.client.EventClient} at a time (its {@link #name()} is unique per
 * client). The only mutable state is {@link #lastRun()}, a volatile value set each time the action runs. Conditions
 * and the action run on the client's dispatch thread (or its action executor); see
 * {@link dev.auraxium.client.EventClient}.
 *
 * @param <E> the event type its conditions and action receive, and that
 *     {@link dev.auraxium.client.EventClient#waitFor} completes with: the class given to
 *     {@link #on(Class)}, or {@link Event} for triggers on names or several classes
 */
public final class Trigger<E extends Event> {
    private static final AtomicLong DEFAULT_NAME_SEQUENCE = new AtomicLong();
    private static final long NEVER = Long.MIN_VALUE;

    private final Set<Class<? extends Event>> eventTypes;
    private final Set<String> eventNames;
    private final Set<Long> characters;
    private final Set<Integer> worlds;
    private final List<Predicate<Object>> conditions;
    private final Consumer<Object> action;
    private final String name;
    private final boolean singleShot;
    /** Epoch millis of the last run, or {@link #NEVER}: a long, so a run allocates nothing. */
    private volatile long lastRunMillis = NEVER;

    private Trigger(Set<Class<? extends Event>> eventTypes, Set<String> eventNames, Set<Long> characters,
            Set<Integer> worlds, List<Predicate<Object>> conditions, Consumer<Object> action, String name,
            boolean singleShot) {
        this.eventTypes = eventTypes;
        this.eventNames = eventNames;
        this.characters = characters;
        this.worlds = worlds;
        this.conditions = conditions;
        this.action = action;
        this.name = name;
        this.singleShot = singleShot;
    }

    /**
     * Starts a trigger on one event class; conditions and the action are typed to it.
     *
     * @param type an event class; a supertype ({@link Event}, {@link CharacterEvent},
     *     {@link WorldEvent}, ...) matches all its subtypes
     * @param <E> the event type
     * @return a builder
     */
    public static <E extends Event> Builder<E> on(Class<E> type) {
        Objects.requireNonNull(type, "type");
        return new Builder<>(Set.of(type), Set.of());
    }

    /**
     * Starts a trigger on several event classes.
     *
     * @param first an event class
     * @param more more event classes
     * @return a builder of untyped conditions and action
     */
    @SafeVarargs
    public static Builder<Event> onAny(Class<? extends Event> first, Class<? extends Event>... more) {
        Set<Class<? extends Event>> types = new LinkedHashSet<>();
        types.add(Objects.requireNonNull(first, "first"));
        for (Class<? extends Event> c : more) {
            types.add(Objects.requireNonNull(c, "event class must not be null"));
        }
        return new Builder<>(types, Set.of());
    }

    /**
     * Starts a trigger on wire names: names this version knows ({@link EventNames#known()}, exactly
     * as written there), {@code GainExperience_experience_id_<N>} filter names, and {@code all}
     * (every event, as {@code on(Event.class)}).
     *
     * @param first a wire name
     * @param more more wire names
     * @return a builder of untyped conditions and action
     * @throws IllegalArgumentException for a name this version does not know, naming the closest
     *     known one; use {@link #onUnlisted(String, String...)} for an event newer than this version
     */
    public static Builder<Event> on(String first, String... more) {
        Set<Class<? extends Event>> types = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        addName(first, types, names);
        for (String s : more) {
            addName(s, types, names);
        }
        return new Builder<>(types, names);
    }

    private static void addName(String name, Set<Class<? extends Event>> types, Set<String> names) {
        Objects.requireNonNull(name, "event name must not be null");
        if (name.equalsIgnoreCase("all")) {
            types.add(Event.class);
        } else {
            names.add(EventNames.check(name));
        }
    }

    /**
     * Starts a trigger on event names that this version does not list, such as an event the
     * service added later: the names are taken as given, without the typo check of
     * {@link #on(String, String...)}. The client subscribes them like any name; such events arrive
     * as {@link UnknownEvent}, whose {@link UnknownEvent#fields()} keep every payload field. (A
     * known name is accepted too and behaves as with {@code on}.)
     *
     * @param first a wire name, e.g. {@code "NewEvent"}
     * @param more more wire names
     * @return a builder of untyped conditions and action
     * @throws IllegalArgumentException for a blank name or {@code "all"} (use {@code Event.class})
     */
    public static Builder<Event> onUnlisted(String first, String... more) {
        Set<String> names = new LinkedHashSet<>();
        names.add(checkName(first));
        for (String s : more) {
            names.add(checkName(s));
        }
        return new Builder<>(Set.of(), names);
    }

    /**
     * Starts a trigger on GainExperience events of the given experience ids only; the client
     * subscribes their {@code GainExperience_experience_id_<N>} filters, not every GainExperience.
     *
     * @param experienceIds one or more experience ids, not negative
     * @return a builder typed to {@link GainExperience}
     */
    public static Builder<GainExperience> onExperience(int... experienceIds) {
        if (experienceIds.length == 0) {
            throw new IllegalArgumentException("onExperience needs at least one experience id");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int id : experienceIds) {
            names.add(GainExperience.filterExperience(id));
        }
        return new Builder<>(Set.of(), names);
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "event name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("event name must not be blank, was '" + name + "'");
        }
        if (name.equalsIgnoreCase("all")) {
            throw new IllegalArgumentException("event name 'all' is not a trigger type: use Trigger.on(Event.class)");
        }
        return name;
    }

    /**
     * Whether this trigger accepts the event; see the class documentation for the rules.
     * Conditions run on the calling thread.
     *
     * @param event an event
     * @return true when the type, characters, worlds and every condition accept it
     */
    public boolean check(Event event) {
        Objects.requireNonNull(event, "event");
        return matchesType(event) && matchesCharacters(event) && matchesWorlds(event) && matchesConditions(event);
    }

    /**
     * @param event an event
     * @return whether the event's type (class, wire name or experience filter) is one this trigger names
     */
    public boolean matchesType(Event event) {
        for (Class<? extends Event> t : eventTypes) {
            if (t.isInstance(event)) {
                return true;
            }
        }
        if (eventNames.isEmpty()) {
            return false;
        }
        return eventNames.contains(event.eventName())
                || event instanceof GainExperience g && eventNames.contains(g.filterName());
    }

    private boolean matchesCharacters(Event event) {
        if (characters.isEmpty()) {
            return true;
        }
        if (event instanceof AttackerEvent a) {
            return characters.contains(a.characterId()) || characters.contains(a.attackerCharacterId());
        }
        if (event instanceof CharacterEvent c) {
            return characters.contains(c.characterId());
        }
        if (event instanceof UnknownEvent u) {
            return u.characterId().map(characters::contains).orElse(false);
        }
        return false;
    }

    private boolean matchesWorlds(Event event) {
        return worlds.isEmpty() || worlds.contains(event.worldId());
    }

    private boolean matchesConditions(Event event) {
        for (Predicate<Object> c : conditions) {
            if (!c.test(event)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the action on the calling thread (without checking the event) and records
     * {@link #lastRun()}. A trigger without an action only records the time.
     *
     * @param event the event, which must be of a type this trigger names
     * @throws ClassCastException if the event is not of the trigger's typed class
     */
    public void run(Event event) {
        lastRunMillis = System.currentTimeMillis();
        if (action != null) {
            action.accept(event);
        }
    }

    /** @return the event classes this trigger names; unmodifiable */
    public Set<Class<? extends Event>> eventTypes() {
        return eventTypes;
    }

    /** @return the wire names and experience filter names this trigger names; unmodifiable */
    public Set<String> eventNames() {
        return eventNames;
    }

    /** @return the character filter, empty for any character; unmodifiable */
    public Set<Long> characters() {
        return characters;
    }

    /** @return the world filter, empty for any world; unmodifiable */
    public Set<Integer> worlds() {
        return worlds;
    }

    /** @return the name, unique per client */
    public String name() {
        return name;
    }

    /** @return whether the client removes the trigger when it first matches, before the action runs */
    public boolean isSingleShot() {
        return singleShot;
    }

    /** @return whether an action was given */
    public boolean hasAction() {
        return action != null;
    }

    /** @return when the action last started (to the millisecond), or empty if it never ran */
    public Optional<Instant> lastRun() {
        long t = lastRunMillis;
        return t == NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t));
    }

    /**
     * A copy of this trigger with another action: the same name, events, filters, conditions and
     * single-shot flag ({@code EventClient.waitFor} registers such copies). The copy has this
     * trigger's name, so a client that holds one of the two cannot register the other.
     *
     * @param newAction the copy's action
     * @return the copy
     */
    @SuppressWarnings("unchecked")
    public Trigger<E> withAction(Consumer<? super E> newAction) {
        Consumer<Object> a = (Consumer<Object>) (Consumer<?>) Objects.requireNonNull(newAction, "newAction");
        return new Trigger<>(eventTypes, eventNames, characters, worlds, conditions, a, name, singleShot);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Trigger[").append(name).append(": ");
        List<String> what = new ArrayList<>();
        eventTypes.forEach(c -> what.add(c.getSimpleName()));
        what.addAll(eventNames);
        sb.append(String.join(", ", what));
        if (!characters.isEmpty()) {
            sb.append("; characters ").append(characters.size() <= 5 ? characters : characters.size() + " ids");
        }
        if (!worlds.isEmpty()) {
            sb.append("; worlds ").append(worlds);
        }
        if (!conditions.isEmpty()) {
            sb.append("; ").append(conditions.size()).append(" condition(s)");
        }
        if (singleShot) {
            sb.append("; single-shot");
        }
        return sb.append(']').toString();
    }

    /**
     * Builds a {@link Trigger}. Not thread-safe; each setter checks its argument and names a bad
     * value.
     *
     * @param <E> the type conditions and the action receive
     */
    public static final class Builder<E extends Event> {
        private final Set<Class<? extends Event>> eventTypes;
        private final Set<String> eventNames;
        private final Set<Long> characters = new LinkedHashSet<>();
        private final Set<Integer> worlds = new LinkedHashSet<>();
        private final List<Predicate<Object>> conditions = new ArrayList<>();
        private Consumer<Object> action;
        private String name;
        private boolean singleShot;

        private Builder(Set<Class<? extends Event>> eventTypes, Set<String> eventNames) {
            this.eventTypes = new LinkedHashSet<>(eventTypes);
            this.eventNames = new LinkedHashSet<>(eventNames);
        }

        /**
         * Adds characters to the filter (the filter is empty, meaning any character, by default).
         *
         * @param characterIds character ids, positive
         * @return this builder
         */
        public Builder<E> characters(long... characterIds) {
            for (long id : characterIds) {
                if (id <= 0) {
                    throw new IllegalArgumentException("character id must be positive, was " + id);
                }
                characters.add(id);
            }
            return this;
        }

        /**
         * Adds characters to the filter.
         *
         * @param characterIds character ids, positive
         * @return this builder
         */
        public Builder<E> characters(Iterable<Long> characterIds) {
            for (Long id : characterIds) {
                characters(Objects.requireNonNull(id, "character id must not be null"));
            }
            return this;
        }

        /**
         * Adds worlds to the filter (empty, meaning any world, by default).
         *
         * @param worldIds world ids, positive
         * @return this builder
         */
        public Builder<E> worlds(int... worldIds) {
            for (int id : worldIds) {
                if (id <= 0) {
                    throw new IllegalArgumentException("world id must be positive, was " + id);
                }
                worlds.add(id);
            }
            return this;
        }

        /**
         * Adds a condition; all conditions must accept an event, in the order added.
         *
         * @param condition a side-effect-free predicate
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public Builder<E> when(Predicate<? super E> condition) {
            conditions.add((Predicate<Object>) (Predicate<?>) Objects.requireNonNull(condition, "condition"));
            return this;
        }

        /**
         * Sets the action (optional: a trigger without one only records {@link #lastRun()}, which
         * suits {@link dev.auraxium.client.EventClient#waitFor}).
         *
         * @param action what to run for each matching event
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public Builder<E> action(Consumer<? super E> action) {
            this.action = (Consumer<Object>) (Consumer<?>) Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * Sets the name, unique per client. By default a name is derived from the event types and
         * a sequence number, e.g. {@code "Death#3"}.
         *
         * @param name a non-blank name
         * @return this builder
         */
        public Builder<E> name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("trigger name must not be blank, was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * @param singleShot whether the client removes the trigger on its first match (default false)
         * @return this builder
         */
        public Builder<E> singleShot(boolean singleShot) {
            this.singleShot = singleShot;
            return this;
        }

        /** @return the trigger */
        public Trigger<E> build() {
            String n = name;
            if (n == null) {
                List<String> parts = new ArrayList<>();
                eventTypes.forEach(c -> parts.add(c.getSimpleName()));
                parts.addAll(eventNames);
                n = String.join("+", parts) + "#" + DEFAULT_NAME_SEQUENCE.incrementAndGet();
            }
            return new Trigger<>(Collections.unmodifiableSet(new LinkedHashSet<>(eventTypes)),
                    Collections.unmodifiableSet(new LinkedHashSet<>(eventNames)),
                    Collections.unmodifiableSet(new LinkedHashSet<>(characters)),
                    Collections.unmodifiableSet(new LinkedHashSet<>(worlds)),
                    List.copyOf(conditions), action, n, singleShot);
        }
    }
}
