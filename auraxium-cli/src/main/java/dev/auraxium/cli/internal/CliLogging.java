package dev.auraxium.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The command line's logging: the library logs through {@link System.Logger}, which lands in
 * java.util.logging here; while a command runs, its records are printed as one line each on the
 * command's standard error, {@code auraxium: WARNING connection 0 closed (...)}.
 *
 * <ul>
 *   <li>Default: WARNING records. ERROR records are left out: every failure that ends a command is
 *       reported once, by the command's own last line (e.g. a rejected service id), and the
 *       library's ERROR record would only repeat it.</li>
 *   <li>{@code --verbose}: INFO and above, ERROR included (connections opened and closed, the
 *       transport found).</li>
 *   <li>{@code --quiet}: no log records; status lines and the final error line still show.</li>
 * </ul>
 *
 * A logging configuration given with {@code -Djava.util.logging.config.file} (or {@code .class})
 * is left alone. Thread-safe; commands running at once in one process (tests, embedding) each get
 * the records at their own verbosity.
 */
final class CliLogging {
    /** How much of the library's logging a command shows. */
    enum Verbosity {
        QUIET(Level.OFF), NORMAL(Level.WARNING), VERBOSE(Level.INFO);

        final Level threshold;

        Verbosity(Level threshold) {
            this.threshold = threshold;
        }
    }

    private static final Object LOCK = new Object();
    private static final Formatter MESSAGES = new SimpleFormatter();
    private static final List<Sink> SINKS = new CopyOnWriteArrayList<>();
    private static final Handler DISPATCH = new Handler() {
        @Override
        public void publish(LogRecord record) {
            for (Sink s : SINKS) {
                s.publish(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    // The root logger's handlers and level before the first command started (guarded by LOCK).
    private static List<Handler> savedHandlers;
    private static Level savedLevel;

    private CliLogging() {
    }

    /** A running command's logging; closing it restores what was there before. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * For the {@code auraxium} process: the JDK's default console handler prints two lines per
     * record; it goes, so that only the commands' one-line records show.
     */
    static void forProcess() {
        if (userConfigured()) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
    }

    /**
     * @param err where the records go
     * @param verbosity what to show
     * @return the scope to close when the command ends
     */
    static Scope install(PrintWriter err, Verbosity verbosity) {
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(verbosity, "verbosity");
        if (userConfigured()) {
            return () -> { };
        }
        Sink sink = new Sink(err, verbosity);
        synchronized (LOCK) {
            Logger root = Logger.getLogger("");
            if (SINKS.isEmpty()) {
                savedHandlers = new ArrayList<>(List.of(root.getHandlers()));
                savedLevel = root.getLevel();
                savedHandlers.forEach(root::removeHandler);
                root.addHandler(DISPATCH);
            }
            SINKS.add(sink);
            root.setLevel(finest());
        }
        return () -> {
            synchronized (LOCK) {
                if (!SINKS.remove(sink)) {
                    return;
                }
                Logger root = Logger.getLogger("");
                if (SINKS.isEmpty()) {
                    root.removeHandler(DISPATCH);
                    savedHandlers.forEach(root::addHandler);
                    root.setLevel(savedLevel);
                } else {
                    root.setLevel(finest());
                }
            }
        };
    }

    private static Level finest() {
        Level l = Level.OFF;
        for (Sink s : SINKS) {
            if (s.verbosity.threshold.intValue() < l.intValue()) {
                l = s.verbosity.threshold;
            }
        }
        return l;
    }

    private static boolean userConfigured() {
        return System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null;
    }

    /**
     * @param record a log record
     * @return its one line, e.g. {@code auraxium: WARNING connection 0 closed (...): cause}
     */
    static String format(LogRecord record) {
        StringBuilder line = new StringBuilder("auraxium: ").append(levelName(record.getLevel())).append(' ')
                .append(MESSAGES.formatMessage(record));
        Throwable t = record.getThrown();
        if (t != null) {
            line.append(": ").append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        // one record, one line: a message with line breaks is folded
        return line.toString().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    /** System.Logger's level names, which the library's javadoc and the README use. */
    private static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : level.getName().toUpperCase(Locale.ROOT);
    }

    private record Sink(PrintWriter err, Verbosity verbosity) {
        void publish(LogRecord record) {
            int v = record.getLevel().intValue();
            if (v < verbosity.threshold.intValue() || verbosity == Verbosity.QUIET) {
                return;
            }
            if (v >= Level.SEVERE.intValue() && verbosity != Verbosity.VERBOSE) {
                return;
            }
            err.println(format(record));
            err.flush();
        }
    }
}
