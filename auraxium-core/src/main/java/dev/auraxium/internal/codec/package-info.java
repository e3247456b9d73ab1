/**
 * The ESS codec behind {@code dev.auraxium.protocol.EssCodec}. Decoding has three paths, each
 * for what it does best: {@code EventFrameScanner} reads the compact event frames that are nearly
 * all of the live traffic straight from the characters, and hands anything it cannot read whole
 * to {@code EssDecoder}, which streams every other frame through Jackson's parser (and owns every
 * error message); both fill the same {@code PayloadSlots}, from which {@code EventAssembler} builds
 * the typed event. Only rare frames (unknown events, echoed payloads) take the slow path, a Jackson
 * tree ({@code Trees}). A client command comes only from the general path, which also notes how
 * its service and flags were written, for {@code dev.auraxium.internal.command.ReceivedCommand}.
 * {@code EssEncoder} writes frames the way the live service does.
 * Internal: not exported.
 */
package dev.auraxium.internal.codec;
