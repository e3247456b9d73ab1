/**
 * The ESS wire messages in both directions and {@link dev.auraxium.protocol.EssCodec}, text to message and back.
 *
 * <p>What the library knows of the protocol (connecting, the message kinds, the commands, how the
 * server keeps and matches a subscription, the wire format of events, the live service's known
 * failures, and how Daybreak's server and NSS differ) is written up in
 * <a href="doc-files/ess-protocol.html">The ESS protocol</a>.
 */
package dev.auraxium.protocol;
