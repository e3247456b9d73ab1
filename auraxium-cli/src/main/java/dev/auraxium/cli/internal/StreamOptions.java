package dev.auraxium.cli.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where to connect and when to stop: the options {@code tail} and {@code record} share. */
final class StreamOptions {

    @Option(names = "--service-id", paramLabel = "ID",
            description = "The service id (s:...). Default: the AURAXIUM_SERVICE_ID environment variable; "
                    + "required for the live service. Never printed whole.")
    String serviceId;

    @Option(names = "--endpoint", paramLabel = "URI",
            description = "Any ESS endpoint, e.g. ws://127.0.0.1:8090/streaming from 'auraxium serve'. "
                    + "Default: wss://push.planetside2.com/streaming.")
    URI endpoint;

    @Option(names = "--max-events", paramLabel = "N", description = "Stop after N events.")
    Long maxEvents;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long (500ms, 20s, 5m, 1h). Default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--connect-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            defaultValue = "10s", description = "How long connecting may take (default 10s).")
    Duration connectTimeout;

    /** @return the event limit, {@code Long.MAX_VALUE} when none was given */
    long limit() {
        if (maxEvents != null && maxEvents <= 0) {
            throw new UsageException("--max-events must be positive, was " + maxEvents);
        }
        return maxEvents == null ? Long.MAX_VALUE : maxEvents;
    }

    /** @return the service id to use, from the option or the environment (see {@link Connect}) */
    String serviceId(Map<String, String> environment) {
        return Connect.serviceId(serviceId, endpoint, environment);
    }

    /** @return the endpoint, the live service's when none was given */
    URI endpoint() {
        return Connect.endpoint(endpoint);
    }
}
