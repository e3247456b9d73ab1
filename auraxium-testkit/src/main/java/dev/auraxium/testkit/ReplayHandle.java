package dev.auraxium.testkit;

import java.util.concurrent.CompletableFuture;

/**
 * A running replay of a {@link Recording}, from {@link FakeEssServer#replay(Recording, ReplaySpeed)}
 * or {@link Recording#replay(ReplaySpeed, java.util.function.Consumer)}.
 *
 * <p>Lifecycle: the replay runs on its own daemon thread from the moment the handle is returned
 * until every frame is processed, {@link #cancel()} is called, the sink fails, or (for a server
 * replay) the server is closed. {@link #completion()} then completes: normally with the final
 * progress; cancelled ({@link java.util.concurrent.CancellationException}) after {@code cancel()};
 * exceptionally with the sink's exception, or an {@link IllegalStateException} when the server
 * closed first. Cancelling the future cancels the replay too.
 *
 * <p>Threading: every method is thread-safe and non-blocking. The sink is called from the replay
 * thread only, one frame at a time, in recording order.
 *
 * <pre>{@code
 * ReplayHandle h = server.replay(Recording.load(path), ReplaySpeed.times(20));
 * ReplayProgress done = h.completion().get(10, TimeUnit.SECONDS);
 * }</pre>
 */
public interface ReplayHandle extends AutoCloseable {

    /** @return the progress so far */
    ReplayProgress progress();

    /** @return completes when the replay ends (see the type's javadoc) */
    CompletableFuture<ReplayProgress> completion();

    /** Stops the replay; frames already sent stay sent. Idempotent. */
    void cancel();

    /**
     * Holds the replay before its next frame until {@link #resume()}. Time spent paused does not
     * count: pacing continues where it stopped. Idempotent.
     */
    void pause();

    /** Continues a paused replay. Idempotent. */
    void resume();

    /** @return true while paused */
    boolean isPaused();

    /** Same as {@link #cancel()}. */
    @Override
    default void close() {
        cancel();
    }
}
