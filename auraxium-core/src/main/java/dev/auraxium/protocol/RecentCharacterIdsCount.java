package dev.auraxium.protocol;

/** {@code recentCharacterIdsCount}: a command without arguments. */
public record RecentCharacterIdsCount() implements ClientCommand {
    /** The wire action. */
    public static final String ACTION = "recentCharacterIdsCount";

    @Override
    public String action() {
        return ACTION;
    }
}
