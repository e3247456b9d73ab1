package dev.auraxium.protocol;

/** {@code recentCharacterIds}: a command without arguments. */
public record RecentCharacterIds() implements ClientCommand {
    /** The wire action. */
    public static final String ACTION = "recentCharacterIds";

    @Override
    public String action() {
        return ACTION;
    }
}
