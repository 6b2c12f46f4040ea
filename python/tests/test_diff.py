"""`loganalyze diff` and `loganalyze recurring` through the real command line, on bundles
written here whose differences were worked out by hand."""

import json
import os
import subprocess

CLI = os.environ["LOGANALYZE_CLI"]


def errlog_line(day, hour, code, guid=""):
    return (f"0AB0\t0974\t01/{day:02d}\t{hour:02d}:00:00.000\t71\tx.cpp(1)\t\t{guid}\tWARNING\t"
            f"Failed: Hr: = [{code}]\r\n")


def bundle(folder, files):
    os.makedirs(folder, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(b"\xff\xfe" + text.encode("utf-16-le"))
    return str(folder)


def run(*args):
    out = subprocess.run([CLI, *args], stdout=subprocess.PIPE, check=False)
    return out.returncode, out.stdout.decode("utf-8")


def diff(old, new, *extra):
    code, text = run("diff", old, new, "-f", "json", "--year", "2026", "-q", *extra)
    return code, json.loads(text)


def by_code(findings):
    return {",".join(f["codes"]): f for f in findings}


def test_pair_one_findings_new_gone_worse_same(tmp_path):
    # Old, one day of log (01/03): 0x80070005 once, 0x80070570 once, 0x80070020 twice.
    old = bundle(tmp_path / "old", {"CBEngineCurr.errlog": (
        errlog_line(3, 9, "0x80070005") + errlog_line(3, 10, "0x80070570") +
        errlog_line(3, 11, "0x80070020") + errlog_line(3, 12, "0x80070020"))})
    # New, one day of log (01/04): 0x80070005 gone, 0x80070570 three times (worse: 1 -> 3 a
    # day), 0x80070020 twice (same), 0x80042306 once (new).
    new = bundle(tmp_path / "new", {"CBEngineCurr.errlog": (
        errlog_line(4, 9, "0x80070570") + errlog_line(4, 10, "0x80070570") +
        errlog_line(4, 11, "0x80070570") + errlog_line(4, 12, "0x80070020") +
        errlog_line(4, 13, "0x80070020") + errlog_line(4, 14, "0x80042306"))})
    code, d = diff(old, new)
    assert code == 0
    f = by_code(d["findings"])
    assert {c: (x["change"], x["old_count"], x["new_count"]) for c, x in f.items()} == {
        "0x80070005": ("gone", 1, 0),
        "0x80070570": ("worse", 1, 3),
        "0x80070020": ("same", 2, 2),
        "0x80042306": ("new", 0, 1),
    }
    assert f["0x80070570"]["old_rate"] == 1 and f["0x80070570"]["new_rate"] == 3
    assert d["summary"]["findings"] == {"new": 1, "worse": 1, "better": 0, "gone": 1, "same": 1}
    assert d["summary"]["has_new"] is True
    # --fail-on new: exit 1 when something is new, 0 when nothing is (a bundle against itself).
    assert run("diff", old, new, "--fail-on", "new", "--year", "2026", "-q")[0] == 1
    assert run("diff", new, new, "--fail-on", "new", "--year", "2026", "-q")[0] == 0


def test_pair_two_failed_files_new_still_fixed(tmp_path):
    old = bundle(tmp_path / "old", {"LastBackupFailedFiles17af1_1_3_2026_1230.txt":
                                    "D:\\a.txt\t0x80070005\r\nD:\\b.txt\t0x80070020\r\n"})
    new = bundle(tmp_path / "new", {"LastBackupFailedFiles17af1_1_4_2026_1230.txt":
                                    "D:\\b.txt\t0x80070020\r\nD:\\c.txt\t0x80070570\r\n"})
    code, d = diff(old, new)
    assert code == 0
    assert [(x["path"], x["code"], x["change"]) for x in d["failed_files"]] == [
        ("D:\\c.txt", "0x80070570", "new"),
        ("D:\\b.txt", "0x80070020", "still"),
        ("D:\\a.txt", "0x80070005", "fixed"),
    ]
    assert d["summary"]["failed_files"] == {"new": 1, "still": 1, "fixed": 1, "not_listed": 0}
    # The same comparison from the two bundles' JSON reports.
    reports = []
    for side in (old, new):
        path = side + ".json"
        assert run(side, "-f", "json", "--year", "2026", "-q", "-o", path)[0] == 0
        reports.append(path)
    assert diff(*reports)[1]["failed_files"] == d["failed_files"]


def test_recurring_on_five_bundles(tmp_path):
    # Code A in every bundle, B in bundles 2, 3 and 5, C in bundle 1 only.
    present = {"0x80070570": [1, 2, 3, 4, 5], "0x80070020": [2, 3, 5], "0x80070005": [1]}
    bundles = []
    for n in range(1, 6):
        lines = "".join(errlog_line(n, 10 + k, code)
                        for k, (code, where) in enumerate(sorted(present.items()))
                        if n in where)
        bundles.append(bundle(tmp_path / f"b{n}", {"CBEngineCurr.errlog": lines}))
    code, text = run("recurring", *bundles, "--min", "3", "-f", "json", "--year", "2026", "-q")
    assert code == 0
    r = json.loads(text)
    got = {",".join(f["codes"]): (f["present"], f["first_report"], f["counts"], f["in_latest"])
           for f in r["findings"]}
    assert got == {
        "0x80070570": (5, 1, [1, 1, 1, 1, 1], True),
        "0x80070020": (3, 2, [0, 1, 1, 0, 1], True),
    }
    code, text = run("recurring", *bundles, "--min", "1", "-f", "json", "--year", "2026", "-q")
    assert {",".join(f["codes"]): f["present"] for f in json.loads(text)["findings"]} == {
        "0x80070570": 5, "0x80070020": 3, "0x80070005": 1}
