package dev.auraxium.e2e;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one test opened (servers, transports, clients), closed after it in the reverse order of
 * opening, so that a client closes before its transport and its server. Every resource is closed
 * even when one fails to; the first failure is thrown with the others suppressed. Any thread may
 * keep a resource. Registered as an extension ({@code @RegisterExtension final Closer closer}), it
 * closes after each test by itself.
 */
final class Closer implements AutoCloseable, AfterEachCallback {
    private final Deque<AutoCloseable> open = new ConcurrentLinkedDeque<>();

    /** @return {@code resource}, to be closed by {@link #close()} */
    <T extends AutoCloseable> T keep(T resource) {
        open.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable r = open.poll(); r != null; r = open.poll()) {
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }
}
