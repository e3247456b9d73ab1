package dev.auraxium.event;

import dev.auraxium.AuraxiumException;
import java.util.Objects;

/**
 * A trigger's condition or action threw. The client hands this to its error handler and goes on
 * with the next trigger and the next event; nothing else is affected.
 */
public final class TriggerActionException extends AuraxiumException {
    private static final long serialVersionUID = 1L;

    private final transient Trigger<?> trigger;
    private final transient Event event;

    /**
     * @param message what failed
     * @param trigger the trigger whose code threw
     * @param event the event it was given
     * @param cause what it threw
     */
    public TriggerActionException(String message, Trigger<?> trigger, Event event, Throwable cause) {
        super(message, cause);
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.event = Objects.requireNonNull(event, "event");
    }

    /** @return the trigger whose condition or action threw */
    public Trigger<?> trigger() {
        return trigger;
    }

    /** @return the event it was running for */
    public Event event() {
        return event;
    }
}
