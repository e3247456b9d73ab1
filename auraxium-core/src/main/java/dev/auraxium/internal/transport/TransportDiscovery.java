package dev.auraxium.internal.transport;

import dev.auraxium.client.NoTransportException;
import dev.auraxium.transport.TransportProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Chooses a {@link TransportProvider}: the one named by the {@code auraxium.transport} system
 * property, else the highest {@link TransportProvider#priority()} (ties: the smaller name). A
 * provider that fails to load is reported and skipped. The candidate list is injectable so every
 * case can be tested; {@link #fromServiceLoader(ClassLoader)} is the real source.
 */
public final class TransportDiscovery {
    /** The system property that names a provider. */
    public static final String PROPERTY = "auraxium.transport";
    /** The message when nothing is found. */
    public static final String NONE_FOUND = "No ESS transport found: add the dev.auraxium:auraxium-transport-jdk "
            + "artifact to the class path or module path, or pass one with EventClient.builder().transport(...)";

    private static final System.Logger LOG = System.getLogger(TransportDiscovery.class.getName());
    private static final java.util.Set<String> LOGGED_CHOICES = ConcurrentHashMap.newKeySet();
    private static final int MAX_LOAD_ERRORS = 64;

    private TransportDiscovery() {
    }

    /**
     * One candidate: a description for messages (the class name) and how to instantiate it.
     *
     * @param description the provider class name, or what the loader said when it could not even
     *     name it
     * @param loader instantiates the provider; may throw
     */
    public record Candidate(String description, Supplier<TransportProvider> loader) {
    }

    /**
     * The outcome.
     *
     * @param provider the chosen provider
     * @param problems one line per provider that failed to load (also logged as warnings)
     * @param choice when several loaded: the list and the rule that chose (logged once per JVM)
     */
    public record Result(TransportProvider provider, List<String> problems, Optional<String> choice) {
    }

    /** @return the candidates {@link ServiceLoader} finds with the given class loader */
    public static List<Candidate> fromServiceLoader(ClassLoader loader) {
        List<Candidate> out = new ArrayList<>();
        ServiceLoader<TransportProvider> sl = ServiceLoader.load(TransportProvider.class, loader);
        Iterator<ServiceLoader.Provider<TransportProvider>> it = sl.stream().iterator();
        int errors = 0;
        while (errors < MAX_LOAD_ERRORS) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ServiceLoader.Provider<TransportProvider> p = it.next();
                out.add(new Candidate(p.type().getName(), p::get));
            } catch (ServiceConfigurationError e) {
                errors++;
                String msg = e.getMessage();
                out.add(new Candidate("(unloadable provider)", () -> {
                    throw new ServiceConfigurationError(msg);
                }));
            }
        }
        return out;
    }

    /**
     * Loads and chooses.
     *
     * @param candidates what was found
     * @param property the value of {@value #PROPERTY}, or null
     * @return the choice and the problems met
     * @throws NoTransportException when none loads, or the property names one that did not load
     */
    public static Result choose(List<Candidate> candidates, String property) {
        List<String> problems = new ArrayList<>();
        List<TransportProvider> loaded = new ArrayList<>();
        for (Candidate c : candidates) {
            try {
                TransportProvider p = c.loader().get();
                if (p == null) {
                    throw new IllegalStateException("the loader returned null");
                }
                p.name();
                loaded.add(p);
            } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
                String line = "Skipping ESS transport provider " + c.description() + ": it failed to load: " + e;
                problems.add(line);
                LOG.log(Level.WARNING, line);
            }
        }
        loaded.sort(Comparator.comparingInt(TransportProvider::priority).reversed()
                .thenComparing(TransportProvider::name));
        String found = describe(loaded);
        if (property != null && !property.isBlank()) {
            for (TransportProvider p : loaded) {
                if (p.name().equals(property.strip())) {
                    return new Result(p, List.copyOf(problems), Optional.of(
                            "Using ESS transport '" + p.name() + "' named by -D" + PROPERTY + "; found: " + found));
                }
            }
            throw new NoTransportException("System property " + PROPERTY + "=" + property.strip()
                    + " names no ESS transport provider; found: " + (loaded.isEmpty() ? "none" : found));
        }
        if (loaded.isEmpty()) {
            throw new NoTransportException(problems.isEmpty() ? NONE_FOUND
                    : NONE_FOUND + " (" + problems.size() + " provider(s) failed to load; see the log)");
        }
        TransportProvider chosen = loaded.get(0);
        Optional<String> choice = Optional.empty();
        if (loaded.size() > 1) {
            String line = "Found " + loaded.size() + " ESS transport providers: " + found + "; using '"
                    + chosen.name() + "' (highest priority; set -D" + PROPERTY + "=<name> to choose)";
            choice = Optional.of(line);
            if (LOGGED_CHOICES.add(line)) {
                LOG.log(Level.INFO, line);
            }
        }
        return new Result(chosen, List.copyOf(problems), choice);
    }

    private static String describe(List<TransportProvider> providers) {
        List<String> parts = new ArrayList<>();
        for (TransportProvider p : providers) {
            parts.add(p.name() + " (priority " + p.priority() + ")");
        }
        return String.join(", ", parts);
    }
}
