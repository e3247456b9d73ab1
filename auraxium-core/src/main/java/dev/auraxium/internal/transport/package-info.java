/** Transport discovery and the connection supervisor (the seam for reconnect policy). Internal: not exported. */
package dev.auraxium.internal.transport;
