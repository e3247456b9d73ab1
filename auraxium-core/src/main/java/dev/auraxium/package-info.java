/**
 * The root of the library: {@link dev.auraxium.AuraxiumException}, the superclass of every
 * exception the library throws for a failure of the service, the network or the data. It sits
 * here, below every other package, so that events, the protocol, the transports and the client can
 * all extend it without depending on each other.
 *
 * <p>The other packages: {@code dev.auraxium.event} (typed events and triggers),
 * {@code dev.auraxium.protocol} (the ESS messages and codec), {@code dev.auraxium.transport} (the
 * WebSocket transport SPI) and {@code dev.auraxium.client} (the {@code EventClient}).
 */
package dev.auraxium;
