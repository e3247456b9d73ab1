/** JMH benchmarks. */
package dev.auraxium.bench;
