"""The fleet report over real bundle reports: server names, merging in any grouping, the
four formats, and the HTML heat map in headless Chromium."""

import json
import os
import subprocess

import pytest

import loganalyze
from loganalyze import fleet_report

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def summaries(fleet_bundles):
    out = []
    for b in fleet_bundles:
        report = loganalyze.analyze([b], jobs=1, year=2026, strict=False)
        out.append(fleet_report.summarize(report, fleet_report.server_name(b, report)))
    return out


def test_server_names():
    report = {"inputs": [
        {"path": "x.zip", "member": "WEB7/Temp/CBEngineCurr.errlog", "format": "errlog"},
        {"path": "x.zip", "member": "WEB7/Temp/LastBackupFailedFiles1.txt",
         "format": "failed-files"},
        {"path": "x.zip", "member": "readme.md", "format": None}]}
    name = fleet_report.server_name
    assert name("in/SRV01_2026-01-05.zip", report) == "SRV01"
    assert name("in/SRV01 2026-01-05.tar.gz", report) == "SRV01"
    assert name("in/DPM-02.7z", report) == "DPM-02"
    assert name("SRV03/2026-01-05.zip", report) == "SRV03"  # a date: the folder
    assert name("SRV03/2026-01-05.zip", report, "name") == "2026-01-05"
    assert name("SRV03/case_1.zip", report, "folder") == "SRV03"
    assert name("in/case-17.zip", report, "paths") == "WEB7"
    folder = {"inputs": [{"path": "b/HOST4/Temp/CBEngineCurr.errlog", "member": None,
                          "format": "errlog"}]}
    assert name("b", folder, "paths") == "HOST4"
    mixed = {"inputs": report["inputs"] + [
        {"path": "x.zip", "member": "SQL1/Temp/CBEngineCurr.errlog", "format": "errlog"}]}
    assert name("in/case-17.zip", mixed, "paths") == "case-17"  # no one server: the name


def test_merging_in_any_grouping_gives_the_same_summary(summaries):
    one_by_one = fleet_report.empty()
    for s in summaries:
        one_by_one = fleet_report.merge(one_by_one, s)
    half = len(summaries) // 2
    left, right = fleet_report.empty(), fleet_report.empty()
    for s in summaries[:half]:
        left = fleet_report.merge(left, s)
    for s in reversed(summaries[half:]):
        right = fleet_report.merge(s, right)
    assert fleet_report.merge(left, right) == one_by_one
    assert one_by_one["bundles"] == len(summaries)
    # A finding of every bundle counts once per bundle; a server's bundles add up.
    assert sum(one_by_one["servers"].values()) == len(summaries)
    for f in one_by_one["findings"].values():
        assert sum(f["servers"].values()) == f["count"]
        assert f["first_seen"] is None or f["first_seen"] <= f["last_seen"]



def _finding(first, last, days=None):
    f = {"id": "MARS-X", "severity": "error", "title": "x", "count": 5,
         "first_seen": first, "last_seen": last}
    if days is not None:
        f["days"] = days
    return {"findings": [f]}


def test_the_trend_counts_bundles_and_records_per_day():
    a = fleet_report.summarize(_finding("2026-01-01T08:00:00", "2026-01-03T09:00:00",
                                        {"2026-01-01": 2, "2026-01-03": 3}), "S1")
    b = fleet_report.summarize(_finding("2026-01-03T10:00:00", "2026-01-04T11:00:00",
                                        {"2026-01-03": 1, "2026-01-04": 4}), "S2")
    # A report of an earlier version, without per-day counts: every day from first to last.
    old = fleet_report.summarize(_finding("2026-01-02T00:00:00", "2026-01-03T00:00:00"), "S3")
    total = fleet_report.empty()
    for s in (a, b, old):
        total = fleet_report.merge(total, s)
    (f,) = fleet_report.to_json(total, [])["findings"]
    assert f["trend"] == [
        {"day": "2026-01-01", "bundles": 1, "records": 2},
        {"day": "2026-01-02", "bundles": 1, "records": 0},  # only the old report's range
        {"day": "2026-01-03", "bundles": 3, "records": 4},
        {"day": "2026-01-04", "bundles": 1, "records": 4},
    ]
    assert f["trend_approximate_bundles"] == 1
    # A day without a record of it in a bundle is not in that bundle's trend.
    (only_a,) = fleet_report.to_json(a, [])["findings"]
    assert [t["day"] for t in only_a["trend"]] == ["2026-01-01", "2026-01-03"]
    assert only_a["trend_approximate_bundles"] == 0

def _fleet_doc(summaries):
    total = fleet_report.empty()
    for s in summaries:
        total = fleet_report.merge(total, s)
    return fleet_report.to_json(total, [{"bundle": "in/bad.zip", "reason": "<cut> & gone"}])


def test_the_formats(summaries):
    doc = _fleet_doc(summaries)
    top = doc["findings"][0]
    assert top["servers"] == max(f["servers"] for f in doc["findings"])
    assert json.loads(fleet_report.render_json(doc)) == doc
    text = fleet_report.render_text(doc)
    assert top["title"] in text and "in/bad.zip: <cut> & gone" in text
    md = fleet_report.render_markdown(doc)
    assert f"(`{top['id']}`) | {top['severity']} | {top['servers']} | {top['bundles']} |" in md
    page = fleet_report.render_html(doc)
    assert "&lt;cut&gt; &amp; gone" in page and "<cut>" not in page


def _problems(log):
    signs = (":CONSOLE", "Uncaught", "Failed to load resource", "net::ERR_", "Refused to")
    return [line for line in log.splitlines() if any(s in line for s in signs)]


@pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                    reason="no /usr/bin/chromium (Debian's chromium; .ci/setup installs it)")
def test_the_heat_map_in_chromium(summaries, tmp_path):
    doc = _fleet_doc(summaries)
    # A title that would end the data block early if it were not escaped.
    doc["findings"][0]["title"] = "</script><script>document.title='x'</script>"
    page = tmp_path / "fleet.html"
    page.write_text(fleet_report.render_html(doc), encoding="utf-8")
    run = subprocess.run(
        ["timeout", "60", CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
         "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=3000", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", f"file://{page}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=90,
        # The browser is not this project's code: not under the sanitizers' runtime.
        env={k: v for k, v in os.environ.items() if k != "LD_PRELOAD"})
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert 'data-ready="1"' in dom[:dom.find(">", dom.find("<html")) + 1]
    assert _problems(run.stderr) == []
    shown = doc["findings"][:40]  # render_html's bound; the servers are fewer than theirs
    assert dom.count('class="cell"') == len(doc["servers"]) * len(shown)
    # Every server and finding pair with hits is a coloured cell with its count.
    for f in shown:
        for server, n in f["by_server"].items():
            assert f'data-count="{n}" title="{server} · ' in dom
    assert "<title>loganalyze fleet report</title>" in dom
