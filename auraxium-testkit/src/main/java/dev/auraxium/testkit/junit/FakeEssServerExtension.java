package dev.auraxium.testkit.junit;

import dev.auraxium.testkit.FakeEssServer;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link FakeEssServer} for JUnit Jupiter tests, per test or per class, injects it as a
 * parameter, and closes it when its scope ends. Works with JUnit Jupiter 5.10 and later, 6.x
 * included.
 *
 * <h2>Lifecycle</h2>
 * <ul>
 *   <li>{@link #perTest()}: a fresh server before each test, closed after it. It can be injected
 *       into test methods, {@code @BeforeEach}/{@code @AfterEach} methods and, on JUnit 5.12 and
 *       later, the test class's constructor (the extension asks JUnit for the test method's
 *       context at instantiation; older releases cannot give it, and say so in a clear error).</li>
 *   <li>{@link #perClass()}: one server for all tests of the class (register the extension on a
 *       {@code static} field), closed after the last test. It can also be injected into
 *       {@code @BeforeAll} methods. Tests share its connections and state.</li>
 * </ul>
 * The server is kept in the JUnit {@link ExtensionContext.Store} of its scope, which closes it
 * (as an {@link AutoCloseable}) even when a test fails. Each extension instance has its own
 * server, so a class may register two.
 *
 * <h2>Threading</h2>
 * Immutable; {@link #configure(Consumer)} returns a new extension. {@link #server()} returns the
 * server this extension started last, which is the right one unless tests of one class run
 * concurrently; use parameter injection then.
 *
 * <pre>{@code
 * class ClientTest {
 *     @RegisterExtension
 *     static final FakeEssServerExtension ESS = FakeEssServerExtension.perClass()
 *             .configure(b -> b.heartbeatInterval(Duration.ofMillis(200)));
 *
 *     @Test
 *     void receivesLogins(FakeEssServer server) { ... server.uri() ... }
 * }
 * }</pre>
 */
public final class FakeEssServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final String KEY = "server";

    private final boolean perClass;
    private final Consumer<FakeEssServer.Builder> configuration;
    // Written when a server starts or closes; read by server() from the test thread.
    private volatile FakeEssServer current;

    private FakeEssServerExtension(boolean perClass, Consumer<FakeEssServer.Builder> configuration) {
        this.perClass = perClass;
        this.configuration = configuration;
    }

    /** @return an extension that starts a new server for each test */
    public static FakeEssServerExtension perTest() {
        return new FakeEssServerExtension(false, b -> { });
    }

    /** @return an extension that starts one server for the whole test class */
    public static FakeEssServerExtension perClass() {
        return new FakeEssServerExtension(true, b -> { });
    }

    /**
     * @param customisation applied to the server's builder before each start, after any earlier
     *     customisation
     * @return a new extension with the same scope and this customisation added
     */
    public FakeEssServerExtension configure(Consumer<FakeEssServer.Builder> customisation) {
        Objects.requireNonNull(customisation, "customisation");
        return new FakeEssServerExtension(perClass, configuration.andThen(customisation));
    }

    /** @return whether one server serves the whole class */
    public boolean isPerClass() {
        return perClass;
    }

    /**
     * @return the server started last by this extension, still running
     * @throws IllegalStateException outside the extension's scope (no server running)
     */
    public FakeEssServer server() {
        FakeEssServer s = current;
        if (s == null) {
            throw new IllegalStateException("no FakeEssServer is running: use server() inside a test, or inject "
                    + "FakeEssServer as a parameter");
        }
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            serverFor(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        serverFor(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeEssServer.class;
    }

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        // per test, a constructor parameter must get the test's own server, not a class-wide one
        return perClass ? ExtensionContextScope.DEFAULT : ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!perClass && context.getTestMethod().isEmpty()
                && parameter.getDeclaringExecutable() instanceof java.lang.reflect.Constructor) {
            // JUnit before 5.12 instantiates the test class in the class's context, whatever
            // getTestInstantiationExtensionContextScope says: there is no test to start a server for.
            throw new ParameterResolutionException("FakeEssServerExtension.perTest() cannot inject into the "
                    + "constructor of " + context.getDisplayName() + " on this JUnit release (needs JUnit "
                    + "Jupiter 5.12 or later); inject FakeEssServer into the test or @BeforeEach method instead");
        }
        return serverFor(context);
    }

    private FakeEssServer serverFor(ExtensionContext context) {
        ExtensionContext scope = perClass ? classContext(context) : context;
        if (!perClass && scope.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("FakeEssServerExtension.perTest() has no server outside a test "
                    + "(here: " + context.getDisplayName() + "); use FakeEssServerExtension.perClass() for "
                    + "@BeforeAll methods");
        }
        ExtensionContext.Store store = scope.getStore(ExtensionContext.Namespace.create(FakeEssServerExtension.class, this));
        return getOrStart(store);
    }

    // getOrComputeIfAbsent is deprecated in JUnit 6 in favour of computeIfAbsent, which JUnit 5
    // lacks (NoSuchMethodError there); the old method still works on 6.x, so one binary serves both.
    @SuppressWarnings("deprecation")
    private FakeEssServer getOrStart(ExtensionContext.Store store) {
        return store.getOrComputeIfAbsent(KEY, k -> new Running(start()), Running.class).server;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private FakeEssServer start() {
        FakeEssServer.Builder builder = FakeEssServer.builder();
        configuration.accept(builder);
        FakeEssServer server = builder.start();
        current = server;
        return server;
    }

    /**
     * What the store holds: closing the store closes the server. JUnit before 5.13 closes only
     * {@code CloseableResource} values, later releases close {@code AutoCloseable} ones (and still
     * the deprecated {@code CloseableResource}); it is both, and closing twice is harmless.
     */
    @SuppressWarnings("deprecation") // CloseableResource: deprecated since 5.13, needed by 5.10 to 5.12
    private final class Running implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        final FakeEssServer server;

        Running(FakeEssServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            try {
                server.close();
            } finally {
                if (current == server) {
                    current = null;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "FakeEssServerExtension[" + (perClass ? "per class" : "per test") + "]";
    }
}
