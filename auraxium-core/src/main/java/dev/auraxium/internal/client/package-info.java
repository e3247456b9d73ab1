/** Client plumbing: service-id handling (redaction) and the codec seam. Internal: not exported. */
package dev.auraxium.internal.client;
