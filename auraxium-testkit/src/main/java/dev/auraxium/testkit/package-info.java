/** FakeEssServer, recordings, replay and synthetic streams: test against something that behaves like the ESS. */
package dev.auraxium.testkit;
