/**
 * Helpers shared by the modules' own tests (not published): {@link dev.auraxium.testsupport.Await}
 * waits for a condition that another thread makes true; {@link dev.auraxium.testsupport.TextMessages}
 * collects the text messages a JDK WebSocket client receives.
 */
package dev.auraxium.testsupport;
