"""Bundles for the fleet tests: zips of slices of the samples' logs, one per server and day,
each with content of its own, and one damaged zip."""

import io
import os
import zipfile

import pytest

SAMPLES = os.environ.get("LOGANALYZE_SAMPLES_DIR", "")


def _lines(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-16").splitlines(keepends=True)


def write_bundle(path, slices):
    """A zip at `path` holding, for each (member, lines), the lines as UTF-16LE with a BOM,
    as the products write their logs."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, lines in slices:
            info = zipfile.ZipInfo(member, date_time=(2026, 1, 6, 12, 0, 0))
            z.writestr(info, "".join(lines).encode("utf-16"))


def make_fleet(folder, servers=4, days=3):
    """servers x days bundles named SRVnn_2026-01-0d.zip, plus SRV99_2026-01-05.zip cut in
    the middle. Returns the paths, sorted."""
    os.makedirs(folder, exist_ok=True)
    engine = _lines(os.path.join(SAMPLES, "mars", "CBEngineCurr.errlog"))
    dpm = _lines(os.path.join(SAMPLES, "dpm", "MSDPMCurr.errlog"))
    paths = []
    for s in range(servers):
        for d in range(days):
            k = s * days + d
            start = (k * 211) % max(1, len(engine) - 600)
            slices = [("Temp/CBEngineCurr.errlog", engine[start:start + 300 + 37 * s])]
            if s % 2:
                ds = (k * 97) % max(1, len(dpm) - 400)
                slices.append(("DPM/MSDPMCurr.errlog", dpm[ds:ds + 250]))
            path = os.path.join(folder, f"SRV{s:02d}_2026-01-0{d + 3}.zip")
            write_bundle(path, slices)
            paths.append(path)
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Temp/CBEngineCurr.errlog", "".join(engine[:500]).encode("utf-16"))
    damaged = os.path.join(folder, "SRV99_2026-01-05.zip")
    with open(damaged, "wb") as f:
        f.write(good.getvalue()[: len(good.getvalue()) // 2])
    paths.append(damaged)
    return sorted(paths)


@pytest.fixture(scope="session")
def fleet_bundles(tmp_path_factory):
    return make_fleet(str(tmp_path_factory.mktemp("fleet")))
