package dev.auraxium.testkit.internal.ws;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed HTTP upgrade request, as given to {@link WebSocketHandler#onHandshake}.
 *
 * <p>Immutable and thread-safe. Header names are looked up case-insensitively; query values are
 * percent-decoded (UTF-8), in the order they appeared.
 *
 * <pre>{@code
 * Optional<String> id = request.queryParam("service-id");
 * Optional<String> ua = request.header("User-Agent");
 * }</pre>
 *
 * @param method the request method, e.g. {@code GET}
 * @param path the path without the query, as sent (not decoded), e.g. {@code /streaming}
 * @param query the decoded query parameters; a name without {@code =} maps to an empty string
 * @param headers the headers, names case-insensitive, values in order of appearance
 * @param remote the client's address
 */
public record HandshakeRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        InetSocketAddress remote) {

    /** Copies the maps so the request stays immutable; the header map keeps case-insensitive lookups. */
    public HandshakeRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(remote, "remote");
        Map<String, List<String>> q = new LinkedHashMap<>();
        Objects.requireNonNull(query, "query").forEach((k, v) -> q.put(k, List.copyOf(v)));
        query = Collections.unmodifiableMap(q);
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((k, v) ->
                h.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        h.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableMap(h);
    }

    /**
     * @param name a query parameter name, exact case
     * @return its first value, if present
     */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * @param name a header name, any case
     * @return its first value, if present
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the request without query values, which may hold credentials such as the service id */
    @Override
    public String toString() {
        return "HandshakeRequest[" + method + " " + path + (query.isEmpty() ? "" : "?" + query.keySet() + "=…")
                + " from " + remote + "]";
    }
}
