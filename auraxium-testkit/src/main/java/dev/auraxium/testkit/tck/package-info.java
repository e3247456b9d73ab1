/** The transport contract test (TCK) that every {@code dev.auraxium.transport.Transport} extends. */
package dev.auraxium.testkit.tck;
