/**
 * What recordings and synthetic streams are made of, behind the test kit's public {@code Recording},
 * {@code SyntheticStream} and replay handles: the line format of recording files, the synthetic frame
 * factory and the thread that replays frames on time. Internal: not exported, no compatibility promise.
 */
package dev.auraxium.testkit.internal.replay;
