/** JUnit 5 glue: a {@code FakeEssServer} extension and an event recorder with timed assertions. */
package dev.auraxium.testkit.junit;
