/** The ESS transport on {@code java.net.http.WebSocket}. */
package dev.auraxium.transport.jdk;
