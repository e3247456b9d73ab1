/**
 * The working parts of the {@code EventClient}, one role each: its immutable configuration
 * ({@link dev.auraxium.internal.session.ClientConfig}), the session that wires them under one lock
 * ({@link dev.auraxium.internal.session.ClientSession}), the trigger registry, the frame intake
 * (fast path, decode, deduplication, demand), each connection's subscription agreement without
 * I/O ({@link dev.auraxium.internal.session.SubscriptionSync}), the watchdog rules, the metrics
 * behind {@code ClientStats}, and the error and event reporting. Internal: not exported.
 */
package dev.auraxium.internal.session;
