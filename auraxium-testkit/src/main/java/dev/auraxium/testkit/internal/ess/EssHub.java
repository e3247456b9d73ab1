package dev.auraxium.testkit.internal.ess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auraxium.event.AttackerEvent;
import dev.auraxium.event.CharacterEvent;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.Echo;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssMessage;
import dev.auraxium.protocol.Help;
import dev.auraxium.protocol.HelpPrompt;
import dev.auraxium.protocol.HelpReply;
import dev.auraxium.protocol.RecentCharacterIds;
import dev.auraxium.protocol.RecentCharacterIdsCount;
import dev.auraxium.protocol.RecentCharacterIdsReply;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.ServiceStateChanged;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.ClientMessage;
import dev.auraxium.testkit.ConnectionSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The ESS behaviour of the fake server, independent of how clients reach it: admission of upgrade
 * requests, the connect sequence, heartbeats, commands and replies, publishing with per-connection
 * matching, inspection and fault state. A WebSocket adapter and the in-memory transport both drive
 * it through {@link #admit}, {@link #open}, {@link #onText} and {@link #onClosed}.
 *
 * <p>Thread-safe. Publishing reads a copy-on-write list of sessions and each session's volatile
 * subscription, so it never waits for command handling, and sends through non-blocking peers.
 */
public final class EssHub implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EssHub.class.getName());
    /** The only upgrade path, as on the live service. */
    public static final String PATH = "/streaming";
    /** Client messages kept for inspection; older ones are dropped so a long run stays bounded. */
    static final int MAX_CLIENT_MESSAGES = 10_000;
    /**
     * Characters of client messages kept for inspection, in all; older ones are dropped first. With
     * the largest command the server accepts ({@link #MAX_COMMAND_BYTES}) this keeps the newest 16.
     */
    static final long MAX_CLIENT_MESSAGE_CHARS = 16L * 1024 * 1024;
    /** The largest client message accepted; larger ones close the connection with 1009. */
    public static final int MAX_COMMAND_BYTES = 1024 * 1024;
    /** Closed connections still listed (and reachable by id) after they closed: the newest this many. */
    static final int MAX_CLOSED_REMEMBERED = 256;
    /** Character mentions remembered for {@code recentCharacterIds}: the last this many ids seen. */
    static final int MAX_RECENT_CHARACTERS = 10_000;
    private static final Pattern DEFAULT_SERVICE_ID = Pattern.compile("s:[A-Za-z0-9]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EssSettings settings;
    private final EssCodec codec = EssCodec.standard();
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private final List<EssSession> sessions = new CopyOnWriteArrayList<>();
    /** Open sessions by id; a closed one moves to {@link #closedById} (bounded) when it ends. */
    private final Map<Long, EssSession> byId = new ConcurrentHashMap<>();
    /** The newest {@value #MAX_CLOSED_REMEMBERED} closed sessions, oldest first. Guarded by itself. */
    private final LinkedHashMap<Long, EssSession> closedById = new LinkedHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<String, Boolean> endpoints;
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicLong ignoredClientMessages = new AtomicLong();
    /*
     * The last MAX_RECENT_CHARACTERS character ids published, as a ring written per event without
     * allocating (a map kept in recency order cost more than the rest of publishing); made distinct
     * only when someone asks. Guarded by itself.
     */
    private final long[] recentCharacters = new long[MAX_RECENT_CHARACTERS];
    private long recentWritten;

    // Guarded by "this": the inspection queues and the closed flag, so waiters can be woken.
    private final ArrayDeque<ClientMessage> untaken = new ArrayDeque<>();
    private final ArrayDeque<ClientMessage> history = new ArrayDeque<>();
    private long untakenChars;
    private long historyChars;
    private boolean closed;
    private volatile Admission.Refuse refusal;
    /** Set by a fault: subscription commands take effect but get no reply. */
    private volatile boolean withholdSubscriptionReplies;

    /**
     * @param settings the checked configuration
     */
    public EssHub(EssSettings settings) {
        this.settings = settings;
        this.endpoints = Collections.synchronizedMap(new LinkedHashMap<>(settings.endpoints()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-ess-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the configuration */
    public EssSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- admission and lifecycle

    /**
     * Decides an upgrade request: a forced refusal first, then the path (404), then the
     * {@code environment} and the {@code service-id} (403, as the live service answers).
     *
     * @param path the request path, without query
     * @param query reads one query parameter
     * @return admit or refuse
     */
    public Admission admit(String path, Function<String, Optional<String>> query) {
        Admission.Refuse forced = refusal;
        if (forced != null) {
            return forced;
        }
        if (isClosed()) {
            return new Admission.Refuse(503, "Service Unavailable: the fake ESS is closing", Optional.empty());
        }
        if (!PATH.equals(path)) {
            return new Admission.Refuse(404, "Not Found: the ESS lives at " + PATH, Optional.empty());
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

    /**
     * @return the default service-id policy: {@code s:} followed by letters and digits
     */
    public static java.util.function.Predicate<String> defaultServiceIdPolicy() {
        return id -> DEFAULT_SERVICE_ID.matcher(id).matches();
    }

    /**
     * Registers an admitted connection and sends the connect sequence: connected "true",
     * the help prompt, one serviceStateChanged per endpoint; then schedules its heartbeats.
     *
     * @param peer the connection
     * @param admit what {@link #admit} decided
     * @return the session, to pass to {@link #onText} and {@link #onClosed}
     */
    public EssSession open(EssPeer peer, Admission.Admit admit) {
        EssSession s = new EssSession(nextId.getAndIncrement(), admit.environment(), admit.allEnvironments(),
                FlavourRules.maxSetSize(settings.flavour()), admit.serviceId(), peer);
        s.send(codec.encode(new ConnectionStateChanged(true)));
        s.send(codec.encode(new HelpPrompt()));
        for (Map.Entry<String, Boolean> e : endpointsOf(s).entrySet()) {
            s.send(codec.encode(new ServiceStateChanged(e.getKey(), e.getValue())));
        }
        byId.put(s.id(), s);
        sessions.add(s);
        settings.heartbeatInterval().ifPresent(every -> {
            try {
                long ns = Math.max(1, every.toNanos());
                long first = settings.firstHeartbeat().orElseGet(() -> FlavourRules.firstHeartbeat(settings.flavour(),
                        every, settings.heartbeatPhase(), Duration.ofNanos(System.nanoTime() - startNanos))).toNanos();
                s.heartbeat(timer.scheduleAtFixedRate(() -> heartbeat(s), first, ns, TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                LOG.log(System.Logger.Level.DEBUG, "no heartbeats for {0}: server closing", s);
            }
        });
        LOG.log(System.Logger.Level.DEBUG, "opened {0}", s);
        synchronized (this) {
            notifyAll();
        }
        return s;
    }

    private void heartbeat(EssSession s) {
        try {
            Optional<Instant> ts = settings.heartbeatTimestamps()
                    ? Optional.of(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                    : Optional.empty();
            s.send(FlavourRules.heartbeat(settings.flavour(), endpointsOf(s), ts));
        } catch (RuntimeException e) {
            // A failing tick must not cancel the schedule: later ticks may work.
            LOG.log(System.Logger.Level.WARNING, "heartbeat to " + s + " failed", e);
        }
    }

    /** The endpoints a connection is told about: those of its environment, or all for {@code environment=all}. */
    private Map<String, Boolean> endpointsOf(EssSession s) {
        Map<String, Boolean> out = endpointsSnapshot();
        if (!s.allEnvironments()) {
            out.keySet().removeIf(name -> !FlavourRules.endpointIn(name, s.environment()));
        }
        return out;
    }

    /**
     * The connection ended, however it ended.
     *
     * @param s the session
     */
    public void onClosed(EssSession s) {
        s.markClosed();
        sessions.remove(s);
        // forget it, but keep the newest few closed ones for inspection: a long run of reconnecting
        // clients must not grow the server, nor make snapshots() cost more with every connection ever made
        synchronized (closedById) {
            if (byId.remove(s.id(), s)) {
                closedById.put(s.id(), s);
                if (closedById.size() > MAX_CLOSED_REMEMBERED) {
                    Long oldest = closedById.keySet().iterator().next();
                    closedById.remove(oldest);
                }
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "closed {0}", s);
        synchronized (this) {
            notifyAll();
        }
    }

    /** @return whether {@link #close()} was called */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Stops heartbeats, ends every connection with close code 1001 and wakes every waiting
     * thread. Idempotent. Closing the listening socket is the adapter's job.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        timer.shutdownNow();
        for (EssSession s : sessions) {
            try {
                s.peer().close(1001, "server closing");
            } catch (RuntimeException e) {
                s.peer().abort();
            }
            onClosed(s);
        }
    }

    // ---------------------------------------------------------------- commands

    /**
     * Handles one client text message: answers as the live service does (silence for malformed
     * JSON, unknown services and unknown actions), then records it.
     *
     * @param s the session
     * @param text the message
     */
    public void onText(EssSession s, String text) {
        Instant received = clock.instant();
        JsonNode tree = parse(text);
        Optional<ClientCommand> command = tree == null ? Optional.empty() : decodeCommand(text);
        ClientMessage message = new ClientMessage(s.id(), text, command, received);
        // Recorded once its effect is in place and before the reply goes out, so a test that
        // took a command, or a client that saw the reply, can rely on both.
        Runnable recordIt = () -> record(message);
        Optional<String> reply = Optional.empty();
        boolean recorded = false;
        try {
            boolean subscription = command.isPresent()
                    && (command.get() instanceof Subscribe || command.get() instanceof ClearSubscribe);
            Optional<String> ignored = subscription ? FlavourRules.ignoredCommand(settings.flavour(), tree) : Optional.empty();
            if (ignored.isPresent()) {
                // NSS validates commands and drops a bad one without a word; the test sees it recorded.
                ignoredClientMessages.incrementAndGet();
                LOG.log(System.Logger.Level.DEBUG, "ignoring a command of {0} as {1} does: {2}", s,
                        settings.flavour(), ignored.get());
            } else if (command.isPresent() && command.get() instanceof Subscribe sub) {
                s.apply(sub, recordIt, next -> withholdSubscriptionReplies ? null
                        : reply(next, sub.listCharacters().orElse(false)));
                recorded = true;
            } else if (command.isPresent() && command.get() instanceof ClearSubscribe clear) {
                s.apply(clear, recordIt, next -> withholdSubscriptionReplies ? null : reply(next, false));
                recorded = true;
            } else {
                reply = answer(s, command);
            }
        } finally {
            if (!recorded) {
                recordIt.run();
            }
        }
        reply.ifPresent(s::send);
    }

    /** Applies a command and returns the reply frame, if it has one. */
    private Optional<String> answer(EssSession s, Optional<ClientCommand> command) {
        if (command.isEmpty()) {
            ignoredClientMessages.incrementAndGet();
            return Optional.empty();
        }
        ClientCommand c = command.get();
        if (c instanceof Echo echo) {
            return Optional.of(echo.payload());
        } else if (c instanceof Help) {
            return Optional.of(codec.encode(new HelpReply(HelpText.JSON)));
        } else if (c instanceof RecentCharacterIds) {
            List<Long> ids = recentCharacterIds();
            return Optional.of(codec.encode(new RecentCharacterIdsReply(ids.size(), Optional.of(ids))));
        } else if (c instanceof RecentCharacterIdsCount) {
            return Optional.of(codec.encode(new RecentCharacterIdsReply(recentCharacterIds().size(), Optional.empty())));
        }
        return Optional.empty();
    }

    /** @return the text's JSON object when it is one of service "event", else null */
    private static JsonNode parse(String text) {
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree == null || !tree.isObject() || !"event".equals(tree.path("service").asText(null))) {
                return null;
            }
            return tree;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring client message: {0}", e.getMessage());
            return null;
        }
    }

    private Optional<ClientCommand> decodeCommand(String text) {
        try {
            EssMessage m = codec.decode(text);
            return m instanceof ClientCommand c ? Optional.of(c) : Optional.empty();
        } catch (RuntimeException e) {
            // The live service says nothing about bad commands; the test sees the raw text instead.
            LOG.log(System.Logger.Level.DEBUG, "ignoring client message: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The subscription reply in this server's flavour: characters listed when the set holds "all"
     * or the request asked for the list, else only counted.
     */
    private String reply(Subscription sub, boolean listCharacters) {
        return FlavourRules.subscriptionReply(settings.flavour(), sub, listCharacters);
    }

    // ---------------------------------------------------------------- publishing

    /**
     * @param event an event
     * @return how many connections it was sent to
     */
    public int publish(Event event) {
        return deliver(event, codec.encodeServiceMessage(event), sessions);
    }

    /**
     * @param frame a raw frame: an event goes where its subscription selects it, anything else
     *     (other messages, even unparseable text) to every live connection; the text is sent unchanged
     * @return how many connections it was sent to
     */
    public int publish(String frame) {
        EssMessage m;
        try {
            m = codec.decode(frame);
        } catch (RuntimeException notDecodable) {
            m = null;
        }
        if (m instanceof ServiceMessage sm) {
            return deliver(sm.event(), frame, sessions);
        }
        int n = 0;
        for (EssSession s : sessions) {
            if (s.send(frame)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Publishes a frame whose event the caller already decoded (a replay), sparing a second decode.
     *
     * @param frame the raw {@code serviceMessage} frame, sent unchanged
     * @param event the event it carries
     * @return how many connections it was sent to
     */
    public int publish(String frame, Event event) {
        return deliver(event, frame, sessions);
    }

    /**
     * Publishes a decoded event to one connection only (a replay of its own), by the same rules as
     * {@link #publish(String, Event)}: environment, subscription, stall, duplication, and the
     * characters it names are remembered.
     *
     * @return 1 when it was sent, 0 when not (not selected, stalled or closed)
     */
    public int publishTo(long connectionId, String frame, Event event) {
        EssSession s = byId.get(connectionId);
        return s == null ? 0 : deliver(event, frame, List.of(s));
    }

    /** @return whether the connection exists and is open */
    public boolean isOpen(long connectionId) {
        EssSession s = byId.get(connectionId);
        return s != null && s.isOpen();
    }

    /** The one way an event goes out: remembered, duplicated on request, environment and subscription applied. */
    private int deliver(Event event, String frame, List<EssSession> to) {
        remember(event);
        int copies = duplicates.getAndUpdate(d -> d > 0 ? d - 1 : 0) > 0 ? 2 : 1;
        int n = 0;
        for (EssSession s : to) {
            if ((settings.crossEnvironment() || s.allEnvironments() || inEnvironment(event, s.environment()))
                    && s.sendIfSelected(event, frame, copies)) {
                n++;
            }
        }
        return n;
    }

    /** Each environment has its own stream: a world known to belong to another one is not sent. */
    private static boolean inEnvironment(Event event, Environment env) {
        int world = event.worldId();
        if (env.worlds().contains(world)) {
            return true;
        }
        for (Environment other : Environment.values()) {
            if (other != env && other.worlds().contains(world)) {
                return false;
            }
        }
        return true;
    }

    private void remember(Event event) {
        long character = event instanceof CharacterEvent c ? c.characterId() : 0;
        long attacker = event instanceof AttackerEvent a ? a.attackerCharacterId() : 0;
        if (character == 0 && attacker == 0) {
            return;
        }
        synchronized (recentCharacters) {
            if (character != 0) {
                recentCharacters[(int) (recentWritten++ % MAX_RECENT_CHARACTERS)] = character;
            }
            if (attacker != 0) {
                recentCharacters[(int) (recentWritten++ % MAX_RECENT_CHARACTERS)] = attacker;
            }
        }
    }

    /**
     * @return the distinct character ids among the last {@value #MAX_RECENT_CHARACTERS} mentions
     *     in published events, ordered by their latest mention, oldest first
     */
    public List<Long> recentCharacterIds() {
        LinkedHashSet<Long> newestFirst = new LinkedHashSet<>();
        synchronized (recentCharacters) {
            long oldest = Math.max(0, recentWritten - MAX_RECENT_CHARACTERS);
            for (long i = recentWritten - 1; i >= oldest; i--) {
                newestFirst.add(recentCharacters[(int) (i % MAX_RECENT_CHARACTERS)]);
            }
        }
        List<Long> ids = new ArrayList<>(newestFirst);
        Collections.reverse(ids);
        return List.copyOf(ids);
    }

    // ---------------------------------------------------------------- inspection

    private synchronized void record(ClientMessage m) {
        long chars = m.text().length();
        untaken.addLast(m);
        untakenChars += chars;
        while (untaken.size() > MAX_CLIENT_MESSAGES || (untakenChars > MAX_CLIENT_MESSAGE_CHARS && untaken.size() > 1)) {
            untakenChars -= untaken.removeFirst().text().length();
        }
        history.addLast(m);
        historyChars += chars;
        while (history.size() > MAX_CLIENT_MESSAGES || (historyChars > MAX_CLIENT_MESSAGE_CHARS && history.size() > 1)) {
            historyChars -= history.removeFirst().text().length();
        }
        notifyAll();
    }

    /**
     * @param timeout how long to wait
     * @return the oldest message not taken yet, or null on timeout or when the hub closes
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized ClientMessage take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (untaken.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        ClientMessage m = untaken.pollFirst();
        if (m != null) {
            untakenChars -= m.text().length();
        }
        return m;
    }

    /**
     * @return the recorded client messages: the newest {@value #MAX_CLIENT_MESSAGES}, and of those no
     *     more than {@value #MAX_CLIENT_MESSAGE_CHARS} characters in all (the newest always kept)
     */
    public synchronized List<ClientMessage> clientMessages() {
        return List.copyOf(history);
    }

    /** @return client messages that were not commands the server answers */
    public long ignoredClientMessages() {
        return ignoredClientMessages.get();
    }

    /**
     * @param n how many open connections to wait for
     * @param timeout how long
     * @return true when at least {@code n} connections are open, false on timeout or close
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized boolean awaitOpen(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (openCount() < n) {
            long left = deadline - System.nanoTime();
            if (closed || left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Waits until at least {@code atLeast} open connections would be sent {@code event} by
     * {@link #publish(Event)} as far as subscriptions and environments go (a stall fault is not
     * considered). Woken by every applied command, open and close; also re-checks every 50 ms, for
     * subscriptions that a fault alters silently.
     *
     * @return the number of such connections, at least {@code atLeast}
     * @throws java.util.concurrent.TimeoutException naming what each open connection is subscribed to
     * @throws IllegalStateException when the hub closes while waiting
     * @throws InterruptedException if interrupted
     */
    public synchronized int awaitSubscribers(Event event, int atLeast, Duration timeout)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int n = subscriberCount(event);
            if (n >= atLeast) {
                return n;
            }
            if (closed) {
                throw new IllegalStateException("the server closed while waiting for " + atLeast
                        + " connection(s) to subscribe to " + event.eventName());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new java.util.concurrent.TimeoutException(subscribersReport(event, n, atLeast, timeout));
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    /** @return how many open connections select the event, by subscription and environment */
    public int subscriberCount(Event event) {
        int n = 0;
        for (EssSession s : sessions) {
            if (s.isOpen() && (settings.crossEnvironment() || inEnvironment(event, s.environment()))
                    && s.subscription().selects(event)) {
                n++;
            }
        }
        return n;
    }

    private String subscribersReport(Event event, int found, int wanted, Duration timeout) {
        StringBuilder b = new StringBuilder("after ").append(timeout).append(" only ").append(found).append(" of ")
                .append(wanted).append(" wanted connection(s) select ").append(event.eventName())
                .append(" (world ").append(event.worldId()).append(')');
        List<EssSession> open = openSessions();
        if (open.isEmpty()) {
            b.append("; no connection is open (did the client connect to this server's uri()?)");
        }
        int listed = 0;
        for (EssSession s : open) {
            if (listed++ == 5) {
                b.append("; ").append(open.size() - 5).append(" more");
                break;
            }
            Subscription sub = s.subscription();
            b.append("; connection ").append(s.id()).append(" (").append(s.environment().wireName())
                    .append(") subscribes events ").append(abbreviate(sub.eventNames()))
                    .append(", characters ").append(abbreviate(sub.characters()))
                    .append(", worlds ").append(abbreviate(sub.worlds()))
                    .append(sub.logicalAndCharactersWithWorlds() ? ", logicalAnd" : "");
        }
        return b.toString();
    }

    private static String abbreviate(java.util.Collection<String> c) {
        return c.size() <= 5 ? c.toString() : c.size() + " entries";
    }

    private int openCount() {
        int n = 0;
        for (EssSession s : sessions) {
            if (s.isOpen()) {
                n++;
            }
        }
        return n;
    }

    /**
     * @return snapshots of the open connections and of the newest {@value #MAX_CLOSED_REMEMBERED}
     *     closed ones, by id
     */
    public List<ConnectionSnapshot> snapshots() {
        java.util.TreeMap<Long, EssSession> all = new java.util.TreeMap<>(byId);
        synchronized (closedById) {
            all.putAll(closedById);
        }
        List<ConnectionSnapshot> out = new ArrayList<>();
        for (EssSession s : all.values()) {
            out.add(s.snapshot());
        }
        return out;
    }

    /** @return the currently open sessions */
    public List<EssSession> openSessions() {
        List<EssSession> out = new ArrayList<>();
        for (EssSession s : sessions) {
            if (s.isOpen()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * @param id a connection id
     * @return its session
     * @throws IllegalArgumentException if no connection has that id
     */
    public EssSession session(long id) {
        EssSession s = byId.get(id);
        if (s == null) {
            synchronized (closedById) {
                s = closedById.get(id);
            }
        }
        if (s == null) {
            throw new IllegalArgumentException("no connection with id " + id + " (open, or among the last "
                    + MAX_CLOSED_REMEMBERED + " closed); open ids: " + new java.util.TreeSet<>(byId.keySet()));
        }
        return s;
    }

    /** @return the endpoints reported, name to online flag, in order */
    public Map<String, Boolean> endpointsSnapshot() {
        synchronized (endpoints) {
            return new LinkedHashMap<>(endpoints);
        }
    }

    // ---------------------------------------------------------------- faults and state changes

    /**
     * @param refuse the refusal for every later upgrade, or null to accept again
     */
    public void refuseHandshakes(Admission.Refuse refuse) {
        refusal = refuse;
    }

    /** @param withhold whether subscription commands (still applied) go unanswered from now on */
    public void withholdSubscriptionReplies(boolean withhold) {
        withholdSubscriptionReplies = withhold;
    }

    /** @param n how many of the next published events go out twice */
    public void duplicateNext(int n) {
        duplicates.addAndGet(n);
    }

    /**
     * Sets an endpoint's state and tells every live connection with a serviceStateChanged.
     *
     * @param endpoint the endpoint name
     * @param online its state
     */
    public void endpoint(String endpoint, boolean online) {
        Boolean before = endpoints.put(endpoint, online);
        if (before == null || before != online) {
            String frame = codec.encode(new ServiceStateChanged(endpoint, online));
            for (EssSession s : sessions) {
                if (s.allEnvironments() || FlavourRules.endpointIn(endpoint, s.environment())) {
                    s.send(frame);
                }
            }
        }
    }

    /** Sends {@code connected:"false"} (or "true") to one session, stalled or not. */
    public void connectionState(EssSession s, boolean connected) {
        s.sendForced(codec.encode(new ConnectionStateChanged(connected)));
    }

    /** Stalls or resumes a session. */
    public void stall(EssSession s, boolean stalled) {
        s.stalled(stalled);
    }

    /** Silently replaces a session's subscription. */
    public Subscription alter(EssSession s, UnaryOperator<Subscription> change) {
        return s.alter(change);
    }

    /** Sends text as it is, stalled or not. */
    public void sendRaw(EssSession s, String text) {
        s.sendForced(text);
    }
}
