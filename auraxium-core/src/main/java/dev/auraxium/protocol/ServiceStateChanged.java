package dev.auraxium.protocol;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A world's event feed went up or down, e.g.
 * {@code {"detail":"EventServerEndpoint_Miller_10","online":"false","service":"event","type":"serviceStateChanged"}}.
 * It says nothing about this connection's own health.
 *
 * @param detail the endpoint name, {@code EventServerEndpoint_<WorldName>_<worldId>}
 * @param online whether that world's feed is up
 */
public record ServiceStateChanged(String detail, boolean online) implements ServerMessage {
    /**
     * Checks the components: each reference must be non-null.
     *
     * @param detail the endpoint name, {@code EventServerEndpoint_<WorldName>_<worldId>}
     * @param online whether that world's feed is up
     * @throws NullPointerException if a component is {@code null}
     */
    public ServiceStateChanged {
        Objects.requireNonNull(detail, "detail");
    }

    /** @return the world id at the end of {@link #detail()}, or empty when it has none */
    public OptionalInt worldId() {
        return Endpoints.worldId(detail);
    }

    /** @return the world name in {@link #detail()}, e.g. {@code "Miller"}, or the whole detail */
    public String worldName() {
        return Endpoints.worldName(detail);
    }
}
