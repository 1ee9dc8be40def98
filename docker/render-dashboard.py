#!/usr/bin/env python3
"""Draws a Grafana dashboard to a PNG from a real Prometheus, without Grafana: each panel's own expressions are
queried over the HTTP API (query_range) and drawn in the dashboard's grid. It made docs/dashboard.png.

  render-dashboard.py prometheus-config > prometheus.yml
      a Prometheus configuration that scrapes the services of a running ./paygate stack, with the same port
      variables as ./paygate (GATEWAY_MANAGEMENT_PORT, PAYMENT_SERVICE_PORT, ...), through the text-proxy below
  render-dashboard.py text-proxy [--port 19091]
      an HTTP proxy for that Prometheus which asks the services for the plain text format: Debian's Prometheus
      (2.42) drops a whole scrape in OpenMetrics when a histogram's _count carries an exemplar, as the services'
      do (accepted since 2.43; compose runs 3.x and needs none)
  render-dashboard.py render --prometheus http://127.0.0.1:9090 --last 5m --out docs/dashboard.png
      [--dashboard docker/grafana/dashboards/paygate.json] [--var acquirer=piggybank] [--title TEXT]
      [--metric-names docker/prometheus/metric-names.txt]

--metric-names rewrites that list (which check-compose.sh holds the dashboards to) with every metric name the
Prometheus has, keeping the names listed by hand after its "# Not seen" line that the scrape did not see.

Needs python3-matplotlib (Debian) and, for the Prometheus, Debian's prometheus package. With a stack up:

  render-dashboard.py text-proxy &
  render-dashboard.py prometheus-config >/tmp/prometheus.yml
  prometheus --config.file=/tmp/prometheus.yml --storage.tsdb.path=/tmp/prometheus-data \\
    --web.listen-address=127.0.0.1:9090 &
  ./paygate bench --warmup 30s --duration 90s
  docker/render-dashboard.py render --prometheus http://127.0.0.1:9090 --last 3m --out docs/dashboard.png
"""

import argparse
import datetime
import http.server
import io
import json
import math
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.dates as dates  # noqa: E402
import matplotlib.pyplot as pyplot  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from PIL import Image  # noqa: E402  (python3-pil, which matplotlib needs anyway)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Each service's metrics port in a ./paygate stack: (job, port variable, default).
LOCAL_TARGETS = [
    ("api-gateway", "GATEWAY_MANAGEMENT_PORT", 8445),
    ("payment-service", "PAYMENT_SERVICE_PORT", 8081),
    ("merchant-service", "MERCHANT_SERVICE_PORT", 8082),
    ("acquirer-piggybank-service", "ACQUIRER_PIGGYBANK_PORT", 8083),
    ("acquirer-lionbank-service", "ACQUIRER_LIONBANK_PORT", 8085),
    ("webhook-service", "WEBHOOK_SERVICE_PORT", 8087),
]
# Grafana's dark theme and its classic palette.
BACKGROUND, PANEL, BORDER, TEXT, DIM = "#111217", "#181b1f", "#2c3235", "#ccccdc", "#8e8e99"
PALETTE = ["#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#5794f2", "#b877d9", "#705da0", "#37872d",
           "#fade2a", "#ff9830", "#c4162a"]
COLOURS = {"green": "#73bf69", "orange": "#ff9830", "red": "#f2495c", "yellow": "#fade2a", "blue": "#5794f2"}
GRID_UNIT = 34  # pixels of one grid row; Grafana's is 30 plus the margin


def prometheus_config(proxy_port):
    print("# Scrapes a ./paygate stack (written by docker/render-dashboard.py prometheus-config).")
    print("global: {scrape_interval: 5s, evaluation_interval: 5s}")
    print("scrape_configs:")
    for job, variable, default in LOCAL_TARGETS:
        print(f"  - job_name: {job}")
        print("    metrics_path: /actuator/prometheus")
        print(f"    proxy_url: http://127.0.0.1:{proxy_port}")
        print(f"    static_configs: [{{targets: ['127.0.0.1:{os.environ.get(variable, default)}']}}]")


class TextFormat(http.server.BaseHTTPRequestHandler):
    """Relays a scrape (a proxy request: the path is the target's URL), asking for the plain text format."""

    def do_GET(self):
        request = urllib.request.Request(self.path, headers={"Accept": "text/plain;version=0.0.4"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, content_type, body = response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            status, content_type, body = error.code, "text/plain", error.read()
        except OSError as error:
            status, content_type, body = 502, "text/plain", str(error).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_):
        pass


def text_proxy(port):
    http.server.ThreadingHTTPServer(("127.0.0.1", port), TextFormat).serve_forever()


class Prometheus:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def get(self, path, **params):
        query = urllib.parse.urlencode(params, doseq=True)
        with urllib.request.urlopen(f"{self.url}{path}?{query}", timeout=30) as response:
            answer = json.load(response)
        if answer.get("status") != "success":
            raise RuntimeError(f"{path}: {answer}")
        return answer["data"]

    def scrape_interval(self):
        config = self.get("/api/v1/status/config")["yaml"]
        match = re.search(r"scrape_interval:\s*(\d+)([smh])", config)
        return int(match.group(1)) * {"s": 1, "m": 60, "h": 3600}[match.group(2)] if match else 15

    def query_range(self, expr, start, end, step):
        return self.get("/api/v1/query_range", query=expr, start=start, end=end, step=step)["result"]


def seconds(text):
    match = re.fullmatch(r"(\d+)([smh])", text)
    if not match:
        raise argparse.ArgumentTypeError(f"a duration such as 90s, 5m or 1h, not {text!r}")
    return int(match.group(1)) * {"s": 1, "m": 60, "h": 3600}[match.group(2)]


def substitute(expr, variables, step, scrape):
    """Grafana's variables: $__rate_interval as Grafana computes it, the dashboard's own as chosen (All: .*)."""
    rate_interval = max(step + scrape, 4 * scrape)
    expr = re.sub(r"\$\{?__rate_interval\}?", f"{rate_interval}s", expr)
    expr = re.sub(r"\$\{?__interval\}?", f"{step}s", expr)
    return re.sub(r"\$\{?(\w+)\}?", lambda match: variables.get(match.group(1), ".*"), expr)


def legend(template, metric, fallback):
    text = re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda match: metric.get(match.group(1), ""), template or "")
    labels = ", ".join(f"{key}={value}" for key, value in metric.items() if key != "__name__")
    return text.strip() or labels or fallback


def axis_formatter(unit):
    def fmt(value, _):
        if unit == "s":
            return f"{value * 1000:.0f} ms" if abs(value) < 1 else f"{value:.3g} s"
        if unit == "bytes":
            return f"{value / 2 ** 20:.0f} MiB"
        if unit == "percentunit":
            return f"{value * 100:.0f} %"
        if unit == "reqps":
            return f"{value:.3g}/s"
        return f"{value:.3g}"
    return FuncFormatter(fmt)


def style(axes, title):
    axes.set_facecolor(PANEL)
    for spine in axes.spines.values():
        spine.set_color(BORDER)
    axes.tick_params(colors=DIM, labelsize=7, length=0)
    axes.grid(True, color=BORDER, linewidth=0.5)
    axes.set_title(title, color=TEXT, fontsize=9, loc="left", pad=4, fontweight="bold")


def draw_timeseries(axes, panel, series, start, end):
    defaults = (panel.get("fieldConfig") or {}).get("defaults") or {}
    unit = defaults.get("unit", "short")
    stacked = ((defaults.get("custom") or {}).get("stacking") or {}).get("mode") == "normal"
    if not series:
        axes.text(0.5, 0.5, "No data", color=DIM, ha="center", va="center", transform=axes.transAxes, fontsize=10)
    if stacked and series:
        times = sorted({t for _, points in series for t, _ in points})
        values = [[dict(points).get(t, 0.0) for t in times] for _, points in series]
        axes.stackplot([datetime.datetime.fromtimestamp(t) for t in times], values, alpha=0.6, linewidth=0.8,
                       colors=PALETTE[:len(series)], labels=[name for name, _ in series])
    else:
        for index, (name, points) in enumerate(series):
            axes.plot([datetime.datetime.fromtimestamp(t) for t, _ in points], [v for _, v in points],
                      linewidth=1.2, color=PALETTE[index % len(PALETTE)], label=name)
    time_axis(axes, start, end)
    if defaults.get("min") == 0:
        axes.set_ylim(bottom=0)
    axes.yaxis.set_major_formatter(axis_formatter(unit))
    if series:
        # As many columns as the panel's width holds names.
        longest = max(len(name) for name, _ in series)
        columns = max(1, min(len(series), int(axes.bbox.width / (longest * 4.2 + 30))))
        axes.legend(loc="upper left", fontsize=6.5, frameon=False, labelcolor=TEXT, ncol=columns,
                    handlelength=1.2, columnspacing=1.0, borderaxespad=0.2)
        low, high = axes.get_ylim()
        axes.set_ylim(low, high + (high - low) * 0.25)  # room for the legend above the lines


def draw_state_timeline(axes, panel, series, start, end):
    mappings = {}
    for mapping in ((panel.get("fieldConfig") or {}).get("defaults") or {}).get("mappings") or []:
        for value, result in (mapping.get("options") or {}).items():
            mappings[float(value)] = (result.get("text", value), COLOURS.get(result.get("color"), result.get("color")))
    if not series:
        axes.text(0.5, 0.5, "No data", color=DIM, ha="center", va="center", transform=axes.transAxes, fontsize=10)
    day = 86400
    for row, (name, points) in enumerate(series):
        for (t, value), (following, _) in zip(points, points[1:] + [(end, None)]):
            text, colour = mappings.get(value, (f"{value:g}", DIM))
            axes.barh(row, (following - t) / day, left=dates.date2num(datetime.datetime.fromtimestamp(t)),
                      height=0.8, color=colour, edgecolor=colour)
        segments = [(t, mappings.get(v, (f"{v:g}",))[0]) for t, v in points]
        for index, (t, text) in enumerate(segments):
            if index == 0 or text != segments[index - 1][1]:
                axes.text(dates.date2num(datetime.datetime.fromtimestamp(t + (end - start) * 0.005)), row, text,
                          color=BACKGROUND, va="center", fontsize=7, fontweight="bold")
    axes.set_yticks(range(len(series)), [name for name, _ in series], color=TEXT, fontsize=7)
    axes.set_ylim(-0.6, max(len(series), 1) - 0.4)
    time_axis(axes, start, end)
    axes.grid(False)


def time_axis(axes, start, end):
    axes.set_xlim(datetime.datetime.fromtimestamp(start), datetime.datetime.fromtimestamp(end))
    axes.xaxis.set_major_formatter(dates.DateFormatter("%H:%M"))
    axes.xaxis.set_major_locator(dates.MinuteLocator(byminute=range(0, 60, max(1, (end - start) // 300))))


def render(args):
    with open(args.dashboard, encoding="utf-8") as handle:
        dashboard = json.load(handle)
    prometheus = Prometheus(args.prometheus)
    scrape = prometheus.scrape_interval()
    end = int(args.end or datetime.datetime.now().timestamp())
    start = end - args.last
    step = max(scrape, args.last // 240)
    variables = dict(item.split("=", 1) for item in args.var)

    panels = dashboard.get("panels") or []
    rows = max(panel["gridPos"]["y"] + panel["gridPos"]["h"] for panel in panels)
    width_px, header_px = 1600, 56
    height_px = header_px + rows * GRID_UNIT
    figure = pyplot.figure(figsize=(width_px / 100, height_px / 100), dpi=100, facecolor=BACKGROUND)
    title = args.title or dashboard.get("title", "")
    figure.text(12 / width_px, 1 - 22 / height_px, title, color=TEXT, fontsize=14, fontweight="bold", va="center")
    span = (f"{datetime.datetime.fromtimestamp(start):%Y-%m-%d %H:%M} to {datetime.datetime.fromtimestamp(end):%H:%M}"
            f"  ·  each panel's own queries of {os.path.basename(args.dashboard)}, answered by Prometheus")
    figure.text(12 / width_px, 1 - 44 / height_px, span, color=DIM, fontsize=8, va="center")

    def box(grid):
        margin = 6
        left = grid["x"] / 24 * width_px + margin
        top = header_px + grid["y"] * GRID_UNIT + margin
        width = grid["w"] / 24 * width_px - 2 * margin
        height = grid["h"] * GRID_UNIT - 2 * margin
        return left, top, width, height

    for panel in panels:
        left, top, width, height = box(panel["gridPos"])
        if panel.get("type") == "row":
            figure.text(left / width_px, 1 - (top + height / 2) / height_px, panel.get("title", ""), color=TEXT,
                        fontsize=11, fontweight="bold", va="center")
            continue
        # Room inside the panel for the title above and the tick labels beside and below.
        axes = figure.add_axes([(left + 52) / width_px, 1 - (top + height - 18) / height_px,
                                (width - 60) / width_px, (height - 42) / height_px])
        style(axes, panel.get("title", ""))
        series = []
        for target in panel.get("targets") or []:
            expr = substitute(target["expr"], variables, step, scrape)
            for result in prometheus.query_range(expr, start, end, step):
                points = [(float(t), float(v)) for t, v in result["values"] if not math.isnan(float(v))]
                if points:
                    series.append((legend(target.get("legendFormat"), result["metric"], panel.get("title")), points))
        series.sort(key=lambda item: item[0])
        if panel.get("type") == "state-timeline":
            draw_state_timeline(axes, panel, series, start, end)
        else:
            draw_timeseries(axes, panel, series, start, end)
    # 256 colours are plenty for flat panels and thin lines, and make the file a third of the size.
    image = io.BytesIO()
    figure.savefig(image, format="png", facecolor=BACKGROUND, dpi=100)
    Image.open(image).convert("RGB").quantize(colors=256).save(args.out, optimize=True)
    print(f"wrote {args.out} ({os.path.getsize(args.out) // 1024} KB)")
    if args.metric_names:
        write_metric_names(prometheus, args.metric_names)


def write_metric_names(prometheus, path):
    """The names the Prometheus holds (not its own scrape_* and up), plus the hand-kept names it did not see."""
    seen = {name for name in prometheus.get("/api/v1/label/__name__/values")
            if name != "up" and not name.startswith("scrape_")}
    by_hand = []
    if os.path.isfile(path):
        lines = open(path, encoding="utf-8").read().splitlines()
        marker = next((index for index, line in enumerate(lines) if line.startswith("# Not seen")), None)
        if marker is not None:
            by_hand = [line for line in lines[marker + 1:] if line.strip() and line.split()[0] not in seen]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("# The metric names the PayGate services export: docker/check-compose.sh accepts a Grafana\n"
                     "# dashboard query only when every metric it reads is listed here. Written by\n"
                     f"# docker/render-dashboard.py from a scrape of a ./paygate stack under load ({datetime.date.today()}).\n"
                     "# A counter that never counted is not scraped: such names are kept by hand after \"# Not seen\".\n")
        handle.writelines(f"{name}\n" for name in sorted(seen))
        handle.write("# Not seen in that scrape, kept by hand (name, then where it comes from):\n")
        handle.writelines(f"{line}\n" for line in by_hand)
    print(f"wrote {path} ({len(seen)} names scraped, {len(by_hand)} kept by hand)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    config = commands.add_parser("prometheus-config", help="print a Prometheus configuration for a ./paygate stack")
    config.add_argument("--proxy-port", type=int, default=19091, help="the text-proxy's port")
    proxy = commands.add_parser("text-proxy", help="relay scrapes, asking for the plain text format")
    proxy.add_argument("--port", type=int, default=19091)
    drawing = commands.add_parser("render", help="draw the dashboard")
    drawing.add_argument("--prometheus", required=True, help="base URL, e.g. http://127.0.0.1:9090")
    drawing.add_argument("--dashboard", default=os.path.join(ROOT, "docker/grafana/dashboards/paygate.json"))
    drawing.add_argument("--last", type=seconds, default=seconds("15m"), help="the time range, ending now or at --end")
    drawing.add_argument("--end", type=int, help="the range's end (Unix time)")
    drawing.add_argument("--var", action="append", default=[], help="a dashboard variable, name=regex (default .*)")
    drawing.add_argument("--title", help="the title over the panels (default: the dashboard's)")
    drawing.add_argument("--out", required=True, help="the PNG to write")
    drawing.add_argument("--metric-names", help="rewrite this list of exported metric names from the Prometheus")
    args = parser.parse_args()
    if args.command == "prometheus-config":
        prometheus_config(args.proxy_port)
    elif args.command == "text-proxy":
        text_proxy(args.port)
    else:
        render(args)


if __name__ == "__main__":
    sys.exit(main())
