package dev.auraxium.protocol;

/** {@code help}: a command without arguments. */
public record Help() implements ClientCommand {
    /** The wire action. */
    public static final String ACTION = "help";

    @Override
    public String action() {
        return ACTION;
    }
}
