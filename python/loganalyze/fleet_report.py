"""The fleet report: which findings hit how many bundles and servers, when, and how often
per day. A summary is a plain, mergeable value (dicts of counts): the summary of one
bundle's report, merged with others in any grouping, gives the same result. Its size
grows with the distinct findings, servers and days, not with the number of bundles.

Rendered as text, JSON (schema loganalyze.fleet/1), Markdown and HTML (with a servers x
findings heat map)."""

import html as _html
import json as _json
import re as _re
from datetime import date as _date, timedelta as _timedelta

SCHEMA = "loganalyze.fleet/1"
SEVERITIES = ["info", "warning", "error", "critical"]
# In a report without per-day counts (versions before them), a finding adds the days from its
# first to its last record to the trend, the last MAX_DAYS_PER_BUNDLE at most.
MAX_DAYS_PER_BUNDLE = 31
_ARCHIVE_SUFFIX = _re.compile(r"(\.(zip|7z|cab|tar|tgz|gz|tar\.gz))+$", _re.IGNORECASE)
_DATE_LIKE = _re.compile(r"^[0-9][0-9._-]*$")


def bundle_stem(path):
    """The name of a bundle: its file or folder name without archive extensions."""
    name = str(path).rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1]
    return _ARCHIVE_SUFFIX.sub("", name)


def server_name(bundle, report, rule="auto"):
    """The server a bundle comes from (see README, Fleet: server names).

    name:   the bundle's name without archive extensions, up to the first "_" or " "
            ("SRV01_2026-01-05.zip" -> "SRV01").
    folder: the name of the folder that holds the bundle ("SRV01/2026-01-05.zip").
    paths:  the first path component that every analysed input of the bundle has below
            the bundle (archive members "SRV01/Temp/..." or files "bundle/SRV01/...").
    auto:   name, unless it is empty or looks like a date or a number; then folder.
    """
    stem = bundle_stem(bundle)
    by_name = _re.split(r"[_ ]", stem, maxsplit=1)[0]
    if rule == "name":
        return by_name or stem
    parts = str(bundle).rstrip("/\\").replace("\\", "/").split("/")
    by_folder = parts[-2] if len(parts) >= 2 and parts[-2] not in ("", ".") else ""
    if rule == "folder":
        return by_folder or by_name
    if rule == "paths":
        return _common_first_component(bundle, report) or by_name
    if not by_name or _DATE_LIKE.match(by_name):
        return by_folder or stem
    return by_name


def _common_first_component(bundle, report):
    root = str(bundle).rstrip("/\\").replace("\\", "/")
    firsts = set()
    for inp in report.get("inputs", []):
        if inp.get("format") is None:
            continue
        if inp.get("member"):
            rest = inp["member"]
        else:
            path = inp["path"].replace("\\", "/")
            if not path.startswith(root + "/"):
                return ""
            rest = path[len(root) + 1:]
        if "/" not in rest:
            return ""
        firsts.add(rest.split("/", 1)[0])
    return firsts.pop() if len(firsts) == 1 else ""


def _days(first, last):
    """The days from first to last (times "YYYY-MM-DDTHH:MM:SS.mmm"), the last
    MAX_DAYS_PER_BUNDLE at most."""
    if not first or not last:
        return []
    a = _date.fromisoformat(first[:10])
    b = _date.fromisoformat(last[:10])
    a = max(a, b - _timedelta(days=MAX_DAYS_PER_BUNDLE - 1))
    return [(a + _timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


def summarize(report, server):
    """The fleet summary of one bundle's report (a dict as loganalyze.analyze returns)."""
    findings = {}
    for f in report.get("findings", []):
        if "days" in f:
            days, records, approximate = {d: 1 for d in f["days"]}, dict(f["days"]), 0
        else:
            days = {d: 1 for d in _days(f["first_seen"], f["last_seen"])}
            records, approximate = {}, 1
        findings[f["id"]] = {
            "severity": f["severity"],
            "title": f["title"],
            "bundles": 1,
            "count": f["count"],
            "servers": {server: f["count"]},
            "first_seen": f["first_seen"],
            "last_seen": f["last_seen"],
            "days": days,  # bundles with records of it that day
            "records": records,  # its records per day
            "approximate": approximate,  # bundles whose days are its first-to-last range
        }
    return {"bundles": 1, "servers": {server: 1}, "findings": findings}


def empty():
    return {"bundles": 0, "servers": {}, "findings": {}}


def _add_counts(into, other):
    for k, n in other.items():
        into[k] = into.get(k, 0) + n


def _min(a, b):
    return b if a is None else a if b is None else min(a, b)


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)


def _merge_into(out, b):
    out["bundles"] += b["bundles"]
    _add_counts(out["servers"], b["servers"])
    for fid, f in b["findings"].items():
        into = out["findings"].get(fid)
        if into is None:
            out["findings"][fid] = _json.loads(_json.dumps(f))
            continue
        if SEVERITIES.index(f["severity"]) > SEVERITIES.index(into["severity"]):
            into["severity"] = f["severity"]
        into["title"] = min(into["title"], f["title"])
        into["bundles"] += f["bundles"]
        into["count"] += f["count"]
        _add_counts(into["servers"], f["servers"])
        _add_counts(into["days"], f["days"])
        _add_counts(into["records"], f["records"])
        into["approximate"] += f["approximate"]
        into["first_seen"] = _min(into["first_seen"], f["first_seen"])
        into["last_seen"] = _max(into["last_seen"], f["last_seen"])


def merge(a, b):
    """The summary of both (a new value; a and b are left as they are)."""
    return merge_all([a, b])


def merge_all(summaries):
    """The summary of all (a new value; the summaries are left as they are)."""
    out = empty()
    for s in summaries:
        _merge_into(out, s)
    return out


def ordered_findings(summary):
    """Most servers first, then most bundles, then severity, then id."""
    items = list(summary["findings"].items())
    items.sort(key=lambda kv: (-len(kv[1]["servers"]), -kv[1]["bundles"],
                               -SEVERITIES.index(kv[1]["severity"]), kv[0]))
    return items


def to_json(summary, problems):
    """The fleet report as a JSON-ready dict; `problems` lists {"bundle", "reason"}."""
    findings = []
    for fid, f in ordered_findings(summary):
        findings.append({
            "id": fid, "severity": f["severity"], "title": f["title"],
            "bundles": f["bundles"], "servers": len(f["servers"]), "count": f["count"],
            "first_seen": f["first_seen"], "last_seen": f["last_seen"],
            "trend": [{"day": d, "bundles": n, "records": f["records"].get(d, 0)}
                      for d, n in sorted(f["days"].items())],
            "trend_approximate_bundles": f["approximate"],
            "by_server": dict(sorted(f["servers"].items())),
        })
    return {
        "schema": SCHEMA,
        "bundles": summary["bundles"],
        "servers": [{"name": s, "bundles": n} for s, n in sorted(summary["servers"].items())],
        "findings": findings,
        "problems": sorted(problems, key=lambda p: (p["bundle"], p["reason"])),
    }


def render_json(doc):
    return _json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


_BARS = " ▁▂▃▄▅▆▇█"


def _last_days(doc, n=14):
    last = max((f["last_seen"] for f in doc["findings"] if f["last_seen"]), default=None)
    if last is None:
        return []
    end = _date.fromisoformat(last[:10])
    return [(end - _timedelta(days=n - 1 - i)).isoformat() for i in range(n)]


def _spark(f, days):
    counts = {t["day"]: t["bundles"] for t in f["trend"]}
    peak = max([counts.get(d, 0) for d in days] + [1])
    return "".join(_BARS[0 if counts.get(d, 0) == 0 else 1 + (counts[d] * 7) // peak]
                   for d in days)


def _when(t):
    return t[:16].replace("T", " ") if t else "-"


def render_text(doc):
    days = _last_days(doc)
    lines = [f"loganalyze fleet · {doc['bundles']} bundles · {len(doc['servers'])} servers · "
             f"{len(doc['findings'])} findings · {len(doc['problems'])} problems", ""]
    if days:
        lines.append(f"trend: bundles per day, {days[0]} to {days[-1]}")
    lines.append(f"{'servers':>7} {'bundles':>7}  {'severity':<8}  {'first seen':<16}  "
                 f"{'last seen':<16}  {'trend':<14}  finding")
    for f in doc["findings"]:
        lines.append(f"{f['servers']:>7} {f['bundles']:>7}  {f['severity']:<8}  "
                     f"{_when(f['first_seen']):<16}  {_when(f['last_seen']):<16}  "
                     f"{_spark(f, days):<14}  {f['title']} ({f['id']})")
    if doc["problems"]:
        lines += ["", "Bundles with problems:"]
        lines += [f"  {p['bundle']}: {p['reason']}" for p in doc["problems"]]
    return "\n".join(lines) + "\n"


def _md(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(doc):
    days = _last_days(doc)
    out = [f"# Fleet report", "",
           f"{doc['bundles']} bundles from {len(doc['servers'])} servers; "
           f"{len(doc['problems'])} bundles with problems.", "",
           "| finding | severity | servers | bundles | first seen | last seen | trend |",
           "|---|---|---:|---:|---|---|---|"]
    for f in doc["findings"]:
        out.append(f"| {_md(f['title'])} (`{f['id']}`) | {f['severity']} | {f['servers']} | "
                   f"{f['bundles']} | {_when(f['first_seen'])} | {_when(f['last_seen'])} | "
                   f"`{_spark(f, days)}` |")
    if doc["problems"]:
        out += ["", "## Bundles with problems", ""]
        out += [f"- `{_md(p['bundle'])}`: {_md(p['reason'])}" for p in doc["problems"]]
    return "\n".join(out) + "\n"


_HTML_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>loganalyze fleet report</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse}td,th{padding:2px 6px;border:1px solid #ddd;text-align:left}
td.n{text-align:right}
#heatmap td.cell{width:1.6em;height:1.2em;text-align:center;font-size:11px;border:1px solid #fff}
#heatmap th.f{writing-mode:vertical-rl;transform:rotate(180deg);max-height:16em;font-weight:normal}
</style></head><body>
"""

# Draws the heat map from the data block: one row per server, one column per finding, the
# cell's colour by the finding's count on that server (log scale), its title the numbers.
_HTML_SCRIPT = """<script>
(function () {
  var data = JSON.parse(document.getElementById('fleet-data').textContent);
  var table = document.getElementById('heatmap');
  var head = table.insertRow();
  head.appendChild(document.createElement('th')).textContent = 'server';
  data.findings.forEach(function (f) {
    var th = document.createElement('th');
    th.className = 'f';
    th.textContent = f.title;
    th.title = f.id;
    head.appendChild(th);
  });
  var peak = 1;
  data.findings.forEach(function (f) {
    Object.keys(f.by_server).forEach(function (s) { peak = Math.max(peak, f.by_server[s]); });
  });
  data.servers.forEach(function (s) {
    var row = table.insertRow();
    row.appendChild(document.createElement('th')).textContent = s.name;
    data.findings.forEach(function (f) {
      var n = f.by_server[s.name] || 0;
      var td = row.insertCell();
      td.className = 'cell';
      td.dataset.count = n;
      td.title = s.name + ' · ' + f.title + ': ' + n;
      if (n > 0) {
        var level = Math.log(1 + n) / Math.log(1 + peak);
        td.style.background = 'rgba(200,30,30,' + (0.15 + 0.85 * level).toFixed(3) + ')';
      }
    });
  });
  document.documentElement.setAttribute('data-ready', '1');
})();
</script>
"""


def render_html(doc, max_servers=60, max_findings=40):
    """One self-contained page: the findings table and the servers x findings heat map
    (the servers and findings with most hits first, at most max_servers x max_findings)."""
    e = _html.escape
    findings = doc["findings"][:max_findings]
    totals = {}
    for f in findings:
        for s, n in f["by_server"].items():
            totals[s] = totals.get(s, 0) + n
    servers = sorted(doc["servers"], key=lambda s: (-totals.get(s["name"], 0), s["name"]))
    servers = servers[:max_servers]
    data = {"servers": servers,
            "findings": [{k: f[k] for k in ("id", "title", "by_server")} for f in findings]}
    # "</" would end the script element early.
    blob = _json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    out = [_HTML_HEAD, "<h1>Fleet report</h1>",
           f"<p id=\"overview\">{doc['bundles']} bundles from {len(doc['servers'])} servers; "
           f"{len(doc['problems'])} bundles with problems.</p>",
           "<h2>Findings</h2><table id=\"findings\"><tr><th>finding</th><th>severity</th>"
           "<th>servers</th><th>bundles</th><th>first seen</th><th>last seen</th>"
           "<th>trend (bundles per day)</th></tr>"]
    days = _last_days(doc)
    for f in doc["findings"]:
        out.append(f"<tr><td>{e(f['title'])} <code>{e(f['id'])}</code></td>"
                   f"<td>{e(f['severity'])}</td><td class=\"n\">{f['servers']}</td>"
                   f"<td class=\"n\">{f['bundles']}</td><td>{e(_when(f['first_seen']))}</td>"
                   f"<td>{e(_when(f['last_seen']))}</td><td><code>{e(_spark(f, days))}</code>"
                   "</td></tr>")
    out.append("</table>")
    out.append(f"<h2>Servers × findings</h2><p>{len(servers)} of {len(doc['servers'])} "
               f"servers, {len(findings)} of {len(doc['findings'])} findings; a cell's "
               "colour is the finding's count on the server.</p><table id=\"heatmap\"></table>")
    out.append("<h2>Bundles with problems</h2><ul id=\"problems\">")
    out += [f"<li><code>{e(p['bundle'])}</code>: {e(p['reason'])}</li>" for p in doc["problems"]]
    out.append("</ul>")
    out.append(f"<script type=\"application/json\" id=\"fleet-data\">{blob}</script>")
    out.append(_HTML_SCRIPT)
    out.append("</body></html>\n")
    return "\n".join(out)


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown,
             "html": render_html}
