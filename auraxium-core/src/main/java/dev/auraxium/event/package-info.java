/**
 * The typed ESS events ({@link dev.auraxium.event.Event} and its records, with builders), the
 * {@link dev.auraxium.event.Trigger}s that select them, and worlds, zones and environments. Plain
 * values: this package depends on nothing in the library but the root exception, so events can be
 * built, matched and tested without a client; the client that delivers them is in
 * {@code dev.auraxium.client}.
 */
package dev.auraxium.event;
