package dev.auraxium.protocol;

/** {@code {"send this for help":{"service":"event","action":"help"}}}, sent after connecting. */
public record HelpPrompt() implements ServerMessage {
}
