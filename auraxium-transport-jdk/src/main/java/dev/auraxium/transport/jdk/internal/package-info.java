/** Internals of the JDK transport: the connection, listener sequencing and failure mapping. Not exported. */
package dev.auraxium.transport.jdk.internal;
