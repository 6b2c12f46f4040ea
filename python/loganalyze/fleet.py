"""loganalyze on a fleet: thousands of bundles on Dask distributed.

    python3 -m loganalyze.fleet bundles/*.zip -f html -o fleet.html
    python3 -m loganalyze.fleet --each incoming/ --scheduler tcp://10.0.0.5:8786 \\
        --merged-report all.json --jsonl rows.jsonl

One task analyses one bundle (loganalyze.analyze_json, the library's whole-bundle
analysis). The per-bundle reports are then merged in a tree of merges, in groups of
consecutive bundles, so that the merged report is byte-identical to `loganalyze merge` of
the same per-bundle reports, whatever the number of workers and the width of the tree. The fleet report (fleet_report.py) is
reduced in the same tree. Without --scheduler, a LocalCluster of one single-threaded
worker process per core runs the tasks.

Exit codes: 0 done; 2 usage, or the scheduler cannot be reached; 3 some bundles had
problems (each is listed with its reason; the rest was analysed)."""

import argparse
import json
import os
import sys

from . import analyze_json, merge_json
from . import fleet_report

EXIT_OK, EXIT_USAGE, EXIT_PROBLEMS = 0, 2, 3
FAN_IN = 16  # reports per merge of the tree, by default


# ---- tasks (run on the workers) ----------------------------------------------------------


def _identities(report):
    """The content identities of the analysed inputs, as `merge` compares them, and the
    number of analysed inputs (an empty one has no identity)."""
    out, analysed = [], 0
    for inp in report.get("inputs", []):
        if inp.get("format") is None or inp.get("skipped"):
            continue
        analysed += 1
        if inp.get("content_hash") and inp.get("bytes", 0) > 0:
            out.append(f"{inp['bytes']}/{inp['content_hash']}")
    return out, analysed


def _rows(bundle, server, report):
    """The JSONL rows of one bundle: one per finding, per failed file and per input that
    could not be read."""
    base = {"bundle": bundle, "server": server}
    rows = []
    for f in report.get("findings", []):
        rows.append(dict(base, type="finding", id=f["id"], severity=f["severity"],
                         title=f["title"], count=f["count"], first_seen=f["first_seen"],
                         last_seen=f["last_seen"], codes=f["codes"]))
    for item in report.get("failed_files", {}).get("items", []):
        rows.append(dict(base, type="failed_file", path=item["path"], code=item["code"],
                         count=item["count"], days=item["days"]))
    for err in report.get("errors", []):
        rows.append(dict(base, type="error", path=err["path"], member=err["member"],
                         message=err["message"]))
    return rows


def analyze_bundle(bundle, year, lang, server_rule, with_rows):
    """One task: the report of one bundle, with what the driver needs to know of it."""
    try:
        text, problem = analyze_json([bundle], jobs=1, lang=lang, year=year)
    except (ValueError, OSError, RuntimeError) as e:
        return {"bundle": bundle, "report": None, "problem": f"not analysed: {e}"}
    report = json.loads(text)
    server = fleet_report.server_name(bundle, report, server_rule)
    identities, analysed = _identities(report)
    return {
        "bundle": bundle,
        "server": server,
        "report": text,
        "problem": problem,
        "identities": identities,
        "analysed": analysed,
        "summary": fleet_report.summarize(report, server),
        "rows": _rows(bundle, server, report) if with_rows else [],
    }


def describe(result):
    """What the driver needs of a task's result: not the report and its summary, which
    stay on the workers for the tree."""
    return {k: v for k, v in result.items() if k not in ("report", "summary")}


def merge_group(nodes, lang):
    """One merge of the tree: consecutive bundle reports, or merges of consecutive ones,
    into one (their reports with la_merge_reports, their summaries added up)."""
    text, problem = merge_json([n["report"] for n in nodes],
                               names=[f"part {i + 1}" for i in range(len(nodes))], lang=lang)
    if problem is not None:
        # Inputs were deduplicated before the tree: this cannot happen unless a report is
        # damaged in transit. Fail the task rather than give a wrong report.
        raise RuntimeError(f"merge failed: {problem}")
    return {"report": text, "summary": fleet_report.merge_all([n["summary"] for n in nodes])}


# ---- the driver --------------------------------------------------------------------------


class Deduplicator:
    """Decides, in bundle order, which bundles the merge counts, as `loganalyze merge`
    would: a bundle whose analysed inputs were all counted in earlier bundles adds nothing,
    and one that shares only some is not merged (its counts could not be told apart)."""

    def __init__(self):
        self._owner = {}  # identity -> bundle that counted it

    def check(self, bundle, identities, analysed):
        shared = sorted({self._owner[i] for i in identities if i in self._owner})
        if not shared:
            for i in identities:
                self._owner.setdefault(i, bundle)
            return None
        n = sum(1 for i in identities if i in self._owner)
        if n == analysed:
            return f"every analysed input is in {', '.join(shared)} already: not counted again"
        return (f"not merged: it shares {n} input(s) with {', '.join(shared)} and has others: "
                "analyse them together")


class Progress:
    """One line on standard error, redrawn, only on a terminal."""

    def __init__(self, total, quiet):
        self.total = total
        self.on = not quiet and sys.stderr.isatty()

    def show(self, done, problems, phase="analysed"):
        if self.on:
            sys.stderr.write(f"\rloganalyze fleet: {done}/{self.total} bundles {phase}, "
                             f"{problems} with problems ")
            sys.stderr.flush()

    def end(self):
        if self.on:
            sys.stderr.write("\n")


def run(client, bundles, year=None, lang="en", server_rule="auto", jsonl=None,
        on_result=None, quiet=True, fan_in=FAN_IN):
    """Analyses `bundles` (paths, each one bundle) on the Dask `client` and returns
    (fleet document, merged report text, problems). `jsonl`, a file open for writing, gets
    the per-bundle rows, in bundle order. `on_result(description)` is called in the driver
    as each analysis ends (in the order they end). `fan_in` (2 or more) is the number of
    reports each merge of the tree takes."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    if fan_in < 2:
        raise ValueError(f"fan_in must be 2 or more, not {fan_in}")
    bundles = sorted(dict.fromkeys(str(b) for b in bundles))
    results = client.map(analyze_bundle, bundles, year=year, lang=lang,
                         server_rule=server_rule, with_rows=jsonl is not None, pure=False)
    descriptions = client.map(describe, results, pure=False)
    index = {d.key: i for i, d in enumerate(descriptions)}
    done = [None] * len(bundles)
    progress = Progress(len(bundles), quiet)
    problems = []
    written = finished = 0
    for future in as_completed(descriptions):
        i = index[future.key]
        try:
            d = future.result()
        except KilledWorker as e:
            d = {"bundle": bundles[i], "report": None,
                 "problem": f"not analysed: the workers running it died ({e})"}
        except Exception as e:  # noqa: BLE001 - one bundle's failure must not stop the run
            d = {"bundle": bundles[i], "report": None,
                 "problem": f"not analysed: {type(e).__name__}: {e}"}
        done[i] = d
        finished += 1
        if d.get("problem"):
            problems.append({"bundle": d["bundle"], "reason": d["problem"]})
        if on_result is not None:
            on_result(d)
        while jsonl is not None and written < len(done) and done[written] is not None:
            for row in done[written].get("rows", []):
                jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
            done[written] = {k: v for k, v in done[written].items() if k != "rows"}
            written += 1
        progress.show(finished, len(problems))
    progress.end()

    dedup = Deduplicator()
    nodes, merged_once = [], False
    for i, d in enumerate(done):
        if "identities" not in d:  # not analysed
            continue
        why = dedup.check(d["bundle"], d["identities"], d["analysed"])
        if why is not None:
            problems.append({"bundle": d["bundle"], "reason": why})
            continue
        nodes.append(results[i])
    del results, descriptions

    # The tree: groups of `fan_in` consecutive nodes, level by level, so that the order of
    # bundles is kept; a wide tree parses and renders the growing reports fewer times.
    while len(nodes) > 1 or (nodes and not merged_once):
        nodes = [client.submit(merge_group, nodes[j:j + fan_in], lang, pure=False)
                 for j in range(0, len(nodes), fan_in)]
        merged_once = True
    if nodes:
        root = nodes[0].result()
    else:
        text, _ = merge_json([], lang=lang)
        root = {"report": text, "summary": fleet_report.empty()}
    doc = fleet_report.to_json(root["summary"], problems)
    return doc, root["report"], doc["problems"]


def expand(args):
    bundles = list(args.bundles)
    for folder in args.each or []:
        try:
            entries = sorted(os.listdir(folder))
        except OSError as e:
            raise SystemExit(f"loganalyze fleet: --each {folder}: {e.strerror}")
        bundles += [os.path.join(folder, name) for name in entries]
    if args.bundles_from:
        with open(args.bundles_from, encoding="utf-8") as f:
            bundles += [line.strip() for line in f if line.strip()]
    return bundles


def connect(args):
    """A Client of the scheduler given, or of a new LocalCluster."""
    from distributed import Client, LocalCluster
    if args.scheduler:
        return Client(args.scheduler, timeout=args.connect_timeout), None
    workers = args.workers or os.cpu_count() or 1
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    return Client(cluster), cluster


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="python3 -m loganalyze.fleet",
        description="Analyse many support bundles on Dask distributed and report which "
                    "findings hit how many servers. Each argument is one bundle (a file, an "
                    "archive or a folder).")
    p.add_argument("bundles", nargs="*", help="bundles: files, archives or folders")
    p.add_argument("--each", action="append", metavar="DIR",
                   help="every file and folder directly in DIR is a bundle")
    p.add_argument("--bundles-from", metavar="FILE", help="one bundle per line")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a Dask scheduler (tcp://HOST:8786); default a LocalCluster")
    p.add_argument("--workers", type=int, default=0,
                   help="LocalCluster worker processes (default: one per core)")
    p.add_argument("--connect-timeout", type=float, default=5.0, metavar="SECONDS",
                   help="how long to try to reach the scheduler (default 5)")
    p.add_argument("-f", "--format", choices=sorted(fleet_report.RENDERERS), default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="the fleet report (default stdout)")
    p.add_argument("--merged-report", metavar="FILE",
                   help="also write the merged report (JSON, as `loganalyze merge` writes)")
    p.add_argument("--jsonl", metavar="FILE",
                   help="per-bundle rows (findings, failed files, errors) as JSON Lines")
    p.add_argument("--fan-in", type=int, default=FAN_IN, metavar="N",
                   help=f"reports per merge of the tree, 2 or more (default {FAN_IN})")
    p.add_argument("--server-from", choices=["auto", "name", "folder", "paths"],
                   default="auto", help="where the server name comes from (README)")
    p.add_argument("--year", type=int, help="the year of each input's newest record")
    p.add_argument("--lang", default="en", choices=["en", "zh-TW"])
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    return p.parse_args(argv)


def _write(path, text):
    if path is None:
        sys.stdout.write(text)
        return
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None):
    args = parse_args(argv)
    bundles = expand(args)
    if args.fan_in < 2:
        print("loganalyze fleet: --fan-in takes 2 or more", file=sys.stderr)
        return EXIT_USAGE
    if not bundles:
        print("loganalyze fleet: no bundles given", file=sys.stderr)
        return EXIT_USAGE
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("loganalyze fleet: Dask distributed is not installed (Debian: "
              "python3-distributed)", file=sys.stderr)
        return EXIT_USAGE
    try:
        client, cluster = connect(args)
    except (OSError, TimeoutError) as e:
        print(f"loganalyze fleet: cannot reach the scheduler at {args.scheduler}: {e}",
              file=sys.stderr)
        return EXIT_USAGE
    jsonl = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    try:
        doc, merged, problems = run(client, bundles, year=args.year, lang=args.lang,
                                    server_rule=args.server_from, jsonl=jsonl,
                                    quiet=args.quiet, fan_in=args.fan_in)
    finally:
        if jsonl:
            jsonl.close()
        client.close()
        if cluster is not None:
            cluster.close()
    if args.merged_report:
        _write(args.merged_report, merged)
    _write(args.output, fleet_report.RENDERERS[args.format](doc))
    for p in problems:
        print(f"loganalyze fleet: {p['bundle']}: {p['reason']}", file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
