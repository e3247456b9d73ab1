package dev.auraxium.testkit.internal.ess;

import dev.auraxium.event.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides upgrade requests as the live service does: a refusal forced by a fault first, then a closing
 * server (503), the path (404), the {@code environment} and the {@code service-id} (403).
 *
 * <p>Thread-safe; the forced refusal may be changed at any time.
 */
final class Gatekeeper {

    private final EssSettings settings;
    private volatile Admission.Refuse refusal;

    Gatekeeper(EssSettings settings) {
        this.settings = settings;
    }

    /** @param refuse the refusal for every later upgrade, or null to accept again */
    void refuseAll(Admission.Refuse refuse) {
        refusal = refuse;
    }

    /**
     * @param path the request path, without query
     * @param query reads one query parameter
     * @param closing whether the server is closing
     * @return admit or refuse
     */
    Admission admit(String path, Function<String, Optional<String>> query, boolean closing) {
        Admission.Refuse forced = refusal;
        if (forced != null) {
            return forced;
        }
        if (closing) {
            return new Admission.Refuse(503, "Service Unavailable: the fake ESS is closing", Optional.empty());
        }
        if (!EssHub.PATH.equals(path)) {
            return new Admission.Refuse(404, "Not Found: the ESS lives at " + EssHub.PATH, Optional.empty());
        }
        Optional<String> env = query.apply("environment").or(() -> FlavourRules.defaultEnvironment(settings.flavour()));
        Environment environment = null;
        boolean all = false;
        if (env.isPresent() && FlavourRules.acceptsAllEnvironments(settings.flavour())
                && FlavourRules.ALL_ENVIRONMENTS.equals(env.get())) {
            environment = Environment.PS2;
            all = true;
        } else if (env.isPresent()) {
            for (Environment e : settings.environments()) {
                if (e.wireName().equals(env.get())) {
                    environment = e;
                }
            }
        }
        if (environment == null) {
            return new Admission.Refuse(403, "Forbidden: environment must be one of " + wireNames(), Optional.empty());
        }
        Optional<String> serviceId = query.apply("service-id");
        if (serviceId.isEmpty() || !settings.serviceIdPolicy().test(serviceId.get())) {
            return new Admission.Refuse(403, "Forbidden: service id rejected", Optional.empty());
        }
        return new Admission.Admit(environment, all, serviceId.get());
    }

    private List<String> wireNames() {
        List<String> out = new ArrayList<>();
        for (Environment e : Environment.values()) {
            if (settings.environments().contains(e)) {
                out.add(e.wireName());
            }
        }
        if (FlavourRules.acceptsAllEnvironments(settings.flavour())) {
            out.add(FlavourRules.ALL_ENVIRONMENTS);
        }
        return out;
    }
}
