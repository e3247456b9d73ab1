/** The test kit's test-only TLS certificate and the contexts built from it; not exported. */
package dev.auraxium.testkit.internal.tls;
