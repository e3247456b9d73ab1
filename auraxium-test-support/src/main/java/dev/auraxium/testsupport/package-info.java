/**
 * Helpers shared by the modules' own tests (not published): {@link dev.auraxium.testsupport.Await}
 * waits for a condition that another thread makes true.
 */
package dev.auraxium.testsupport;
