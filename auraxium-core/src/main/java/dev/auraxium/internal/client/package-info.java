/**
 * Client plumbing: service-id handling (redaction) and the codec seam. Internal: exported only to
 * the project's own modules, so that they all redact the service id the same way.
 */
package dev.auraxium.internal.client;
