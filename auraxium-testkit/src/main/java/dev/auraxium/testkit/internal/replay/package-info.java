/**
 * Recordings and streams of the test kit: the line format of recording files, the replay thread
 * behind a replay handle, and the frame factory behind synthetic streams. Internal: not exported.
 */
package dev.auraxium.testkit.internal.replay;
