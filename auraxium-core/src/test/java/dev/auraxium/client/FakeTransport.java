package dev.auraxium.client;

import dev.auraxium.internal.subscription.SubscriptionDiff;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory fake of our own transport SPI: records what the client sends, lets the test push
 * frames (delivered only against the client's demand, one listener call at a time), and can play
 * the ESS's subscription bookkeeping (auto replies after the server's merge rules). Public for the
 * unit tests of the internal packages.
 */
public final class FakeTransport implements Transport {
    /** When set, close() behaves like a close handshake: reading goes on until the server closes. */
    public volatile boolean gracefulClose;
    static final String CONNECTED = "{\"connected\":\"true\",\"service\":\"push\",\"type\":\"connectionStateChanged\"}";

    final BlockingQueue<Conn> opened = new LinkedBlockingQueue<>();
    final List<URI> uris = new CopyOnWriteArrayList<>();
    public final AtomicInteger attempts = new AtomicInteger();
    public volatile int rejectWith;
    volatile boolean autoReply = true;
    public volatile boolean sendConnected = true;
    /** Render a character set holding "all" as just {@code ["all"]}, as one server does. */
    volatile boolean bareAll;

    @Override
    public CompletableFuture<TransportConnection> connect(URI uri, TransportListener listener) {
        attempts.incrementAndGet();
        uris.add(uri);
        if (rejectWith != 0) {
            return CompletableFuture.failedFuture(new TransportException("upgrade refused: HTTP " + rejectWith + " for " + uri,
                    null, OptionalInt.of(rejectWith), Optional.empty()));
        }
        Conn c = new Conn(listener);
        listener.onOpen(c);
        opened.add(c);
        if (sendConnected) {
            c.push(CONNECTED);
        }
        return CompletableFuture.completedFuture(c);
    }

    public Conn take() throws InterruptedException {
        Conn c = opened.poll(5, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no connection was opened within 5 s");
        }
        return c;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void close() {
    }

    public final class Conn implements TransportConnection {
        private final TransportListener listener;
        private final ArrayDeque<String> inbound = new ArrayDeque<>();
        private long demand;
        private boolean pumping;
        private volatile boolean open = true;
        /** Our close frame went out; with {@code gracefulClose}, frames still arrive until {@link #serverClose}. */
        public volatile boolean closeRequested;
        final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        final AtomicInteger maxOutstanding = new AtomicInteger();
        volatile Subscription state = Subscription.EMPTY;

        Conn(TransportListener listener) {
            this.listener = listener;
        }

        /** Queues a frame from the "server"; delivered when the client has demand. */
        public void push(String frame) {
            synchronized (this) {
                inbound.addLast(frame);
            }
            pump();
        }

        synchronized long demand() {
            return demand;
        }

        synchronized int backlog() {
            return inbound.size();
        }

        private void pump() {
            while (true) {
                String next;
                synchronized (this) {
                    if (pumping || !open || demand == 0 || inbound.isEmpty()) {
                        return;
                    }
                    pumping = true;
                    demand--;
                    next = inbound.pollFirst();
                }
                try {
                    listener.onText(this, next);
                } finally {
                    synchronized (this) {
                        pumping = false;
                    }
                }
            }
        }

        @Override
        public CompletableFuture<Void> sendText(String text) {
            if (!open) {
                return CompletableFuture.failedFuture(new IllegalStateException("closed"));
            }
            sent.add(text);
            if (autoReply) {
                ClientCommand cmd = EssCodec.standard().decodeCommand(text);
                if (cmd instanceof Subscribe || cmd instanceof ClearSubscribe) {
                    state = SubscriptionDiff.apply(state, cmd);
                    push(reply(state));
                }
            }
            return CompletableFuture.completedFuture(null);
        }

        /** What the server would reply for a subscription state (the listed-characters shape when "all"). */
        String reply(Subscription s) {
            boolean list = s.characters().contains(Subscription.ALL);
            return EssCodec.standard().encode(new SubscriptionReply(
                    list ? Optional.of(bareAll ? List.of(Subscription.ALL) : new ArrayList<>(s.characters()))
                            : Optional.empty(),
                    list ? OptionalInt.empty() : OptionalInt.of(s.characters().size()),
                    new ArrayList<>(s.eventNames()), Optional.of(s.logicalAndCharactersWithWorlds()),
                    new ArrayList<>(s.worlds())));
        }

        String takeSent() throws InterruptedException {
            String s = sent.poll(5, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("the client sent nothing within 5 s");
            }
            return s;
        }

        ClientCommand takeCommand() throws InterruptedException {
            return EssCodec.standard().decodeCommand(takeSent());
        }

        /** @return the next frame sent within the wait, or null */
        String pollSent(Duration wait) throws InterruptedException {
            return sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The server drops the connection. */
        public void serverClose(int code) {
            open = false;
            listener.onClose(this, code, "");
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive, was " + n);
            }
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (demand < Integer.MAX_VALUE) {
                    maxOutstanding.accumulateAndGet((int) demand, Math::max);
                }
            }
            pump();
        }

        @Override
        public CompletableFuture<Void> close(int code, String reason) {
            closeRequested = true;
            if (!gracefulClose) {
                open = false;
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void abort() {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }
}
