"""The examples of lib/examples/ and python/examples/ against independent answers: the
command line's JSON report and `explain`, and a count of the log's lines by hand.

Run by ctest with EXAMPLE_TOP_FINDINGS and EXAMPLE_WARNINGS_PER_HOUR (the built examples),
LOGANALYZE_CLI, LOGANALYZE_SAMPLES_DIR, LOGANALYZE_SOURCE_DIR and, for the Python example,
PYTHONPATH to the package.
"""

import collections
import json
import os
import subprocess
import sys

import pytest

CLI = os.environ["LOGANALYZE_CLI"]
SAMPLES = os.environ["LOGANALYZE_SAMPLES_DIR"]
SOURCE = os.environ["LOGANALYZE_SOURCE_DIR"]
ENGINE = os.path.join(SAMPLES, "mars", "CBEngineCurr.errlog")


def run(*args, code=0):
    out = subprocess.run(list(args), stdout=subprocess.PIPE, check=False)
    assert out.returncode == code, out
    return out.stdout.decode("utf-8")


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_top_findings(lang):
    """The C++ example prints what the command line's report says, in the same words."""
    example = os.environ["EXAMPLE_TOP_FINDINGS"]
    got = run(example, "--lang", lang, "--year", "2026", SAMPLES).splitlines()
    report = json.loads(run(CLI, SAMPLES, "--year", "2026", "--lang", lang, "-f", "json", "-q"))
    s = report["summary"]
    want = [f"{s['inputs']} inputs, {s['records']} records, {s['findings']} findings"]
    for f in report["findings"][:5]:
        want.append(f"{f['count']}\t{f['severity']}\t{f['title']}")
    assert got == want
    assert len(want) == 6


def test_top_findings_names_what_it_cannot_read(tmp_path):
    example = os.environ["EXAMPLE_TOP_FINDINGS"]
    missing = str(tmp_path / "gone.errlog")
    got = run(example, ENGINE, missing, code=3)
    assert f"cannot read {missing}: no such file or folder; check the path (not_found)" in got


def warnings_by_hand(path, year):
    """WARNING lines per hour, read from the UTF-16 file with nothing but split()."""
    text = open(path, "rb").read().decode("utf-16")
    hours = collections.Counter()
    order = []
    for line in text.splitlines():
        f = line.split("\t")
        # The level is the 9th or 10th column (the second layout has an empty column first).
        if len(f) >= 10 and "WARNING" in (f[8], f[9]):
            month, day = f[2].split("/")
            hour = f"{year}-{month}-{day}T{f[3][:2]}"
            if hour not in hours:
                order.append(hour)
            hours[hour] += 1
    return [(h, hours[h]) for h in order]


def test_warnings_per_hour():
    """The C example counts what a plain reading of the file counts."""
    example = os.environ["EXAMPLE_WARNINGS_PER_HOUR"]
    got = run(example, "--year", "2026", ENGINE).splitlines()
    assert got[0].endswith(" records")
    want = warnings_by_hand(ENGINE, 2026)
    assert len(want) > 10
    assert [tuple(line.split("\t")) for line in got[1:]] == [(h, str(n)) for h, n in want]


def test_warnings_per_hour_names_a_missing_file(tmp_path):
    example = os.environ["EXAMPLE_WARNINGS_PER_HOUR"]
    out = subprocess.run([example, str(tmp_path / "gone.errlog")], stderr=subprocess.PIPE)
    assert out.returncode == 1
    assert b"NOT_FOUND" in out.stderr.upper() and b"gone.errlog" in out.stderr


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_explain(lang):
    """The Python example gives the title, cause and actions that `loganalyze explain` does."""
    script = os.path.join(SOURCE, "python", "examples", "explain.py")
    got = run(sys.executable, script, "0x80070005", "--lang", lang).splitlines()
    cli = run(CLI, "explain", "0x80070005", "--lang", lang).splitlines()
    title, entry_id = cli[0], cli[1].split(" · ")[0].strip()
    assert got[0] == f"{entry_id}: {title}"
    cause = got[1]
    assert cause and any(cause == line.strip() for line in cli)
    actions = [a[2:] for a in got[2:]]
    assert len(actions) >= 2
    for n, action in enumerate(actions, 1):
        assert f"  {n}. {action}" in cli
