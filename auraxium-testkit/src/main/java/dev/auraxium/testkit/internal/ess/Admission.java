package dev.auraxium.testkit.internal.ess;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.event.Environment;
import java.time.Duration;
import java.util.Optional;

/** The fake ESS's answer to an upgrade request: let the client in, or refuse with an HTTP status. */
public sealed interface Admission {

    /**
     * The client may connect.
     *
     * @param environment its environment ({@link Environment#PS2} for {@code environment=all})
     * @param allEnvironments whether it asked for {@code environment=all}: every world on one connection
     * @param serviceId its whole service id (a credential: never log it)
     */
    record Admit(Environment environment, boolean allEnvironments, String serviceId) implements Admission {
        @Override
        public String toString() {
            return "Admit[environment=" + (allEnvironments ? "all" : environment) + ", serviceId="
                    + ServiceIds.redact(serviceId) + "]";
        }
    }

    /**
     * The upgrade is refused.
     *
     * @param status the HTTP status
     * @param body a short plain-text body
     * @param retryAfter the {@code Retry-After} to send, if any
     */
    record Refuse(int status, String body, Optional<Duration> retryAfter) implements Admission {
    }
}
