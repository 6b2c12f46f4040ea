#!/usr/bin/python3
"""Fleet mode at scale: 1,000 small bundles and 20 large ones, analysed three ways, and the
memory of the merge as the number of bundles grows.

    PYTHONPATH=build/python:python /usr/bin/python3 benchmarks/fleet_benchmark.py build WORK

BUILD holds a Release build (cli/loganalyze, benchmarks/make_corpus, python/); WORK
receives the bundles (about 600 MiB; kept for a second run). SMALL (default 64K) and LARGE
(default 12M) set the size of each log of a small and of a large bundle. Needs GNU time
(/usr/bin/time) and python3-distributed. Prints one line per measurement.

1. A sequential loop of `loganalyze -f json BUNDLE` (one process per bundle), then
   `loganalyze merge` of the 1,020 reports.
2. `loganalyze -j2` on one process over all bundles (one report).
3. `python3 -m loganalyze.fleet` on a LocalCluster of 2 worker processes; its merged
   report is compared byte for byte with the loop's `merge`.
4. The merge alone, in a fresh process per size, over N of the loop's reports (N = 135 ...
   1,020; all 270 servers from N = 270 on; 2,040: each report twice): peak memory of
   merging the fleet summaries, with the (finding, server) pairs it holds, and of
   `loganalyze merge`, by default (inputs and jobs listed up to 10,000 each, which these
   sizes do not reach) and with bounds they pass (BOUNDS: 250 inputs, 50 inputs per finding,
   250 jobs), whose finding counts are checked against the default's.

MERGE_ONLY=1 runs step 4 alone, on the reports of an earlier run in WORK.
"""

import glob
import json
import os
import resource
import subprocess
import sys
import time

BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
WORK = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "/var/tmp/loganalyze-fleet")
CLI = os.path.join(BUILD, "cli", "loganalyze")
MAKE_CORPUS = os.path.join(BUILD, "benchmarks", "make_corpus")
SMALL, LARGE = os.environ.get("SMALL", "64K"), os.environ.get("LARGE", "12M")
SERVERS, DAYS, BIG = 250, 4, 20
BOUNDS = ["--limit", "max_inputs=250", "--limit", "inputs_per_finding=50", "--limit",
          "max_jobs=250"]


def timed(cmd, **kw):
    """Runs cmd under GNU time; returns (seconds, peak RSS in MiB, returncode)."""
    out = os.path.join(WORK, "time.out")
    rc = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out, *cmd], **kw).returncode
    secs, kib = open(out).read().split()[-2:]
    return float(secs), int(kib) / 1024, rc


def generate():
    small, large = os.path.join(WORK, "small"), os.path.join(WORK, "large")
    if not os.path.isdir(large):
        for s in range(SERVERS):
            for d in range(DAYS):
                folder = os.path.join(small, f"SRV{s:03d}_2026-01-{d + 3:02d}")
                os.makedirs(folder, exist_ok=True)
                subprocess.run([MAKE_CORPUS, os.path.join(folder, "CBEngineCurr.errlog"),
                                SMALL, "--utf16", "--seed", str(1 + s * DAYS + d)], check=True)
        for n in range(BIG):
            subprocess.run([MAKE_CORPUS, "--bundle",
                            os.path.join(large, f"BIG{n:02d}_2026-01-05"), "2", LARGE,
                            "--seed", str(100000 + 10 * n)], check=True)
    bundles = sorted(glob.glob(os.path.join(small, "*")) + glob.glob(os.path.join(large, "*")))
    size = sum(os.path.getsize(f) for b in bundles for f in glob.glob(os.path.join(b, "*")))
    return bundles, size


def report(name, secs, mib, bundles, size):
    print(f"{name:<44} {secs:8.1f} s  {len(bundles) / secs:7.1f} bundles/s  "
          f"{size / secs / 2**20:7.1f} MiB/s  peak {mib:7.1f} MiB", flush=True)


# The fleet summary of N reports merged one into the other, as each node of the tree does,
# with the reports read one at a time: the memory the merge itself needs (tracemalloc's peak,
# reading and parsing included) and the size of the result.
MERGE_PROBE = r"""
import json, sys, tracemalloc
from loganalyze import fleet_report
tracemalloc.start()
total = fleet_report.empty()
for p in sys.argv[1:]:
    report = json.loads(open(p).read())
    server = fleet_report.server_name(report["inputs"][0]["path"].rsplit("/", 1)[0], report)
    total = fleet_report.merge(total, fleet_report.summarize(report, server))
    del report
_, peak = tracemalloc.get_traced_memory()
pairs = sum(len(f["servers"]) for f in total["findings"].values())
print(json.dumps({"summary_peak": peak, "summary_bytes": len(json.dumps(total)), "pairs": pairs,
                  "servers": len(total["servers"]), "findings": len(total["findings"])}))
"""


def merge_scaling(bundles, reports):
    # Every server first (the large bundles and the small ones of the first day), then the
    # other days: from 270 reports on, more bundles bring no new server.
    def day_first(pair):
        name = os.path.basename(pair[0])
        return (name.startswith("SRV"), name.split("_", 1)[1], name)
    ordered = [r for _, r in sorted(zip(bundles, reports), key=day_first)]
    # 2040: each report twice, as if every bundle had a twin with the same findings: twice the
    # bundles, no new (finding, server) pair.
    for n in (135, 270, 520, 770, 1020, 2040):
        part = (ordered + ordered)[:n]
        probe = subprocess.run([sys.executable, "-c", MERGE_PROBE, *part],
                               stdout=subprocess.PIPE, text=True, check=True)
        s = json.loads(probe.stdout)
        plain, bounded = (os.path.join(WORK, f"merge-probe-{k}.json") for k in "ab")
        secs, mib, _ = timed([CLI, "merge", *part, "-f", "json", "-o", plain],
                             stderr=subprocess.DEVNULL)  # the twins of N = 2,040 are named
        bsecs, bmib, _ = timed([CLI, "merge", *BOUNDS, *part, "-f", "json", "-o", bounded],
                               stderr=subprocess.DEVNULL)
        a, b = (json.load(open(p)) for p in (plain, bounded))
        counts = {f["id"]: f["count"] for f in a["findings"]}
        same = counts == {f["id"]: f["count"] for f in b["findings"]}
        print(f"merge of {n:5d} bundle reports: fleet summary peak "
              f"{s['summary_peak'] / 2**20:6.2f} MiB (result {s['summary_bytes'] / 1024:6.0f} "
              f"KiB, {s['servers']} servers, {s['findings']} findings, {s['pairs']} pairs); "
              f"`loganalyze merge` {secs:5.2f} s, peak RSS {mib:6.1f} MiB, "
              f"{os.path.getsize(plain) / 2**20:5.2f} MiB; with the bounds "
              f"{bsecs:5.2f} s, peak RSS {bmib:6.1f} MiB, {os.path.getsize(bounded) / 2**20:5.2f} "
              f"MiB, {b['summary']['unlisted_inputs']} inputs unlisted, {len(b['jobs'])} jobs listed, "
              f"finding counts equal: "
              f"{same}", flush=True)


def main():
    os.makedirs(WORK, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; small logs {SMALL}, large {LARGE}; work {WORK}")
    bundles, size = generate()
    print(f"{len(bundles)} bundles, {size / 2**20:.0f} MiB", flush=True)

    out = os.path.join(WORK, "reports")
    if os.environ.get("MERGE_ONLY"):
        merge_scaling(bundles, [os.path.join(out, f"{i:05d}.json") for i in range(len(bundles))])
        return
    os.makedirs(out, exist_ok=True)
    t0 = time.monotonic()
    reports = []
    for i, b in enumerate(bundles):
        r = os.path.join(out, f"{i:05d}.json")
        subprocess.run([CLI, b, "-f", "json", "-q", "--year", "2026", "-j1", "-o", r],
                       check=False)
        reports.append(r)
    loop = time.monotonic() - t0
    secs, mib, _ = timed([CLI, "merge", *reports, "-f", "json", "-o",
                          os.path.join(WORK, "loop-merged.json")])
    report("sequential loop, -j1 per bundle (+ merge)", loop + secs, mib, bundles, size)
    print(f"  of which merge of {len(reports)} reports: {secs:.1f} s, peak RSS {mib:.1f} MiB")

    secs, mib, _ = timed([CLI, *bundles, "-f", "json", "-q", "--year", "2026", "-j2", "-o",
                          os.path.join(WORK, "one-process.json")])
    report("one process, -j2, all bundles", secs, mib, bundles, size)

    secs, mib, rc = timed([sys.executable, "-m", "loganalyze.fleet", "--each",
                           os.path.join(WORK, "small"), "--each", os.path.join(WORK, "large"),
                           "--workers", "2", "--year", "2026", "-q", "-f", "json",
                           "-o", os.path.join(WORK, "fleet.json"),
                           "--merged-report", os.path.join(WORK, "fleet-merged.json")])
    report("Dask LocalCluster, 2 workers (driver RSS)", secs, mib, bundles, size)
    same = open(os.path.join(WORK, "fleet-merged.json"), "rb").read() == \
        open(os.path.join(WORK, "loop-merged.json"), "rb").read()
    print(f"  exit {rc}; merged report identical to the loop's merge: {same}")

    merge_scaling(bundles, reports)


if __name__ == "__main__":
    main()
