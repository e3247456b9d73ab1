package dev.auraxium.testkit.internal.ess;

import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssMessage;
import dev.auraxium.protocol.HelpPrompt;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.ServiceStateChanged;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.ClientMessage;
import dev.auraxium.testkit.ConnectionSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The ESS behaviour of the fake server, independent of how clients reach it: the connect sequence,
 * publishing with per-connection matching, the list of connections, inspection and fault state. A
 * WebSocket adapter and the in-memory transport both drive it through {@link #admit}, {@link #open},
 * {@link #onText} and {@link #onClosed}. It delegates admission to a {@link Gatekeeper}, commands and
 * replies to a {@link CommandResponder}, the record of client messages to a {@link ClientMessageLog},
 * the characters named by events to {@link RecentCharacters} and heartbeats to {@link Heartbeats}.
 *
 * <p>Thread-safe. Publishing reads a copy-on-write list of sessions and each session's volatile
 * subscription, so it never waits for command handling, and sends through non-blocking peers.
 */
public final class EssHub implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EssHub.class.getName());
    /** The only upgrade path, as on the live service. */
    public static final String PATH = "/streaming";
    /** The largest client message accepted; larger ones close the connection with 1009. */
    public static final int MAX_COMMAND_BYTES = 1024 * 1024;
    /** Closed connections still listed (and reachable by id) after they closed: the newest this many. */
    static final int MAX_CLOSED_REMEMBERED = 256;
    private static final Pattern DEFAULT_SERVICE_ID = Pattern.compile("s:[A-Za-z0-9]+");

    private final EssSettings settings;
    private final EssCodec codec = EssCodec.standard();
    private final Gatekeeper gatekeeper;
    private final ClientMessageLog messages;
    private final RecentCharacters recentCharacters = new RecentCharacters();
    private final CommandResponder commands;
    private final Heartbeats heartbeats;
    private final List<EssSession> sessions = new CopyOnWriteArrayList<>();
    /** Open sessions by id; a closed one moves to {@link #closedById} (bounded) when it ends. */
    private final Map<Long, EssSession> byId = new ConcurrentHashMap<>();
    /** The newest {@value #MAX_CLOSED_REMEMBERED} closed sessions, oldest first. Guarded by itself. */
    private final LinkedHashMap<Long, EssSession> closedById = new LinkedHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<String, Boolean> endpoints;
    private final AtomicInteger duplicates = new AtomicInteger();
    /** Guarded by "this", which waiters for connections and subscribers wait on. */
    private boolean closed;

    /**
     * @param settings the checked configuration
     */
    public EssHub(EssSettings settings) {
        this.settings = settings;
        this.endpoints = Collections.synchronizedMap(new LinkedHashMap<>(settings.endpoints()));
        this.gatekeeper = new Gatekeeper(settings);
        this.commands = new CommandResponder(settings, recentCharacters, this::changed);
        this.messages = commands.log();
        this.heartbeats = new Heartbeats(settings, this::endpointsOf);
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
        return gatekeeper.admit(path, query, isClosed());
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
        heartbeats.start(s);
        LOG.log(System.Logger.Level.DEBUG, "opened {0}", s);
        synchronized (this) {
            notifyAll();
        }
        return s;
    }

    /** The endpoints a connection is told about: those of its environment, or all for {@code environment=all}. */
    private Map<String, Boolean> endpointsOf(EssSession s) {
        Map<String, Boolean> out = endpointsSnapshot();
        if (!s.allEnvironments()) {
            out.keySet().removeIf(name -> !FlavourRules.endpointIn(name, s.environment()));
        }
        return out;
    }

    /** Wakes those who wait for connections or subscribers to look again. */
    private synchronized void changed() {
        notifyAll();
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
        messages.close();
        heartbeats.close();
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
        commands.onText(s, text);
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
        recentCharacters.remember(event);
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

    /**
     * @return the distinct character ids among the last {@value RecentCharacters#MAX_MENTIONS} mentions
     *     in published events, ordered by their latest mention, oldest first
     */
    public List<Long> recentCharacterIds() {
        return recentCharacters.ids();
    }

    // ---------------------------------------------------------------- inspection

    /**
     * @param timeout how long to wait
     * @return the oldest message not taken yet, or null on timeout or when the hub closes
     * @throws InterruptedException if interrupted while waiting
     */
    public ClientMessage take(Duration timeout) throws InterruptedException {
        return messages.take(timeout);
    }

    /**
     * @return the recorded client messages: the newest {@value ClientMessageLog#MAX_MESSAGES}, and of
     *     those no more than {@value ClientMessageLog#MAX_CHARS} characters in all (the newest always kept)
     */
    public List<ClientMessage> clientMessages() {
        return messages.all();
    }

    /** @return client messages that were not commands the server answers */
    public long ignoredClientMessages() {
        return commands.ignored();
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
        gatekeeper.refuseAll(refuse);
    }

    /** @param withhold whether subscription commands (still applied) go unanswered from now on */
    public void withholdSubscriptionReplies(boolean withhold) {
        commands.withholdSubscriptionReplies(withhold);
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
