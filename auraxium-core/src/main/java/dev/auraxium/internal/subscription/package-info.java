/** The subscription planner: one subscription derived from all triggers, diffs against the server's copy, and the server's merge rules. Internal: not exported. */
package dev.auraxium.internal.subscription;
