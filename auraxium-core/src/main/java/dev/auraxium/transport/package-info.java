/** The transport SPI: how the client opens WebSocket connections without depending on one implementation. */
package dev.auraxium.transport;
