package dev.auraxium.client;

import dev.auraxium.AuraxiumException;

/**
 * No ESS transport could be found or chosen when an {@link EventClient} was built: none is on the
 * class or module path (add {@code dev.auraxium:auraxium-transport-jdk}), or the
 * {@code auraxium.transport} system property names one that is not there. The message says which,
 * and lists what was found.
 */
public final class NoTransportException extends AuraxiumException {
    private static final long serialVersionUID = 1L;

    /** @param message what was missing and how to fix it */
    public NoTransportException(String message) {
        super(message);
    }
}
