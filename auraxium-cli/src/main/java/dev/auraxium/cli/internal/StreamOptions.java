package dev.auraxium.cli.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    // Set by --ready-timeout (and by the deprecated --connect-timeout): the time from the start
    // until the server has confirmed the subscription; it also bounds the connection attempt.
    // No defaultValue: picocli would apply it after --connect-timeout had set the field.
    @Option(names = "--ready-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long connecting and subscribing may take, until the server "
                    + "has confirmed the subscription (default 10s).")
    Duration connectTimeout = Duration.ofSeconds(10);

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The option's old name, which said less than it did; kept for scripts, hidden from --help. */
    @Option(names = "--connect-timeout", paramLabel = "TIME", converter = DurationConverter.class, hidden = true)
    void deprecatedConnectTimeout(Duration timeout) {
        connectTimeout = timeout;
        command.commandLine().getErr().println(command.qualifiedName()
                + ": --connect-timeout is deprecated, use --ready-timeout (the time until the subscription is confirmed)");
        command.commandLine().getErr().flush();
    }

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
