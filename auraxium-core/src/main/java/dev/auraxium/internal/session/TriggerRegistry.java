package dev.auraxium.internal.session;

import dev.auraxium.event.Trigger;
import dev.auraxium.internal.dispatch.Registration;
import dev.auraxium.internal.dispatch.TriggerIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registered triggers by name, in registration order, and the dispatch index over them. Not
 * thread-safe: the client calls it under its lock (the index itself is safe to read from the
 * dispatch thread).
 */
final class TriggerRegistry {
    private final LinkedHashMap<String, Registration> triggers = new LinkedHashMap<>();
    private final TriggerIndex index = new TriggerIndex();
    private long seq;

    TriggerIndex index() {
        return index;
    }

    int size() {
        return triggers.size();
    }

    boolean isEmpty() {
        return triggers.isEmpty();
    }

    /** @throws IllegalArgumentException when a trigger of that name is registered */
    void checkFree(String name) {
        if (triggers.containsKey(name)) {
            throw new IllegalArgumentException("a trigger named '" + name + "' is already registered; names are unique per client");
        }
    }

    /**
     * @param batch triggers to register together
     * @param twiceMessage the error for a name used twice in the batch, {@code {}} standing for it
     * @throws IllegalArgumentException when a name is registered or used twice in the batch
     */
    void checkFree(List<? extends Trigger<?>> batch, String twiceMessage) {
        Set<String> names = new HashSet<>();
        for (Trigger<?> t : batch) {
            checkFree(t.name());
            if (!names.add(t.name())) {
                throw new IllegalArgumentException(twiceMessage.replace("{}", t.name()));
            }
        }
    }

    /** @return the registration of a trigger that runs {@code t} and is known to users as {@code origin} */
    Registration register(Trigger<?> t, Trigger<?> origin) {
        Registration r = new Registration(t, origin, ++seq);
        triggers.put(t.name(), r);
        index.add(r);
        return r;
    }

    /** @return the registration of that name, or null */
    Registration get(String name) {
        return triggers.get(name);
    }

    /** @return whether {@code r} was registered (and is now removed and deactivated) */
    boolean remove(Registration r) {
        if (triggers.get(r.trigger().name()) != r) {
            return false;
        }
        triggers.remove(r.trigger().name());
        index.remove(r);
        r.deactivate();
        return true;
    }

    /** @return the triggers as users gave them, in registration order */
    List<Trigger<?>> origins() {
        List<Trigger<?>> out = new ArrayList<>(triggers.size());
        triggers.values().forEach(r -> out.add(r.origin()));
        return Collections.unmodifiableList(out);
    }

    /** @return the triggers as registered (a waitFor trigger with its replaced action), for the planner */
    List<Trigger<?>> registered() {
        List<Trigger<?>> out = new ArrayList<>(triggers.size());
        triggers.values().forEach(r -> out.add(r.trigger()));
        return out;
    }

    Optional<Trigger<?>> origin(String name) {
        Registration r = triggers.get(name);
        return r == null ? Optional.empty() : Optional.of(r.origin());
    }
}
