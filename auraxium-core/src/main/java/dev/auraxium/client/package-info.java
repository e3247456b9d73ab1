/**
 * The client of the Event Streaming Service: {@link dev.auraxium.client.EventClient}, its settings
 * and builder, the {@link dev.auraxium.client.ClientStats} snapshot, and what its
 * {@link dev.auraxium.client.ConnectionListener} hears ({@link dev.auraxium.client.ConnectionEvent},
 * {@link dev.auraxium.client.ConnectionCause}).
 *
 * <p>This package sits on top of the others: it uses the events and triggers of
 * {@code dev.auraxium.event}, the messages of {@code dev.auraxium.protocol} and the transports of
 * {@code dev.auraxium.transport}, and none of them uses it.
 */
package dev.auraxium.client;
