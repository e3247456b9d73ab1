/** The test kit's own RFC 6455 WebSocket server (handshake, framing, batching writer); internal, not exported. */
package dev.auraxium.testkit.internal.ws;
