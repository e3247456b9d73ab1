/** What users touch: the event client, triggers, the typed ESS events and the library's exceptions. */
package dev.auraxium.event;
