package dev.auraxium.protocol;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A world's event feed went up or down, e.g.
 * {@code {"detail":"EventServerEndpoint_Miller_10","online":"false","service":"event","type":"serviceStateChanged"}}.
 * It says nothing about this connection's own health.
 *
 * @param detail the endpoint name, {@code EventServerEndpoint_<WorldName>_<worldId>}, or number
 *     first for some PlayStation endpoints ({@code EventServerEndpoint_2000_Ceres})
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

    /**
     * @return the world id in {@link #detail()}: the number at the end, or the first number when
     *     the name starts with one (an endpoint naming several merged worlds stands for the first);
     *     empty when it has none
     */
    public OptionalInt worldId() {
        return Endpoints.worldId(detail);
    }

    /**
     * @return the world name in {@link #detail()}, e.g. {@code "Miller"} (or {@code "Ceres"} for
     *     {@code EventServerEndpoint_2000_Ceres}), or the detail without its prefix when it names
     *     no world id
     */
    public String worldName() {
        return Endpoints.worldName(detail);
    }
}
