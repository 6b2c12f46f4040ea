"""The fleet runner on a real Dask LocalCluster against the real command line: the merged
report equals `loganalyze merge` of the per-bundle reports, also when a worker is killed in
the middle of a run; an unreachable scheduler stops the run."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import zipfile

import pytest

pytest.importorskip("distributed", reason="Dask distributed is not installed "
                                          "(Debian: python3-distributed)")

from distributed import Client, LocalCluster  # noqa: E402

from loganalyze import fleet  # noqa: E402

CLI = os.environ["LOGANALYZE_CLI"]
YEAR = 2026


def cli_reports(bundles, folder):
    """Each bundle's report as `loganalyze -f json` writes it, and their merge as
    `loganalyze merge` writes it, in bundle order."""
    os.makedirs(folder, exist_ok=True)
    reports = []
    for i, b in enumerate(sorted(bundles)):
        out = os.path.join(folder, f"{i:04d}.json")
        rc = subprocess.run([CLI, b, "-f", "json", "--year", str(YEAR), "--lang", "en", "-q",
                             "-o", out]).returncode
        assert rc in (0, 3), b
        reports.append(out)
    merged = subprocess.run([CLI, "merge", *reports, "-f", "json", "--lang", "en"],
                            stdout=subprocess.PIPE, check=False)
    assert merged.returncode in (0, 3)
    return reports, merged.stdout.decode()


@pytest.fixture(scope="module")
def sequential(fleet_bundles, tmp_path_factory):
    return cli_reports(fleet_bundles, str(tmp_path_factory.mktemp("cli")))


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.mark.parametrize("fan_in", [2, 3, 16])
def test_local_cluster_equals_sequential_merge(client, fleet_bundles, sequential, fan_in):
    # 13 bundles: a tree of 4 levels, of 3 with uneven groups, and of one merge.
    doc, merged, problems = fleet.run(client, fleet_bundles, year=YEAR, fan_in=fan_in)
    assert merged == sequential[1]
    # The damaged bundle is listed with its reason; the other 12 are in the report.
    assert [p["bundle"] for p in problems] == [b for b in fleet_bundles if "SRV99" in b]
    assert "SRV99_2026-01-05.zip" in problems[0]["reason"]
    assert doc["bundles"] == len(fleet_bundles)
    assert [s["name"] for s in doc["servers"]] == ["SRV00", "SRV01", "SRV02", "SRV03", "SRV99"]
    per_bundle = [json.load(open(r)) for r in sequential[0]]
    for f in doc["findings"]:
        hit = [r for r in per_bundle if any(x["id"] == f["id"] for x in r["findings"])]
        assert f["bundles"] == len(hit), f["id"]
        assert f["count"] == sum(x["count"] for r in hit for x in r["findings"]
                                 if x["id"] == f["id"])


def test_the_command_with_one_worker_gives_the_same_bytes(fleet_bundles, sequential, tmp_path):
    merged, rows = tmp_path / "merged.json", tmp_path / "rows.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "loganalyze.fleet", *fleet_bundles, "--workers", "1",
         "--fan-in", "4", "--year", str(YEAR), "-f", "json", "-o", str(tmp_path / "fleet.json"),
         "--merged-report", str(merged), "--jsonl", str(rows)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    assert run.returncode == 3, run.stderr  # the damaged bundle
    assert "SRV99_2026-01-05.zip" in run.stderr
    assert merged.read_text() == sequential[1]
    doc = json.loads((tmp_path / "fleet.json").read_text())
    assert doc["schema"] == "loganalyze.fleet/1"
    # One row per finding, failed file and unreadable input of each bundle, in bundle order.
    want = []
    for b, r in zip(sorted(fleet_bundles), sequential[0]):
        report = json.load(open(r))
        want += [(b, "finding", f["id"]) for f in report["findings"]]
        want += [(b, "failed_file", i["path"]) for i in report["failed_files"]["items"]]
        want += [(b, "error", e["path"]) for e in report["errors"]]
    got = [json.loads(line) for line in rows.read_text().splitlines()]
    assert [(g["bundle"], g["type"], g.get("id", g.get("path"))) for g in got] == want
    assert {g["server"] for g in got if g["bundle"].endswith("SRV01_2026-01-04.zip")} == {"SRV01"}


def test_bundles_counted_already_are_listed_not_merged(client, fleet_bundles, sequential,
                                                        tmp_path):
    # The same zip again, and a zip holding one log of a bundle and a log of its own.
    copy = str(tmp_path / "SRV00_copy.zip")
    shutil.copy(fleet_bundles[0], copy)
    with zipfile.ZipFile(fleet_bundles[1]) as z:
        log = z.read("Temp/CBEngineCurr.errlog")
    part = str(tmp_path / "SRV00_part.zip")
    with zipfile.ZipFile(part, "w") as z:
        z.writestr("Temp/CBEngineCurr.errlog", log)
        z.writestr("Temp/CBEngine1.errlog", log[: len(log) // 2])
    doc, merged, problems = fleet.run(client, fleet_bundles + [copy, part], year=YEAR,
                                      fan_in=2)
    assert merged == sequential[1]
    reasons = {p["bundle"]: p["reason"] for p in problems}
    assert "already" in reasons[copy] and fleet_bundles[0] in reasons[copy]
    assert reasons[part].startswith("not merged: it shares 1 input(s) with " + fleet_bundles[1])
    assert doc["bundles"] == len(fleet_bundles)  # the fleet report counts them once too


def test_a_worker_killed_in_the_middle_is_replaced(fleet_bundles, sequential):
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=50)
    c = Client(cluster)
    try:
        pids = c.run(os.getpid)  # worker address -> process id
        killed = {}

        def kill_one(description):
            if killed:
                return
            # The worker that holds the most results: they are lost with it and must be
            # computed again elsewhere for the merge.
            held = {}
            for key, workers in c.who_has().items():
                if key.startswith("analyze_bundle"):
                    for w in workers:
                        held[w] = held.get(w, 0) + 1
            if not held:
                return
            victim = max(held, key=held.get)
            killed[victim] = held[victim]
            os.kill(pids[victim], signal.SIGKILL)

        doc, merged, problems = fleet.run(c, fleet_bundles, year=YEAR, on_result=kill_one,
                                          fan_in=2)
        assert killed and list(killed.values())[0] >= 1
        with pytest.raises(ProcessLookupError):
            os.kill(pids[next(iter(killed))], 0)
        assert merged == sequential[1]
        assert [p["bundle"] for p in problems] == [b for b in fleet_bundles if "SRV99" in b]
    finally:
        c.close()
        cluster.close()


def test_an_unreachable_scheduler_stops_the_run(fleet_bundles):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    run = subprocess.run(
        [sys.executable, "-m", "loganalyze.fleet", fleet_bundles[0], "--scheduler", address,
         "--connect-timeout", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    assert run.returncode == 2
    assert f"cannot reach the scheduler at {address}" in run.stderr
    assert run.stdout == ""
