package dev.auraxium.cli.internal;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.transport.TransportException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** What {@code tail} and {@code record} share about where to connect and with which service id. */
final class Connect {
    /** The live service. */
    static final URI LIVE = URI.create("wss://push.planetside2.com/streaming");
    /** The service id sent to an endpoint other than the live service when none is given. */
    static final String EXAMPLE_ID = "s:example";

    private Connect() {
    }

    /**
     * @param given {@code --service-id}, or null
     * @param endpoint {@code --endpoint}, or null for the live service
     * @param env the environment variables
     * @return the service id to send, with the {@code s:} prefix
     * @throws UsageException when the live service is meant and no id is known
     */
    static String serviceId(String given, URI endpoint, Map<String, String> env) {
        String id = given != null ? given : env.get(RootCommand.SERVICE_ID_VARIABLE);
        if (id == null && endpoint != null) {
            id = ServiceIds.queryServiceId(endpoint); // --endpoint '...?service-id=s:...': used once, never printed
        }
        if (id != null) {
            id = id.trim();
        }
        if (id == null || id.isEmpty() || id.equals("s:")) {
            if (endpoint == null) {
                throw new UsageException("missing service id for the live service: pass --service-id or set "
                        + RootCommand.SERVICE_ID_VARIABLE + " (register one at census.daybreakgames.com), "
                        + "or use --endpoint for another server");
            }
            return EXAMPLE_ID;
        }
        try {
            return ServiceIds.normalise(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad service id: " + e.getMessage()); // the message redacts the id
        }
    }

    /**
     * @param endpoint {@code --endpoint}, or null
     * @return the endpoint to use
     * @throws UsageException when it is not a ws:// or wss:// URI
     */
    static URI endpoint(URI endpoint) {
        if (endpoint == null) {
            return LIVE;
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || endpoint.getHost() == null) {
            throw new UsageException("bad endpoint '" + ServiceIds.redactUri(endpoint.toString())
                    + "': expected a ws:// or wss:// URI such as ws://127.0.0.1:8090/streaming");
        }
        return ServiceIds.withoutServiceId(endpoint); // the id goes in once, from serviceId(); never printed
    }

    /**
     * @param uri where it failed
     * @param serviceId the id sent (redacted in the message)
     * @param error the failure
     * @return the failure to report, exit code 3
     */
    static ConnectionFailure failure(URI uri, String serviceId, Throwable error) {
        Throwable cause = error;
        while (cause != null && !(cause instanceof TransportException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String base = "cannot connect to " + uri + " with service id " + ServiceIds.redact(serviceId) + ": ";
        String detail;
        if (cause instanceof TransportException t && t.httpStatus().isPresent()) {
            int status = t.httpStatus().getAsInt();
            detail = status == 403 ? "the service rejected the service id (HTTP 403)" : "HTTP " + status + " on the upgrade";
        } else if (error instanceof TimeoutException && error.getMessage() != null) {
            detail = error.getMessage(); // says how long it waited, and the last failure
        } else if (cause != null && cause.getMessage() != null) {
            detail = cause.getMessage();
        } else {
            detail = String.valueOf(error);
        }
        if (untrustedCertificate(error)) {
            detail += " (to trust a server's own certificate, pass it with --trust-cert FILE)";
        }
        return new ConnectionFailure(ServiceIds.scrub(base + detail, serviceId), error);
    }

    /** Whether a certificate the client does not trust is behind the failure. */
    private static boolean untrustedCertificate(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathBuilderException
                    || t instanceof java.security.cert.CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }
}
