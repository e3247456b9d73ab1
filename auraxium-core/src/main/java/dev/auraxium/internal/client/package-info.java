/**
 * Client plumbing: the seams of time ({@code Timers}) and of the codec ({@code FrameCodec}) that
 * tests replace. Internal: not exported.
 */
package dev.auraxium.internal.client;
