/**
 * Service-id handling: normalising, redacting and scrubbing the service id, which is a credential.
 * Internal: exported only to the project's own modules, so that they all redact it the same way.
 */
package dev.auraxium.internal.serviceid;
