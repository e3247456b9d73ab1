package dev.auraxium.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows the demo's figures: on a terminal, a block of lines redrawn in place with ANSI escapes;
 * otherwise (piped, captured) one plain status line per refresh, then the full block once at the
 * end.
 *
 * <p>Threading: used by one thread.
 */
public final class LiveView {
    private final PrintWriter out;
    private final boolean ansi;
    private final int width;
    private int drawnLines;

    /**
     * @param out where to draw
     * @param ansi whether to redraw in place (a terminal) or print plain lines
     * @param width the terminal's width in columns; in place, longer lines are cut to it, because
     *     a wrapped line would take two rows and the redraw would climb too few
     */
    public LiveView(PrintWriter out, boolean ansi, int width) {
        this.out = out;
        this.ansi = ansi;
        this.width = Math.max(20, width);
    }

    /**
     * Draws one refresh.
     *
     * @param s the figures
     * @param seconds seconds since the replay started
     * @param progress fraction of the replay done, 0..1
     */
    public void update(DemoFigures.Snapshot s, double seconds, double progress) {
        if (ansi) {
            redraw(block(s, seconds, progress));
        } else {
            out.println(statusLine(s, seconds, progress));
        }
        out.flush();
    }

    /**
     * Draws the final figures (in place on a terminal).
     *
     * @param s the figures
     * @param seconds seconds the replay took
     */
    public void finish(DemoFigures.Snapshot s, double seconds) {
        List<String> lines = block(s, seconds, 1.0);
        if (ansi) {
            redraw(lines);
        } else {
            lines.forEach(out::println);
        }
        out.flush();
    }

    private void redraw(List<String> lines) {
        if (drawnLines > 0) {
            // Cursor up to the block's first line, then clear to the end of the screen.
            out.print("\033[" + drawnLines + "F\033[J");
        }
        for (String line : lines) {
            out.println(line.length() < width ? line : line.substring(0, width - 4) + "...");
        }
        drawnLines = lines.size();
    }

    static String statusLine(DemoFigures.Snapshot s, double seconds, double progress) {
        return String.format(Locale.ROOT, "[%5.1fs] replay %3.0f%%  events %d (%.0f/s)  kills %d  headshots %.1f%%  xp ticks %d",
                seconds, progress * 100, s.events(), rate(s.events(), seconds), s.kills(), s.headshotRatio() * 100,
                s.experienceTicks());
    }

    static List<String> block(DemoFigures.Snapshot s, double seconds, double progress) {
        List<String> l = new ArrayList<>();
        l.add(String.format(Locale.ROOT, "auraxium demo: %.1fs, replay %.0f%%", seconds, progress * 100));
        l.add(String.format(Locale.ROOT, "events:      %d (%.0f/s)", s.events(), rate(s.events(), seconds)));
        StringBuilder types = new StringBuilder("by type:    ");
        s.eventsByType().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> types.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        l.add(types.toString());
        l.add("kills:       " + s.kills());
        StringBuilder worlds = new StringBuilder("by world:   ");
        s.killsByWorld().forEach((w, n) -> worlds.append(' ').append(worldName(w)).append('=').append(n));
        l.add(worlds.toString());
        l.add(String.format(Locale.ROOT, "headshots:   %d (%.1f%%)", s.headshots(), s.headshotRatio() * 100));
        StringBuilder killers = new StringBuilder("top killers:");
        s.topKillers().forEach((c, n) -> killers.append(' ').append(c).append('=').append(n));
        l.add(killers.toString());
        l.add("xp ticks:    " + s.experienceTicks());
        StringBuilder xp = new StringBuilder("top xp ids: ");
        s.topExperience().forEach((id, amount) -> xp.append(' ').append(id).append('=').append(amount));
        l.add(xp.toString());
        return l;
    }

    private static double rate(long n, double seconds) {
        return seconds <= 0 ? 0 : n / seconds;
    }

    static String worldName(int id) {
        return dev.auraxium.event.World.byId(id).map(dev.auraxium.event.World::displayName).orElse("world" + id);
    }
}
