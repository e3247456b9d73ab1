/** The ESS wire messages in both directions and {@link dev.auraxium.protocol.EssCodec}, text to message and back. */
package dev.auraxium.protocol;
