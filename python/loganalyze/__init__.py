"""loganalyze: what went wrong in Azure Backup (MARS, MABS, DPM) logs, and what to do.

    import loganalyze
    report = loganalyze.analyze(["case-12345.zip", "extra/"], year=2026)
    for f in report["findings"]: ...
    for entry in loganalyze.explain("0x80070005", lang="en"): print(entry["title"])
    for r in loganalyze.records("CBEngineCurr.errlog"): print(r["time"], r["message"])

The report is the command line's JSON report (`loganalyze -f json`, schema
loganalyze.report/1, lib/REPORT_SCHEMA.md) as Python values.
"""

import json as _json
from pkgutil import extend_path as _extend_path

# The compiled module may sit in another folder of sys.path than this file (a build tree).
__path__ = _extend_path(__path__, __name__)

from . import _loganalyze  # noqa: E402

__all__ = [
    "IncompleteAnalysisError",
    "KnowledgeBase",
    "analyze",
    "analyze_json",
    "explain",
    "merge_json",
    "records",
    "version",
]

KnowledgeBase = _loganalyze.KnowledgeBase

_default_kb = None


def _kb(kb):
    global _default_kb
    if kb is not None:
        return kb
    if _default_kb is None:
        _default_kb = KnowledgeBase.default()
    return _default_kb


def version():
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return _loganalyze.version()


class IncompleteAnalysisError(RuntimeError):
    """Some inputs could not be read (a missing file, a wildcard that matches nothing, a
    damaged archive member). The message names the first; `report` is the report of
    everything else, whose "errors" list them all."""

    def __init__(self, message, report):
        super().__init__(message)
        self.report = report


def analyze(paths, jobs=2, lang="en", year=None, since=None, until=None,
            min_severity=None, kb=None, strict=True):
    """Analyses files, folders, wildcards and archives as `loganalyze -f json` does and
    returns the report as dicts and lists.

    `paths` is a path or a list of them; `year` the year of each input's newest record
    (None: inferred); `since`/`until` "YYYY-MM-DD[THH:MM[:SS]]"; `min_severity` "info",
    "warning", "error" or "critical"; `kb` a KnowledgeBase (default: the built-in one).
    When some inputs cannot be read, raises IncompleteAnalysisError (with the report), or
    with strict=False returns the report, whose "errors" list them. Raises ValueError for
    a bad option. Other Python threads run during the analysis."""
    text, problem = analyze_json(paths, jobs, lang, year, since, until, min_severity, kb)
    report = _json.loads(text)
    if problem is not None and strict:
        raise IncompleteAnalysisError(problem, report)
    return report


def merge_json(reports, names=None, lang="en", kb=None):
    """`loganalyze merge -f json`: merges JSON report texts (as `analyze_json` or the
    command line write them), in order, counting an input once, and returns
    (json_text, problem): the merged report, byte for byte what the command line prints,
    and None, or the message naming the first report that was not merged (not JSON, or it
    shares only some of its inputs with the reports before it; the merged report's
    "errors" list each). `names` name the reports in messages and notes (default
    "report 1", ...). Merging merged reports of consecutive reports gives the same bytes
    when no input is in two of them. Other Python threads run during the merge."""
    reports = list(reports)
    if names is None:
        names = ["report %d" % (i + 1) for i in range(len(reports))]
    return _loganalyze.merge_json(_kb(kb), reports, [str(n) for n in names], lang)


def analyze_json(paths, jobs=2, lang="en", year=None, since=None, until=None,
                 min_severity=None, kb=None):
    """As `analyze`, but returns (json_text, problem): the report as the command line
    prints it, and None or the message naming the first input that could not be read."""
    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    paths = [p.decode() if isinstance(p, bytes) else str(p) for p in paths]
    return _loganalyze.analyze_json(
        _kb(kb), paths, int(jobs), lang, int(year or 0), since, until, min_severity)


def explain(code, lang="zh-TW", kb=None):
    """The knowledge-base entries for a code in any form or for words of a title, best
    first: a list of dicts with id, title, severity, products, codes, cause, actions and
    docs, in `lang` ("en" or "zh-TW"). Empty when nothing is close."""
    return _json.loads(_loganalyze.explain_json(_kb(kb), str(code), lang))


def records(path, year=None):
    """The records of one log file, in order, as dicts (line, offset, line_count,
    truncated, time, level, format, pid, tid, module, source, object, task_id, message,
    path, code, codes). Streams in bounded memory: a thread reads ahead a few hundred
    records. Raises FileNotFoundError (or another OSError) naming the path at once when
    the file cannot be opened. Call close() on the iterator to stop early, or drop it."""
    return _loganalyze.RecordReader(str(path), int(year or 0))
