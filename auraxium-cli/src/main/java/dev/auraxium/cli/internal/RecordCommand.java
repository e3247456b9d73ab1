package dev.auraxium.cli.internal;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.event.Environment;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssMessage;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.SubscriptionReply;
import dev.auraxium.testkit.Recorder;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code auraxium record}: writes the raw frames of a stream to a recording file.
 *
 * <p>Why the transport and not an {@code EventClient}: a recording keeps the frames exactly as the
 * server sent them (field order, unknown fields, heartbeats), which re-encoding decoded events
 * would not.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record the stream from the live ESS (or any --endpoint) to a file that 'auraxium serve "
                + "--replay' and the test kit's Recording.load read: JSON Lines, one raw frame per line with its "
                + "receive time.",
                "Events outside the filters are not written; heartbeats and other service frames are."},
        footerHeading = "%nExamples:%n",
        footer = {"  AURAXIUM_SERVICE_ID=s:myid auraxium record --out capture.jsonl --duration 5m",
                "  auraxium record --endpoint ws://127.0.0.1:8090/streaming \\",
                "      --events Death --max-events 500 --out deaths.jsonl",
                "%nExit codes: 0 ok, 1 the file could not be written (stops at the first failure), 2 bad usage (e.g. unwritable file, missing service id), "
                        + "3 connection failure or rejected service id."})
final class RecordCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The recording to write (replaced).")
    Path out;

    @Mixin
    StreamOptions stream;

    @Mixin
    FilterOptions filterOptions;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        StreamFilter filter = filterOptions.filter();
        Environment environment = filterOptions.environment();
        long limit = stream.limit();
        String id = stream.serviceId(root.environment());
        URI base = stream.endpoint();
        URI uri = ServiceIds.withQuery(base, environment, id);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("cannot write '" + out + "': folder " + parent + " does not exist");
        }
        PrintWriter err = spec.commandLine().getErr();
        FilterOptions.warnAboutWorlds("record", filter, environment, err);
        String subscribe = EssCodec.standard().encode(filter.subscribe(environment));

        Recorder recorder;
        try {
            recorder = Recorder.open(out);
        } catch (IOException e) {
            throw new UsageException("cannot write '" + out + "': " + e.getMessage(), e);
        }
        AtomicLong events = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        AtomicReference<String> ended = new AtomicReference<>();
        AtomicReference<String> writeFailure = new AtomicReference<>();
        long start;
        try (recorder; StopSignal stop = new StopSignal();
                Transport transport = connection.transport(stream.connectTimeout, Duration.ZERO)) {
            AtomicBoolean subscribed = new AtomicBoolean();
            AtomicBoolean confirmed = new AtomicBoolean();
            TransportListener listener = new TransportListener() {
                @Override
                public void onOpen(TransportConnection connection) {
                    connection.request(Long.MAX_VALUE);
                }

                @Override
                public void onText(TransportConnection connection, String frame) {
                    if (stop.isTripped()) {
                        return;
                    }
                    EssMessage m;
                    try {
                        m = EssCodec.standard().decode(frame);
                    } catch (RuntimeException e) {
                        m = null; // kept as it came: a recording is evidence, bad frames included
                    }
                    if (m instanceof ConnectionStateChanged c && c.connected() && subscribed.compareAndSet(false, true)) {
                        connection.sendText(subscribe);
                    }
                    if (m instanceof SubscriptionReply && confirmed.compareAndSet(false, true)) {
                        err.println("record: subscribed, recording");
                        err.flush();
                    }
                    if (m instanceof ServiceMessage s) {
                        if (!filter.matches(s.event())) {
                            return;
                        }
                        long n = events.incrementAndGet();
                        if (n > limit) {
                            return;
                        }
                        if (!write(recorder, frame, stop, writeFailure)) {
                            return;
                        }
                        frames.incrementAndGet();
                        if (n == limit) {
                            stop.trip("max-events");
                        }
                        return;
                    }
                    if (write(recorder, frame, stop, writeFailure)) {
                        frames.incrementAndGet();
                    }
                }

                @Override
                public void onClose(TransportConnection connection, int code, String reason) {
                    ended.compareAndSet(null, "the server closed the connection (" + code + (reason.isEmpty() ? "" : " " + reason) + ")");
                    stop.trip("closed");
                }

                @Override
                public void onError(TransportConnection connection, Throwable error) {
                    ended.compareAndSet(null, "the connection failed: " + error.getMessage());
                    stop.trip("failed");
                }
            };
            TransportConnection connection;
            try {
                connection = transport.connect(uri, listener).get(stream.connectTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                stop.interrupted();
                return 0;
            } catch (ExecutionException e) {
                throw Connect.failure(base, id, e.getCause());
            } catch (TimeoutException e) {
                throw Connect.failure(base, id, e);
            }
            err.println("record: connected to " + base + " (" + environment.wireName() + ", service id "
                    + ServiceIds.redact(id) + "), " + filter.describe() + ", writing " + out);
            err.flush();
            start = System.nanoTime();
            stop.await(stream.duration);
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.trip("done");
            connection.close(1000, "done");
            long n = Math.min(events.get(), limit);
            if (writeFailure.get() != null) {
                err.println("record: cannot write to " + out + ": " + writeFailure.get() + "; stopped after "
                        + frames.get() + " frames");
                err.flush();
                return 1;
            }
            if (ended.get() != null && stop.reason().equals("failed")) {
                err.println("record: " + ended.get());
            }
            err.println(TailCommand.summary("record", n, seconds) + ", " + frames.get() + " frames written to " + out);
            err.flush();
        }
        return 0;
    }

    /**
     * Writes one frame; the first failure (disk full, a closed pipe) stops the recording at once:
     * it is noted for one line at the end, and nothing more is written.
     *
     * @return whether the frame was written
     */
    private static boolean write(Recorder recorder, String frame, StopSignal stop, AtomicReference<String> failure) {
        try {
            recorder.accept(frame);
            return true;
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (failure.compareAndSet(null, String.valueOf(cause.getMessage()))) {
                stop.trip("write-failed");
                try {
                    recorder.close(); // its last flush fails too: nothing is left to write
                } catch (IOException closing) {
                    // the failure is already noted
                }
            }
            return false;
        }
    }
}
