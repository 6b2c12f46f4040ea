"""The Python package against the command line (LOGANALYZE_CLI) over samples/."""

import json
import os
import resource
import subprocess
import sys
import threading
import time

import pytest

import loganalyze

CLI = os.environ["LOGANALYZE_CLI"]
SAMPLES = os.environ["LOGANALYZE_SAMPLES_DIR"]
ENGINE = os.path.join(SAMPLES, "mars", "CBEngineCurr.errlog")


def cli_report(*args):
    out = subprocess.run([CLI, *args, "-f", "json", "-q"], check=True, stdout=subprocess.PIPE)
    return json.loads(out.stdout)


def test_version():
    assert loganalyze.version().count(".") == 2
    kb = loganalyze.KnowledgeBase.default()
    assert len(kb) > 10 and kb.version


def test_analyze_equals_the_cli():
    report = loganalyze.analyze([SAMPLES], jobs=2, lang="en", year=2026)
    assert report == cli_report(SAMPLES, "--year", "2026", "--lang", "en", "-j2")
    assert report["schema"] == "loganalyze.report/1"
    codes = {c for f in report["findings"] for c in f.get("codes", [])}
    assert "0x80070570" in codes


def test_analyze_options_in_chinese():
    report = loganalyze.analyze(SAMPLES, jobs=1, lang="zh-TW", year=2026, since="2026-01-03",
                                until="2026-01-04", min_severity="warning")
    assert report == cli_report(SAMPLES, "--year", "2026", "--lang", "zh-TW", "-j1",
                                "--since", "2026-01-03", "--until", "2026-01-04",
                                "--min-severity", "warning")


def test_explain_both_languages():
    en = loganalyze.explain("0x80070005", lang="en")
    zh = loganalyze.explain("0x80070005")  # zh-TW by default
    assert en and [e["id"] for e in en] == [e["id"] for e in zh]
    first = en[0]
    assert "0x80070005" in first["codes"]
    assert first["title"] and first["cause"] and first["actions"] and first["severity"]
    assert zh[0]["title"] != first["title"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh[0]["title"])
    assert loganalyze.explain("zzqxv") == []
    with pytest.raises(ValueError, match="de"):
        loganalyze.explain("0x80070005", lang="de")


def test_records_count_equals_the_cli():
    want = cli_report(ENGINE, "--year", "2026")["inputs"][0]
    n = 0
    first = None
    for r in loganalyze.records(ENGINE, year=2026):
        if first is None:
            first = r
        n += 1
    assert n == want["records"]
    assert first["time"] == want["first_time"] and first["format"] == "errlog"
    assert first["line"] >= 1 and isinstance(first["codes"], list)


def test_records_final_years():
    # CBEngine1.errlog runs over New Year: its times are the report's.
    rotated = os.path.join(SAMPLES, "mars", "CBEngine1.errlog")
    want = cli_report(rotated, "--year", "2026")["inputs"][0]
    times = [r["time"] for r in loganalyze.records(rotated, year=2026) if r["time"]]
    assert len(times) == want["records"]
    assert min(times) == want["first_time"] and min(times).startswith("2025-12-")
    assert max(times) == want["last_time"] and max(times).startswith("2026-01-")
    coded = [r for r in loganalyze.records(ENGINE) if r["codes"]]
    assert coded and all(c.startswith("0x") or c.isalnum() for r in coded for c in r["codes"])


def test_records_stop_early():
    it = loganalyze.records(ENGINE)
    taken = [next(it) for _ in range(5)]
    it.close()
    assert [r["line"] for r in taken] == sorted(r["line"] for r in taken)
    with pytest.raises(StopIteration):
        next(it)


@pytest.mark.skipif(os.environ.get("LOGANALYZE_SANITIZED") == "1",
                    reason="AddressSanitizer's quarantine keeps freed memory; the normal "
                           "build measures it")
def test_records_bounded_memory(tmp_path):
    # About 40 MB of errlog lines, written without holding them in memory.
    path = tmp_path / "big.errlog"
    line = ("0AB0\t0974\t01/04\t13:16:29.206\t18\tEngine.cpp(287)\t\t"
            "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\tNORMAL\t" + "x" * 80 + "\n")
    block = line * 1000
    with open(path, "w") as f:
        for _ in range(300):
            f.write(block)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB
    n = 0
    for _ in loganalyze.records(path, year=2026):
        n += 1
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert n == 300_000
    assert grown < 20 * 1024, f"peak memory grew by {grown} KiB over a 40 MB file"


def test_missing_path_raises_with_the_path():
    missing = os.path.join(SAMPLES, "no-such-file.errlog")
    with pytest.raises(FileNotFoundError, match="no-such-file.errlog"):
        loganalyze.records(missing)
    with pytest.raises(loganalyze.IncompleteAnalysisError, match="no-such-file.errlog") as e:
        loganalyze.analyze([ENGINE, missing], year=2026)
    assert any("no-such-file.errlog" in err["path"] for err in e.value.report["errors"])
    partial = loganalyze.analyze([ENGINE, missing], year=2026, strict=False)
    assert partial == e.value.report
    with pytest.raises(ValueError, match="fr"):
        loganalyze.analyze(ENGINE, lang="fr")


def test_analysis_releases_the_gil():
    # The spinner gives the GIL up at every turn (sleep(0)), and with a long switch
    # interval it cannot take the GIL from a thread that holds it: it counts during
    # analyze() only if analyze() released the GIL.
    old = sys.getswitchinterval()
    sys.setswitchinterval(5.0)
    count = 0
    stop = False

    def spin():
        nonlocal count
        while not stop:
            count += 1
            time.sleep(0)

    kb = loganalyze.KnowledgeBase.default()
    t = threading.Thread(target=spin)
    try:
        t.start()
        while count == 0:
            time.sleep(0.001)
        before = count
        # A knowledge base of its own: the call compiles the patterns too (a handle keeps
        # them once compiled), so it lasts long enough for the count to tell.
        loganalyze.analyze(SAMPLES, jobs=1, year=2026, kb=kb)
        during = count - before
    finally:
        stop = True
        sys.setswitchinterval(old)
        t.join()
    assert during > 100
