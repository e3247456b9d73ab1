/** The fake ESS's protocol behaviour, shared by the WebSocket gateway and the in-memory transport; not exported. */
package dev.auraxium.testkit.internal.ess;
