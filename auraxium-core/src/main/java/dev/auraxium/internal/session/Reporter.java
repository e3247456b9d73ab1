package dev.auraxium.internal.session;

import dev.auraxium.client.ConnectionCause;
import dev.auraxium.client.ConnectionEvent;
import dev.auraxium.client.ConnectionListener;
import dev.auraxium.event.TriggerActionException;
import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.transport.TransportException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Where failures and connection events go: the user's error handler (or the default one, which
 * logs) and connection listener, each failure once, the service id scrubbed from what is logged.
 * Thread-safe; runs on whichever thread met the failure.
 */
final class Reporter {
    /** The client's logger: its name is the public class's, which users configure. */
    static final System.Logger LOG = System.getLogger("dev.auraxium.client.EventClient");

    private final String id;
    private final String serviceId;
    private final Consumer<? super Throwable> errorHandler;
    /** Whether the user gave the error handler: the client then logs what it hands over at DEBUG only. */
    private final boolean userErrorHandler;
    private final ConnectionListener connectionListener;
    /** Set by a failed connection attempt, cleared by an opened connection: one WARNING per failing series. */
    private final AtomicBoolean failingSeries = new AtomicBoolean();

    Reporter(String id, ClientConfig config) {
        this.id = id;
        this.serviceId = config.serviceId();
        this.errorHandler = config.errorHandler() != null ? config.errorHandler() : this::logError;
        this.userErrorHandler = config.errorHandler() != null;
        this.connectionListener = config.connectionListener();
    }

    /** @return the text without the service id */
    String scrub(Throwable error) {
        return ServiceIds.scrub(String.valueOf(error.getMessage()), serviceId);
    }

    /** Hands a failure to the error handler. */
    void report(Throwable error) {
        if (userErrorHandler) {
            LOG.log(Level.DEBUG, () -> id + ": to the error handler: " + scrub(error));
        }
        try {
            errorHandler.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, id + ": the error handler threw", e);
        }
    }

    /** A connection opened: the next failed attempt starts a new series. */
    void opened() {
        failingSeries.set(false);
    }

    /**
     * Reports a failed connection attempt once: to the handler, or (the default handler) logged;
     * a series of failed retries is logged at WARNING once, then at DEBUG until a connection opens.
     */
    void connectionFailed(TransportException e, boolean fatal) {
        if (!fatal && failingSeries.getAndSet(true) && !userErrorHandler) {
            LOG.log(Level.DEBUG, () -> id + ": still failing: " + e.getMessage());
        } else {
            report(e);
        }
    }

    private void logError(Throwable error) {
        Level level = error instanceof TransportException t && t.isFatal() ? Level.ERROR : Level.WARNING;
        String message = id + ": " + scrub(error);
        if (error instanceof TriggerActionException) {
            LOG.log(level, message, error); // the user's own code failed: its stack trace is what helps
        } else {
            LOG.log(level, message);
        }
    }

    /** Tells the connection listener, if any. */
    void notify(int slot, ConnectionEvent.Kind kind, ConnectionCause cause, String detail, Duration retryIn) {
        if (connectionListener == null) {
            return;
        }
        try {
            connectionListener.onConnectionEvent(new ConnectionEvent(slot, kind, cause, detail, Optional.ofNullable(retryIn),
                    Instant.now()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, id + ": the connection listener threw", e);
        }
    }
}
