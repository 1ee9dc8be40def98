import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@code ./paygate bench} result as SVG: latency percentiles, and the CPU each process spent per payment.
 * A single-file program, so that the bench needs nothing beyond the JDK the stack runs on:
 * {@code java bench/BenchChart.java bench-....json bench-....svg}.
 */
public class BenchChart {

    private static final int WIDTH = 960;
    private static final int MARGIN = 40;
    private static final String[] PERCENTILES = {"p50", "p75", "p90", "p95", "p99", "p99.9", "max"};
    /** Not processes: bench/run's sums, drawn apart below the processes. */
    private static final List<String> SUMS = List.of("total", "machine", "unattributed");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java bench/BenchChart.java RESULT.json CHART.svg");
            System.exit(2);
        }
        Map<String, Object> result = object(new Json(Files.readString(Path.of(args[0]))).value());
        Files.writeString(Path.of(args[1]), new BenchChart(result).svg());
    }

    private final Map<String, Object> result;
    private final StringBuilder svg = new StringBuilder();
    private int y;

    private BenchChart(Map<String, Object> result) {
        this.result = result;
    }

    private String svg() {
        y = 36;
        title();
        latency();
        cpu();
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (y + 24)
                + "\" viewBox=\"0 0 " + WIDTH + " " + (y + 24) + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + svg + "</svg>\n";
    }

    private void title() {
        String when = String.valueOf(result.getOrDefault("timestamp", "?")).replace('T', ' ').replaceFirst(":\\d\\dZ$", " UTC");
        text(MARGIN, y, 20, "bold", "start", "#222", "PayGate bench, " + when
                + (result.get("git_commit") != null ? ", commit " + result.get("git_commit") : ""));
        y += 26;
        text(MARGIN, y, 14, "normal", "start", "#222", String.format(Locale.ROOT,
                "%s payments/s: %s payments in %s s over %s connections, after a %s s warm-up",
                number(result.get("payments_per_second"), 1), number(result.get("payments"), 0),
                number(result.get("duration_seconds"), 1), number(result.get("connections"), 0),
                number(result.get("warmup_seconds"), 0)));
        y += 20;
        List<String> context = new ArrayList<>();
        if (result.get("acquirer") != null) {
            context.add("acquirer " + result.get("acquirer"));
        }
        context.add("bank latency " + (result.get("bank_latency_ms") == null ? "unknown" : number(result.get("bank_latency_ms"), 0) + " ms"));
        if (result.get("fill") instanceof Map<?, ?> fill) {
            context.add("filled with " + number(fill.get("sent"), 0) + " payments first");
        }
        if (result.get("mongo_data_bytes") instanceof Number bytes) {
            context.add(String.format(Locale.ROOT, "local store %.0f MB on disk", bytes.doubleValue() / 1e6));
        }
        context.add("status codes " + String.join(", ", object(result.getOrDefault("status_codes", Map.of())).entrySet().stream()
                .map(e -> e.getKey() + " x " + number(e.getValue(), 0)).toList()));
        text(MARGIN, y, 13, "normal", "start", "#555", String.join("; ", context));
        y += 36;
    }

    /** Percentiles as columns on a linear scale, each labelled with its value. */
    private void latency() {
        Map<String, Object> latency = object(result.getOrDefault("latency_ms", Map.of()));
        text(MARGIN, y, 16, "bold", "start", "#222", "Latency (ms)");
        y += 16;
        double highest = Math.max(maxOf(latency, List.of(PERCENTILES)), 0.001);
        double tick = roundStep(highest / 5), top = Math.ceil(highest / tick) * tick;
        int height = 200, left = MARGIN + 50, right = WIDTH - MARGIN, base = y + 20 + height;
        for (int i = 0; i * tick <= top + tick / 1000; i++) {
            int at = base - (int) Math.round(height * i * tick / top);
            line(left, at, right, at, i == 0 ? "#888" : "#e4e4e4");
            text(left - 8, at + 4, 11, "normal", "end", "#666", number(i * tick, tick < 1 ? 1 : 0));
        }
        int slot = (right - left) / PERCENTILES.length, barWidth = slot * 3 / 5;
        for (int i = 0; i < PERCENTILES.length; i++) {
            int x = left + slot * i + (slot - barWidth) / 2;
            Object value = latency.get(PERCENTILES[i]);
            text(x + barWidth / 2, base + 16, 12, "normal", "middle", "#222", PERCENTILES[i]);
            if (!(value instanceof Number n)) {
                continue;
            }
            int barHeight = (int) Math.round(height * n.doubleValue() / top);
            rect(x, base - barHeight, barWidth, barHeight, PERCENTILES[i].equals("max") ? "#9aa5b1" : "#4c78a8");
            text(x + barWidth / 2, base - barHeight - 5, 12, "bold", "middle", "#222", number(n, n.doubleValue() < 100 ? 1 : 0));
        }
        y = base + 48;
    }

    /** One horizontal bar per process, most expensive first; the sums below them, in grey. */
    private void cpu() {
        text(MARGIN, y, 16, "bold", "start", "#222", "CPU per payment (µs)");
        text(WIDTH - MARGIN, y, 13, "bold", "end", "#222", "% of one core");
        y += 12;
        if (!(result.get("cpu_us_per_payment") instanceof Map<?, ?> raw)) {
            y += 20;
            text(MARGIN, y, 13, "normal", "start", "#555", "not measured (needs Linux's /proc, and payments)");
            y += 10;
            return;
        }
        Map<String, Object> perPayment = object(raw);
        Map<String, Object> percent = object(result.getOrDefault("cpu_percent", Map.of()));
        List<String> processes = new ArrayList<>(perPayment.keySet().stream().filter(name -> !SUMS.contains(name)).toList());
        processes.sort(Comparator.comparingDouble((String name) -> perPayment.get(name) instanceof Number n ? n.doubleValue() : -1).reversed());
        double top = Math.max(1, maxOf(perPayment, perPayment.keySet()));
        int label = MARGIN + 210, barMax = WIDTH - MARGIN - 200 - label, rowHeight = 24;
        y += 12;
        for (String name : processes) {
            bar(name, perPayment.get(name), percent.get(name), top, label, barMax, "#f58518");
            y += rowHeight;
        }
        line(MARGIN, y - 4, WIDTH - MARGIN, y - 4, "#bbb");
        y += 6;
        for (String name : SUMS) {
            if (perPayment.containsKey(name)) {
                bar(name, perPayment.get(name), percent.get(name), top, label, barMax, "#9aa5b1");
                y += rowHeight;
            }
        }
        Object cores = result.get("cores");
        text(MARGIN, y + 6, 11, "normal", "start", "#666", "total: the processes above; machine: all the CPU used "
                + "(/proc/stat); unattributed: the difference. " + number(cores, 0) + " cores, so "
                + number(cores instanceof Number n ? n.doubleValue() * 100 : null, 0) + " % is the whole machine.");
        y += 10;
        // Another program busy on the machine (a build, a test run) explains "unattributed" and skews the rest.
        List<String> others = new ArrayList<>();
        if (result.get("other_processes") instanceof List<?> list) {
            for (Object other : list) {
                Map<String, Object> process = object(other);
                if (process.get("cpu_percent") instanceof Number p && p.doubleValue() >= 1) {
                    others.add(process.get("name") + " " + (process.get("pid") instanceof Number pid ? pid.longValue() : "?") + " (" + number(p, 1) + " %)");
                }
            }
        }
        if (!others.isEmpty()) {
            y += 16;
            text(MARGIN, y, 11, "normal", "start", "#666", "Busiest other processes: " + String.join(", ", others));
        }
    }

    private void bar(String name, Object perPayment, Object percent, double top, int left, int barMax, String colour) {
        text(left - 10, y + 13, 13, "normal", "end", "#222", name);
        if (!(perPayment instanceof Number n)) {
            text(left, y + 13, 12, "italic", "start", "#888", "not measured");
            return;
        }
        int width = (int) Math.round(barMax * Math.max(0, n.doubleValue()) / top);
        rect(left, y + 2, width, 16, colour);
        text(left + width + 6, y + 14, 12, "normal", "start", "#222", number(n, 0) + " µs");
        text(WIDTH - MARGIN, y + 14, 12, "normal", "end", "#222", percent instanceof Number p ? number(p, 1) + " %" : "");
    }

    // --- SVG primitives and formatting ----------------------------------------------------------------------------

    private void text(int x, int y, int size, String weight, String anchor, String colour, String content) {
        String style = weight.equals("italic") ? "font-style=\"italic\"" : "font-weight=\"" + weight + "\"";
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" %s text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
                x, y, size, style, anchor, colour, escape(content)));
    }

    private void rect(int x, int y, int width, int height, String colour) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", x, y, width, height, colour));
    }

    private void line(int x1, int y1, int x2, int y2, String colour) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n", x1, y1, x2, y2, colour));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String number(Object value, int decimals) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%,." + decimals + "f", n.doubleValue()) : "?";
    }

    private static double maxOf(Map<String, Object> values, Iterable<String> keys) {
        double max = 0;
        for (String key : keys) {
            if (values.get(key) instanceof Number n) {
                max = Math.max(max, n.doubleValue());
            }
        }
        return max;
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above the value: round steps for the axis. */
    private static double roundStep(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Just enough JSON for bench/run's output: objects keep their order, numbers become doubles. */
    private static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                at++;
                while (!next('}')) {
                    String key = string();
                    expect(':');
                    map.put(key, value());
                    next(',');
                }
                return map;
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                at++;
                while (!next(']')) {
                    list.add(value());
                    next(',');
                }
                return list;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = at;
            while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + at);
            }
            return Double.valueOf(text.substring(start, at));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            for (char c = text.charAt(at++); c != '"'; c = text.charAt(at++)) {
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    out.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'u' -> (char) Integer.parseInt(text.substring(at, at += 4), 16);
                        default -> escaped;
                    });
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private boolean next(char c) {
            skipSpace();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!next(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
