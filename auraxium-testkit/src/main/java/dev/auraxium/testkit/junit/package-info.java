/**
 * JUnit Jupiter glue, for Jupiter 5.10 and later, 6.x included: a {@code FakeEssServer} extension
 * and an event recorder with timed assertions.
 */
package dev.auraxium.testkit.junit;
