/**
 * A client command as a server receives it: what the test kit's fake server needs to answer a command
 * the way each real server does, from one decode by the core codec. Internal: exported to the test
 * kit alone, not part of the public API.
 */
package dev.auraxium.internal.command;
