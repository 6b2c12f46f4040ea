#!/usr/bin/env python3
"""Generate the bundled sample logs of loganalyze.

Everything below is synthetic: the servers (FS01, MABS01, FS02, SQL01, HVCL01,
vc01), the users, the paths and the GUIDs are made up.  The line layout, the
encodings and the wording of the product messages follow what Microsoft's public
troubleshooting material shows of MARS / MABS / DPM logs.

Python 3 standard library only.  All randomness comes from random.Random
instances seeded with fixed strings, and no wall-clock time is read, so two runs
produce byte-identical files.

Usage:  python3 generate_samples.py [output-dir]      (default: this script's folder)
"""

import datetime as dt
import os
import random
import sys

SEED = "loganalyze-samples/v1"

OUT = os.path.dirname(os.path.abspath(__file__))


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------

def T(y, mo, d, h=0, mi=0, s=0, msec=0):
    return dt.datetime(y, mo, d, h, mi, s, msec * 1000)


def MS(n):
    return dt.timedelta(milliseconds=n)


def MIN(n):
    return dt.timedelta(minutes=n)


def new_rng(name):
    # str seeds are hashed with SHA-512 by random.seed(): stable across runs
    return random.Random(SEED + "/" + name)


def make_guid(r):
    h = "%032X" % r.getrandbits(128)
    h = h[:12] + "4" + h[13:16] + "89AB"[int(h[16], 16) & 3] + h[17:]
    return "%s-%s-%s-%s-%s" % (h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])


def make_ptr(r):
    return "00000000%08X" % (r.randrange(0x10000000, 0x7FFFFFF0) & ~0xF)


def make_tid(r):
    return r.randrange(0x0400, 0x3FFC, 4)


def fmt_bytes(n):
    return "{:,}".format(n)


class Rec(object):
    __slots__ = ("t", "seq", "pid", "tid", "nn", "src", "obj", "guid",
                 "level", "msg", "cont")


class Catalog(object):
    """key -> (source file, line, level, text template, NN column)."""

    def __init__(self, nn_by_file, default_cs_nn):
        self.m = {}
        self.nn_by_file = nn_by_file
        self.default_cs_nn = default_cs_nn

    def add(self, key, src, line, level, text):
        assert key not in self.m, key
        f = src
        nn = self.nn_by_file.get(f)
        if nn is None:
            assert f.endswith(".cs"), f
            nn = self.default_cs_nn
        self.m[key] = ("%s(%d)" % (src, line), level, text, nn)


class Sink(object):
    """Collects records of one process family, renders them sorted by time."""

    def __init__(self, cat, rng):
        self.cat = cat
        self.rng = rng
        self.recs = []
        self.n = 0

    def emit(self, t, pid, tid, key, obj="", guid="", cont=(), **kw):
        src, level, text, nn = self.cat.m[key]
        msg = text % kw if kw else text
        r = Rec()
        r.t, r.seq, r.pid, r.tid, r.nn = t, self.n, pid, tid, nn
        r.src, r.obj, r.guid, r.level, r.msg = src, obj, guid, level, msg
        r.cont = list(cont)
        self.n += 1
        self.recs.append(r)
        return r

    def sorted(self):
        return sorted(self.recs, key=lambda x: (x.t, x.seq))


class Th(object):
    """A thread with its own time cursor."""

    def __init__(self, sink, pid, tid, t):
        self.s, self.pid, self.tid, self.t = sink, pid, tid, t

    def log(self, key, delay=0, obj="", guid="", cont=(), **kw):
        if isinstance(delay, tuple):
            delay = self.s.rng.randint(delay[0], delay[1])
        self.t = self.t + MS(delay)
        return self.s.emit(self.t, self.pid, self.tid, key, obj=obj,
                           guid=guid, cont=cont, **kw)

    def wait(self, delay):
        if isinstance(delay, tuple):
            delay = self.s.rng.randint(delay[0], delay[1])
        self.t = self.t + MS(delay)


def render(r, layout):
    """layout: 'std' (no extra column), 'x' (2019 extra empty column),
    'nopid' (PID/TID removed, as pasted in tickets)."""
    cols = ["%04X" % r.pid, "%04X" % r.tid,
            "%02d/%02d" % (r.t.month, r.t.day),
            "%02d:%02d:%02d.%03d" % (r.t.hour, r.t.minute, r.t.second,
                                     r.t.microsecond // 1000),
            r.nn, r.src, ("[%s]" % r.obj) if r.obj else "", r.guid]
    if layout == "x":
        cols.append("")
    cols += [r.level, r.msg]
    if layout == "nopid":
        cols = cols[2:]
    return "\t".join(cols)


def render_lines(recs, layout):
    out = []
    for r in recs:
        out.append(render(r, layout))
        out.extend(r.cont)
    return out


def write_text(path, lines, utf16=True, eol="\r\n"):
    data = eol.join(lines) + eol
    if utf16:
        raw = b"\xff\xfe" + data.encode("utf-16-le")
    else:
        raw = data.encode("utf-8")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(raw)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# ==========================================================================
# MARS agent on FS01
# ==========================================================================

MARS_NN = {
    "backupasync.cpp": "71", "fileprovider.cpp": "32", "itemcatalogupdater.cpp": "70",
    "mtffile.cpp": "18", "dsmfs.cpp": "33", "vssrequestor.cpp": "41",
    "proxyhelper.cpp": "24", "connectionmanager.cpp": "24", "obengineservice.cpp": "10",
    "tracemgr.cpp": "10", "scheduler.cpp": "12", "chunkstore.cpp": "35",
    "changetracker.cpp": "33", "systemstatebackup.cpp": "44", "scratchmanager.cpp": "35",
    "checksumstore.cpp": "35",
}

SVC_HOST = "pod01-prot1.sea.backup.windowsazure.com"
SVC_IP = "20.195.66.214"
SCRATCH = r"C:\Program Files\Microsoft Azure Recovery Services Agent\Scratch"
AGENT_VERSION = "2.0.9280.0"


def mars_catalog():
    c = Catalog(MARS_NN, "69")
    a = c.add
    # service / idle chatter
    a("svc_start", "obengineservice.cpp", 141, "NORMAL",
      "OBEngine service started. Version:[%(ver)s] ProcessId:[%(procid)d]")
    a("svc_trace", "tracemgr.cpp", 88, "NORMAL",
      "Trace settings: TraceLogLevel:[0x43e] TraceLogMaxSize:[10485760] TraceLogMaxNum:[10]")
    a("svc_scratch", "obengineservice.cpp", 203, "NORMAL",
      "Scratch location:[" + SCRATCH + "] FreeSpace:[%(free)s GB]")
    a("svc_machine", "obengineservice.cpp", 219, "NORMAL",
      "Machine id:[%(mid)s] Resource id:[%(rid)s] Vault:[rsv-contoso-sea] Region:[southeastasia]")
    a("svc_stop", "obengineservice.cpp", 388, "NORMAL",
      "OBEngine service stopping. Reason:[System shutdown]")
    a("heartbeat", "obengineservice.cpp", 512, "NORMAL",
      "Service health: ActiveJobs:[%(jobs)d] Threads:[%(thr)d] WorkingSet:[%(ws)d MB]")
    a("sched_next", "scheduler.cpp", 188, "NORMAL",
      "Next scheduled backup time:[%(when)s] Policy:[FS01-Files]")
    a("poll", "ProtectionServiceClient.cs", 1034, "NORMAL",
      "Polling protection service for pending operations")
    a("poll_done", "ProtectionServiceClient.cs", 1061, "NORMAL",
      "Pending operations received:[0]")
    a("poll_407", "ProtectionServiceClient.cs", 1079, "WARNING",
      "Polling failed, will retry: The remote server returned an error: (407) Proxy Authentication Required.")
    a("poll_aad", "ProtectionServiceClient.cs", 1088, "WARNING",
      "Polling failed, will retry: unable to acquire an AAD token for the service (AADSTS500021)")
    a("proxy_cfg", "proxyhelper.cpp", 214, "NORMAL",
      "Using proxy [proxy01.contoso.local:8080] for [https://%(host)s]")
    a("conn_open", "connectionmanager.cpp", 512, "NORMAL", "Connecting to %(host)s:443")
    a("conn_ok", "connectionmanager.cpp", 540, "NORMAL",
      "Connection established to %(host)s:443 (%(ip)s), TLS 1.2")
    a("conn_retry", "connectionmanager.cpp", 566, "NORMAL",
      "Retrying connection in %(sec)d seconds (attempt %(n)d of 3)")
    a("conn_timeout", "connectionmanager.cpp", 579, "WARNING",
      "A connection attempt failed because the connected party did not properly respond after a "
      "period of time, or established connection failed because connected host has failed to "
      "respond %(ip)s:443")
    a("sas", "CloudStorageProvider.cs", 612, "NORMAL",
      "Refreshing storage SAS token for container [%(ctr)s]")
    a("sas_ok", "CloudStorageProvider.cs", 640, "NORMAL",
      "SAS token refreshed for container [%(ctr)s], valid for 480 minutes")
    a("telemetry", "TelemetryUploader.cs", 77, "NORMAL", "Uploaded %(n)d telemetry events")
    a("cert", "CertificateManager.cs", 143, "NORMAL",
      "Vault credential certificate valid until [%(until)s]")
    a("vhdcheck", "dsmfs.cpp", 322, "NORMAL",
      "Metadata VHD health check for DsId:[%(ds)s] completed: no errors")
    # job
    a("job_req", "backupasync.cpp", 412, "NORMAL",
      "Backup job requested. Trigger:[%(trig)s] Policy:[FS01-Files] DataSources:[%(n)d]")
    a("job_busy", "backupasync.cpp", 431, "WARNING",
      "Job could not be started as another job was in progress. Running job:[%(other)s]")
    a("ds_state", "backupasync.cpp", 3115, "WARNING",
      "Last completed state for Ds Id %(ds)s is %(st)d")
    a("pb_start", "backupasync.cpp", 1279, "NORMAL", "Backup Progress: Prebackup started.")
    a("pb_end", "backupasync.cpp", 1281, "NORMAL", "Backup Progress: Prebackup finished.")
    a("is_start", "backupasync.cpp", 1292, "NORMAL", "Backup Progress: Initialize Storage started.")
    a("dt_start", "backupasync.cpp", 1299, "NORMAL", "Backup Progress: Data transfer started.")
    a("dt_end", "backupasync.cpp", 1302, "NORMAL", "Backup Progress: Data transfer finished")
    a("ic_start", "backupasync.cpp", 1318, "NORMAL", "Integrity check started for DsId:[%(ds)s]")
    a("ic_end", "backupasync.cpp", 1334, "NORMAL", "Backup Progress: Integrity Check finsihed.")
    a("ok", "backupasync.cpp", 1338, "NORMAL", "Backup Progress: Succeeded")
    a("warn_files", "backupasync.cpp", 1341, "WARNING",
      "Backup completed with warnings. Items not backed up:[%(n)d] List:[%(name)s]")
    a("fail", "backupasync.cpp", 1184, "WARNING", "Failed: Hr: = [%(hr)s] Backup Progress: Failed")
    a("uninit", "backupasync.cpp", 1347, "NORMAL", "Backup Progress: UnInitialize Storage finsihed.")
    a("job_err", "backupasync.cpp", 2290, "WARNING", "%(text)s")
    a("vss_add", "vssrequestor.cpp", 288, "NORMAL", "Adding volume %(vol)s to snapshot set %(ss)s")
    a("vss_do", "vssrequestor.cpp", 402, "NORMAL", "DoSnapshotSet started for %(n)d volume(s)")
    a("vss_ok", "vssrequestor.cpp", 517, "NORMAL", "DoSnapshotSet completed. Snapshot set:[%(ss)s]")
    a("vss_fail", "vssrequestor.cpp", 530, "WARNING",
      "Failed: Hr: = [0x80042306] DoSnapshotSet failed. Volumes:[%(vols)s] (VSS_E_PROVIDER_VETO)")
    a("vss_veto", "vssrequestor.cpp", 561, "WARNING",
      "Provider %(prov)s vetoed the shadow copy creation; see volsnap/VSS events in the System event log")
    a("vss_retry", "vssrequestor.cpp", 545, "NORMAL",
      "Retrying snapshot creation in 60 seconds (attempt %(n)d of 2)")
    a("vss_free", "vssrequestor.cpp", 690, "NORMAL", "Deleted snapshot set %(ss)s")
    a("ss_start", "systemstatebackup.cpp", 402, "NORMAL",
      "Starting Windows Server Backup for System State. Staging volume:[C:]")
    a("ss_wb", "systemstatebackup.cpp", 455, "NORMAL", "wbadmin job running, elapsed %(sec)d s")
    a("ss_fail", "systemstatebackup.cpp", 517, "WARNING",
      "Windows Server Backup job failed. HResult: 80780049 DetailedHResult: 8007007B")
    a("cs_init", "CloudStorageProvider.cs", 233, "NORMAL",
      "Initializing cloud storage for DsId:[%(ds)s]")
    a("cs_ready", "CloudStorageProvider.cs", 288, "NORMAL",
      "Cloud storage ready. Container:[%(ctr)s]")
    a("cs_exc", "CloudStorageProvider.cs", 301, "WARNING",
      "Exception while initializing cloud storage for DsId:[%(ds)s]")
    a("cs_timeout", "CloudStorageProvider.cs", 801, "WARNING",
      "StorageException while committing block list, will retry: The operation has timed out.")
    a("aad_req", "AadTokenProvider.cs", 96, "NORMAL",
      "Acquiring AAD token for resource [https://%(host)s]")
    a("aad_fail", "AadTokenProvider.cs", 131, "WARNING",
      "Exception in GetAADToken | Params: {Data = }{Message = AADSTS500021: Access to "
      "'IDMServiceAADTenantsea01pod01' tenant is denied.")
    a("vhd_mount", "dsmfs.cpp", 455, "NORMAL", "Mounted metadata VHD for DsId:[%(ds)s]")
    a("vhd_unmount", "dsmfs.cpp", 489, "NORMAL", "Dismounted metadata VHD for DsId:[%(ds)s]")
    a("chk_fail", "checksumstore.cpp", 188, "WARNING",
      "Failed: Hr: = [0x80070020] Unable to open checksum store(" + SCRATCH +
      r"\%(ds)s\ChecksumStore.dat)")
    a("fp_start", "fileprovider.cpp", 612, "NORMAL",
      "==>FileProvider::StartData DsId:[%(ds)s] Volume:[%(vol)s]")
    a("enum_start", "dsmfs.cpp", 874, "NORMAL",
      "Enumerating changes on %(vol)s using USN journal from Usn:[%(usn)d]")
    a("enum_done", "dsmfs.cpp", 911, "NORMAL",
      "Enumeration complete on %(vol)s. Changed:[%(chg)d] Deleted:[%(dele)d] Bytes:[%(by)s]")
    a("f_open", "fileprovider.cpp", 2871, "WARNING",
      "Failed: Hr: = [%(hr)s] Unable to open file(%(path)s)")
    a("f_read", "mtffile.cpp", 1372, "WARNING",
      "Failed: Hr: = [%(hr)s] BackupRead failed on file(%(path)s)")
    a("f_dec", "dsmfs.cpp", 1654, "WARNING",
      "CreateFile retries exhausted, hr=%(hrdec)d, file=%(path)s")
    a("mtf_stats", "mtffile.cpp", 988, "NORMAL", "Stream progress: files:[%(f)d] bytes:[%(b)s]")
    a("upload", "CloudStorageProvider.cs", 518, "NORMAL",
      "Committed %(n)d blocks (%(mb)d MB) to container [%(ctr)s]")
    a("ro", "itemcatalogupdater.cpp", 652, "NORMAL", "Uploading 500 RO entries")
    a("ro_done", "itemcatalogupdater.cpp", 701, "NORMAL", "Catalog upload complete. Entries:[%(n)d]")
    a("end_in", "fileprovider.cpp", 1479, "NORMAL", "==>FileProvider::EndData")
    a("end_out", "fileprovider.cpp", 1479, "NORMAL", "<--FileProvider::EndData")
    a("bitmap_fail", "changetracker.cpp", 733, "WARNING",
      "Failed: Hr: = [0x80004005] Unable to compute changed blocks for file(%(path)s)")
    a("low_disk", "scratchmanager.cpp", 271, "WARNING",
      "SalLowDiskSpace: free space on scratch volume %(vol)s is %(free)s GB (%(pct)s%% of the "
      "protected data size); 5-10%% is required")
    # registration / activation
    a("act_req", "RegistrationHelper.cs", 210, "NORMAL",
      "Re-activation requested for server [FS01.contoso.local] with vault [rsv-contoso-sea]")
    a("act_kek", "KekStore.cs", 75, "WARNING",
      "Encryption key file not found: " + SCRATCH + r"\OnlineBackup.KEK")
    a("act_fail", "RegistrationHelper.cs", 301, "FATAL",
      "The activation did not complete successfully. The current operation failed due to an "
      "internal service error [0x1FC07]. Please retry the operation after some time. If the "
      "issue persists, please contact Microsoft support.")
    # messages nobody has catalogued
    a("unk_assert", "chunkstore.cpp", 1877, "WARNING",
      "Assertion (pChunk->cbUsed <= pChunk->cbAlloc) failed: used=%(used)d alloc=65536 chunk=%(g)s")
    a("unk_reparse", "dsmfs.cpp", 2214, "WARNING",
      "Unexpected reparse tag 0x%(tag)08x on %(path)s, item skipped from enumeration")
    a("unk_catalog", "itemcatalogupdater.cpp", 903, "ERROR",
      "Catalog segment %(seg)d sequence gap: expected %(a)d got %(b)d")
    a("unk_orphan", "CloudStorageProvider.cs", 744, "WARNING",
      "Block list reconcile found %(n)d orphan block(s) for blob seg-%(seg)06d; cleanup scheduled")
    a("unk_mtf", "mtffile.cpp", 2051, "ERROR",
      "MTF descriptor block checksum mismatch at offset %(off)d (stream %(st)d), block re-read")
    return c


# failed items planted in the three LastBackupFailedFiles*.txt files
# (path, code, days) -- days: subset of {3, 4, 5} (January 2026)
FAILED_ITEMS = [
    (r"D:\Shares\Finance\Q4\ledger.xlsx", "0x80070020", (3, 4, 5)),
    (r"D:\Shares\Finance\Mail\finance-archive.pst", "0x80070020", (3, 4, 5)),
    (r"D:\Shares\Accounting\QuickBooks\Contoso Ltd.QBW", "0x80070020", (3, 4, 5)),
    (r"D:\Shares\Projects\Alpha\db\alpha.ldb", "0x80070020", (3, 4, 5)),
    (r"D:\Shares\HR\Confidential\salary_review_2025.xlsx", "0x80070005", (3, 4, 5)),
    (r"D:\Shares\HR\Confidential\Investigations\case_0117.docx", "0x80070005", (3, 4, 5)),
    (r"D:\Shares\Archive\2019\Scans\scan_0412.pdf", "0x80070570", (3, 4, 5)),
    (r"C:\Users\mlin\OneDrive - Contoso\Documents\Budget 2026.xlsx", "0x8007018B", (3, 4, 5)),
    (r"C:\Users\mlin\OneDrive - Contoso\Pictures\Team offsite\IMG_4471.jpg", "0x8007018B", (3, 4, 5)),
    (r"C:\Users\jchen\OneDrive - Contoso\Desktop\notes.txt", "0x8007018B", (3, 4, 5)),
    (r"D:\Shares\Archive\2019\Scans\scan_0413.pdf", "0x80070570", (3, 4)),
    (r"D:\Shares\Projects\Beta\build\~$spec_v3.docx", "0x80070002", (3, 4)),
    (r"D:\Shares\HR\Confidential\Payroll\2025-12.csv", "0x80070005", (3, 4)),
    (r"C:\Users\jchen\OneDrive - Contoso\Documents\Contracts\NDA_Fabrikam.pdf", "0x8007018B", (3, 4)),
    (r"D:\Shares\Marketing\Campaigns\Q1\video_master.mov", "0x80070020", (3, 4)),
    (r"D:\Shares\Projects\Beta\build\obj\Release\tmp4411.tmp", "0x80070003", (3, 4)),
    (r"D:\Shares\Finance\Q4\forecast_v9.xlsx", "0x80070020", (4, 5)),
    (r"D:\Shares\HR\Confidential\Payroll\2026-01.csv", "0x80070005", (4, 5)),
    (r"C:\Users\akumar\OneDrive - Contoso\Documents\Specs\gateway-design.vsdx", "0x8007018B", (4, 5)),
    (r"C:\Users\akumar\OneDrive - Contoso\Documents\Specs\gateway-design-old.vsdx", "0x8007018B", (4, 5)),
    (r"D:\Shares\Archive\2020\Scans\scan_1187.pdf", "0x80070570", (4, 5)),
    (r"D:\Shares\Projects\Gamma\data\sensor_log_0104.csv", "0x80070020", (4, 5)),
    (r"D:\Shares\Legal\Cases\2025\Contoso v Litware\exhibits.zip", "0x80070005", (4, 5)),
    (r"D:\Shares\Projects\Alpha\db\alpha_backup.mdb", "0x80070020", (3, 5)),
    (r"C:\Users\mlin\OneDrive - Contoso\Documents\Travel\receipts.pdf", "0x8007018B", (3, 5)),
]


def _singletons():
    r = new_rng("failed-singletons")
    out = []
    tmpl = [
        (r"D:\Shares\Projects\%s\build\obj\Debug\tmp%04X.tmp", "0x80070002"),
        (r"D:\Shares\Projects\%s\cache\session_%04x", "0x80070003"),
        (r"D:\Shares\Marketing\Drafts\~$%s_flyer_v%d.docx", "0x80070002"),
        (r"D:\Shares\Finance\Reports\%s\~lock.report_%04x.xlsx#", "0x80070020"),
        (r"C:\Users\%s\OneDrive - Contoso\Shared\Board pack %04d.pptx", "0x8007018B"),
        (r"D:\Shares\HR\Confidential\Reviews\%s_%04d.docx", "0x80070005"),
        (r"D:\Shares\Archive\2018\Scans\%s_%04d.tif", "0x80070570"),
    ]
    names = {
        0: ["Alpha", "Beta", "Gamma", "Delta"],
        1: ["Alpha", "Beta", "Gamma", "Delta"],
        2: ["spring", "summer", "launch", "expo"],
        3: ["Monthly", "Quarterly", "Audit"],
        4: ["mlin", "jchen", "akumar", "pgarcia"],
        5: ["review_mlin", "review_jchen", "review_pgarcia", "review_tnguyen"],
        6: ["scan", "fax", "invoice"],
    }
    counts = {3: 12, 4: 17, 5: 6}
    for day in (3, 4, 5):
        seen = set()
        while len([x for x in out if x[2] == (day,)]) < counts[day]:
            i = r.randrange(len(tmpl))
            t, code = tmpl[i]
            p = t % (r.choice(names[i]), r.randrange(16, 9999))
            if p in seen:
                continue
            seen.add(p)
            out.append((p, code, (day,)))
    return out


def failed_for_day(day):
    items = [(p, c) for (p, c, days) in FAILED_ITEMS + _singletons() if day in days]
    r = new_rng("failed-order-%d" % day)
    r.shuffle(items)
    return items


DS_D = {"id": "2251799813685252", "vol": "D:\\", "share": 0.8}
DS_C = {"id": "2251799813685253", "vol": "C:\\", "share": 0.2}
DS_SYS = {"id": "2251799813685260", "vol": "C:\\", "sys": True}
CONTAINER = "cbs-fs01-7c41d2e0"


class MarsProc(object):
    """Which cbengine process (PID + thread ids) is alive at a given time."""

    def __init__(self, rng, spans):
        # spans: list of (start, end, pid)
        self.spans = []
        for (a, b, pid) in spans:
            svc = [make_tid(rng) for _ in range(4)]
            pool = [make_tid(rng) for _ in range(14)]
            self.spans.append((a, b, pid, svc, pool))

    def at(self, t):
        for (a, b, pid, svc, pool) in self.spans:
            if a <= t < b:
                return pid, svc, pool
        raise ValueError("no process at %s" % t)


def stack_webexc():
    return [
        "System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.",
        "   at System.Net.HttpWebRequest.GetResponse()",
        "   at Microsoft.Internal.CloudBackup.Client.Common.Http.ServiceHttpClient.SendRequest(HttpWebRequest request, Int32 timeoutMs)",
        "   at Microsoft.Internal.CloudBackup.Client.Common.ProtectionServiceClient.GetStorageContainerInfo(Guid resourceId, Int64 dsId)",
        "   at Microsoft.Internal.CloudBackup.Client.Common.CloudStorageProvider.Initialize(Int64 dsId)",
    ]


def stack_aad(r, when):
    return [
        "Trace ID: %s" % make_guid(r).lower(),
        "Correlation ID: %s" % make_guid(r).lower(),
        "Timestamp: %s}{StackTrace =    at Microsoft.IdentityModel.Clients.ActiveDirectory.Internal.Flows.AcquireTokenHandlerBase.<RunAsync>d__57.MoveNext()"
        % when.strftime("%Y-%m-%d %H:%M:%SZ"),
        "   at System.Runtime.CompilerServices.TaskAwaiter.HandleNonSuccessAndDebuggerNotification(Task task)",
        "   at Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext.<AcquireTokenForClientCommonAsync>d__37.MoveNext()",
        "   at Microsoft.Internal.CloudBackup.Client.Common.Auth.AadTokenProvider.GetAADToken(String resource, Boolean forceRefresh)",
        "   at Microsoft.Internal.CloudBackup.Client.Common.ProtectionServiceClient.EnsureToken()}",
    ]


def stack_storage_timeout():
    return [
        "Microsoft.WindowsAzure.Storage.StorageException: The operation has timed out. ---> System.TimeoutException: The operation has timed out.",
        "   at Microsoft.WindowsAzure.Storage.Core.Executor.Executor.ExecuteSync[T](RESTCommand`1 cmd, IRetryPolicy policy, OperationContext operationContext)",
        "   at Microsoft.WindowsAzure.Storage.Blob.CloudBlockBlob.PutBlockList(IEnumerable`1 blockList, AccessCondition accessCondition, BlobRequestOptions options, OperationContext operationContext)",
        "   at Microsoft.Internal.CloudBackup.Client.Common.CloudStorageProvider.CommitBlocks(Int64 dsId, IList`1 blocks)",
    ]


class MarsGen(object):
    def __init__(self, sink, proc):
        self.s = sink
        self.p = proc
        self.r = sink.rng
        self.jobs = []

    def th(self, t, which=None):
        pid, svc, pool = self.p.at(t)
        tid = which if which is not None else self.r.choice(pool)
        return Th(self.s, pid, tid, t)

    # ---------------- chatter ----------------
    def service_start(self, t):
        pid, svc, pool = self.p.at(t)
        m = Th(self.s, pid, svc[0], t)
        m.log("svc_start", 0, ver=AGENT_VERSION, procid=pid)
        m.log("svc_trace", (3, 20))
        m.log("svc_scratch", (20, 90), free="41.7")
        m.log("svc_machine", (40, 200), mid="b1f7d2c4-6a0e-4c8b-9f51-3d2e7a9c0b14",
              rid="3482115790016522458")
        m.log("sched_next", (200, 900), when=self.next_sched(t))

    def service_stop(self, t):
        pid, svc, pool = self.p.at(t)
        Th(self.s, pid, svc[0], t).log("svc_stop")

    @staticmethod
    def next_sched(t):
        for h, mi in ((12, 30), (21, 30)):
            c = t.replace(hour=h, minute=mi, second=0, microsecond=0)
            if c > t:
                return iso(c)
        c = (t + dt.timedelta(days=1)).replace(hour=12, minute=30, second=0, microsecond=0)
        return iso(c)

    def chatter(self, t0, t1, outage407=(), outage_aad=()):
        r = self.r

        def inside(t, spans):
            return any(a <= t < b for (a, b) in spans)

        # heartbeat
        t = t0 + MS(r.randint(1000, 600000))
        while t < t1:
            pid, svc, pool = self.p.at(t)
            busy = sum(1 for j in self.jobs if j["start"] <= t <= (j["end"] or t1))
            Th(self.s, pid, svc[0], t).log("heartbeat", jobs=busy, thr=r.randint(38, 61) + 9 * busy,
                                           ws=r.randint(128, 176) + 90 * busy)
            t += MS(r.randint(890000, 910000))
        # polling the service (managed thread) with connection lines
        t = t0 + MS(r.randint(1000, 900000))
        while t < t1:
            pid, svc, pool = self.p.at(t)
            m = Th(self.s, pid, svc[1], t)
            m.log("poll")
            n = Th(self.s, pid, svc[2], m.t + MS(r.randint(2, 30)))
            n.log("proxy_cfg", host=SVC_HOST)
            n.log("conn_open", (1, 5), host=SVC_HOST)
            m.t = n.t
            if inside(t, outage407):
                m.log("poll_407", (180, 900))
            elif inside(t, outage_aad):
                n.log("conn_ok", (60, 240), host=SVC_HOST, ip=SVC_IP)
                m.t = n.t
                m.log("poll_aad", (300, 1200))
            else:
                n.log("conn_ok", (60, 240), host=SVC_HOST, ip=SVC_IP)
                m.t = n.t
                m.log("poll_done", (90, 700))
            t += MS(r.randint(1190000, 1210000))
        # SAS refresh every ~4 h
        t = t0 + MS(r.randint(600000, 7200000))
        while t < t1:
            pid, svc, pool = self.p.at(t)
            m = Th(self.s, pid, svc[3], t)
            m.log("sas", ctr=CONTAINER)
            m.log("sas_ok", (400, 2500), ctr=CONTAINER)
            t += MS(r.randint(14300000, 14500000))
        # telemetry every ~6 h, certificate + VHD check once a day
        t = t0 + MS(r.randint(600000, 3600000))
        while t < t1:
            pid, svc, pool = self.p.at(t)
            Th(self.s, pid, svc[3], t).log("telemetry", n=r.randint(40, 260))
            t += MS(r.randint(21500000, 21700000))
        d = t0.replace(hour=3, minute=5, second=0, microsecond=0)
        while d < t1:
            if d > t0:
                pid, svc, pool = self.p.at(d)
                m = Th(self.s, pid, svc[3], d + MS(r.randint(0, 90000)))
                m.log("cert", until="2026-06-14T08:11:52Z")
                m.log("vhdcheck", (5000, 40000), ds=DS_D["id"])
                m.log("vhdcheck", (3000, 20000), ds=DS_C["id"])
            d += dt.timedelta(days=1)

    # ---------------- jobs ----------------
    def job(self, start, plan):
        """Emit one MARS backup job.  Returns its summary dict."""
        r = self.r
        g = plan.get("guid") or make_guid(r)
        dss = plan.get("ds", [DS_D, DS_C])
        fail = plan.get("fail")
        files = plan.get("files", [])
        ob, ofp, omtf, ovss, odsm, ochg = (make_ptr(r) for _ in range(6))
        pid, svc, pool = self.p.at(start)
        tids = r.sample(pool, 4)
        M = Th(self.s, pid, tids[0], start)
        info = {"guid": g, "start": start, "end": None, "outcome": "running",
                "phase": None, "desc": plan.get("desc", "")}
        self.jobs.append(info)

        def finish(t_end, outcome, phase):
            info["end"], info["outcome"], info["phase"] = t_end, outcome, phase

        M.log("job_req", obj=ob, guid=g, trig=plan.get("trigger", "Scheduled"), n=len(dss))
        for ds in dss:
            M.log("ds_state", (5, 40), obj=ob, guid=g, ds=ds["id"], st=plan.get("prev_state", 7))
        M.log("pb_start", (20, 120), obj=ob, guid=g)
        info["first"] = M.t
        ss = "{%s}" % make_guid(r).lower()
        if any(d.get("sys") for d in dss):
            M.log("ss_start", (300, 900), obj=ob, guid=g)
            sec = 0
            for _ in range(r.randint(4, 6)):
                step = r.randint(55, 70)
                sec += step
                M.log("ss_wb", step * 1000, obj=ob, guid=g, sec=sec)
            if fail == "sysstate":
                M.log("ss_fail", (20000, 40000), obj=ob, guid=g)
                M.log("job_err", (10, 60), obj=ob, guid=g,
                      text="Unable to perform the operation as Windows Server Backup job failed with "
                           "error message: The filename, directory name, or volume label syntax is "
                           "incorrect. (0x1873D)")
                M.log("fail", (5, 30), obj=ob, guid=g, hr="0x80780049")
                M.log("uninit", (1500, 4000), obj=ob, guid=g)
                finish(M.t, "Failed", "Prebackup")
                self.sched(M)
                return info
        vols = []
        for d in dss:
            if d["vol"] not in vols:
                vols.append(d["vol"])
        for v in vols:
            M.log("vss_add", (30, 300), obj=ovss, guid=g, vol=v, ss=ss)
        M.log("vss_do", (10, 80), obj=ovss, guid=g, n=len(vols))
        if fail == "vss":
            M.log("vss_fail", (9000, 21000), obj=ovss, guid=g, vols=", ".join(vols))
            M.log("vss_veto", (2, 20), obj=ovss, guid=g, prov="{b5946137-7b9f-4925-af80-51abd60b20d5}")
            M.log("vss_retry", (2, 20), obj=ovss, guid=g, n=2)
            M.log("vss_do", (60000, 60100), obj=ovss, guid=g, n=len(vols))
            M.log("vss_fail", (9000, 21000), obj=ovss, guid=g, vols=", ".join(vols))
            M.log("vss_veto", (2, 20), obj=ovss, guid=g, prov="{b5946137-7b9f-4925-af80-51abd60b20d5}")
            M.log("job_err", (20, 90), obj=ob, guid=g,
                  text="Windows Azure Backup Agent was unable to create a snapshot of the selected "
                       "volume. (ID: 100034)")
            M.log("fail", (5, 30), obj=ob, guid=g, hr="0x80042306")
            M.log("uninit", (900, 3000), obj=ob, guid=g)
            finish(M.t, "Failed", "Prebackup")
            self.sched(M)
            return info
        M.log("vss_ok", (8000, 26000), obj=ovss, guid=g, ss=ss)
        for ds in dss:
            M.log("ds_state", (5, 40), obj=ob, guid=g, ds=ds["id"], st=2)
        M.log("pb_end", (10, 60), obj=ob, guid=g)
        M.log("is_start", (0, 5), obj=ob, guid=g)
        info["phase_seen"] = "Initialize Storage"
        # ---- initialize storage (managed thread)
        C = Th(self.s, pid, tids[3], M.t + MS(r.randint(40, 300)))
        for ds in dss:
            C.log("cs_init", (5, 60), guid=g, ds=ds["id"])
        C.log("aad_req", (10, 80), guid=g, host=SVC_HOST)
        if fail == "aad":
            C.log("aad_fail", (1200, 2600), guid=g, cont=stack_aad(r, C.t))
            C.log("conn_retry", (5, 40), obj=make_ptr(r), guid=g, sec=30, n=2)
            C.log("aad_req", 30000, guid=g, host=SVC_HOST)
            C.log("aad_fail", (1100, 2400), guid=g, cont=stack_aad(r, C.t))
            M.t = C.t
            M.log("job_err", (30, 200), obj=ob, guid=g,
                  text="The Microsoft Azure Recovery Service Agent was unable to connect to Microsoft "
                       "Azure Backup. (ID: 100050) Check your network settings and ensure that you "
                       "are able to connect to the internet.")
            M.log("fail", (5, 30), obj=ob, guid=g, hr="0x80131500")
            M.log("vss_free", (500, 2000), obj=ovss, guid=g, ss=ss)
            M.log("uninit", (300, 1500), obj=ob, guid=g)
            finish(M.t, "Failed", "Initialize Storage")
            self.sched(M)
            return info
        cp = make_ptr(r)
        C.log("proxy_cfg", (100, 400), obj=cp, guid=g, host=SVC_HOST)
        C.log("conn_open", (1, 10), obj=cp, guid=g, host=SVC_HOST)
        if fail == "proxy":
            for n in (2, 3):
                C.log("cs_exc", (150, 600), guid=g, ds=dss[0]["id"], cont=stack_webexc())
                C.log("conn_retry", (3, 30), obj=cp, guid=g, sec=60, n=n)
                C.log("conn_open", 60000 + r.randint(0, 50), obj=cp, guid=g, host=SVC_HOST)
            C.log("cs_exc", (150, 600), guid=g, ds=dss[0]["id"], cont=stack_webexc())
            M.t = C.t
            M.log("job_err", (30, 200), obj=ob, guid=g,
                  text="The Microsoft Azure Recovery Service Agent was unable to connect to Microsoft "
                       "Azure Backup. (ID: 100050) Check your network settings and ensure that you "
                       "are able to connect to the internet.")
            M.log("fail", (5, 30), obj=ob, guid=g, hr="0x80072efd")
            M.log("vss_free", (500, 2000), obj=ovss, guid=g, ss=ss)
            M.log("uninit", (300, 1500), obj=ob, guid=g)
            finish(M.t, "Failed", "Initialize Storage")
            self.sched(M)
            return info
        if plan.get("slow_connect"):
            C.log("conn_timeout", (21000, 21100), obj=cp, guid=g, ip=SVC_IP)
            C.log("conn_retry", (3, 30), obj=cp, guid=g, sec=30, n=2)
            C.log("conn_open", 30000, obj=cp, guid=g, host=SVC_HOST)
        C.log("conn_ok", (60, 300), obj=cp, guid=g, host=SVC_HOST, ip=SVC_IP)
        C.log("cs_ready", (200, 2500), guid=g, ctr=CONTAINER)
        for ds in dss:
            C.log("vhd_mount", (1500, 9000), obj=odsm, guid=g, ds=ds["id"])
        if fail == "checksum":
            C.log("chk_fail", (300, 1200), obj=odsm, guid=g, ds=dss[0]["id"])
            M.t = C.t
            M.log("job_err", (30, 200), obj=ob, guid=g,
                  text="SalChecksumStoreInitializationFailed: Microsoft Azure Recovery Services "
                       "Agent was unable to access backup checksum stored in scratch location")
            M.log("fail", (5, 30), obj=ob, guid=g, hr="0x80070020")
            for ds in dss:
                M.log("vhd_unmount", (800, 3000), obj=odsm, guid=g, ds=ds["id"])
            M.log("vss_free", (500, 2000), obj=ovss, guid=g, ss=ss)
            M.log("uninit", (300, 1500), obj=ob, guid=g)
            finish(M.t, "Failed", "Initialize Storage")
            self.sched(M)
            return info
        M.t = C.t
        M.log("dt_start", (20, 200), obj=ob, guid=g)
        # ---- data transfer
        t_dt = M.t
        total = MIN(plan.get("xfer_min", 35))
        cut = None
        if fail == "bitmap":
            cut = t_dt + total * 0.55
        stats_step = plan.get("stats_step", 3)
        ro_total = plan.get("ro", 8)
        a = t_dt
        files_left = list(files)
        ds_end = {}
        for di, ds in enumerate(dss):
            share = ds.get("share", 1.0 / len(dss))
            b = a + total * share
            F = Th(self.s, pid, tids[1], a + MS(r.randint(100, 900)))
            F.log("fp_start", obj=ofp, guid=g, ds=ds["id"], vol=ds["vol"])
            F.log("enum_start", (20, 200), obj=odsm, guid=g, vol=ds["vol"],
                  usn=r.randint(10 ** 10, 9 * 10 ** 10))
            chg = plan.get("changed", 4000)
            n_chg = int(chg * share) + r.randint(0, 90)
            F.log("enum_done", (40000, 150000), obj=odsm, guid=g, vol=ds["vol"], chg=n_chg,
                  dele=r.randint(0, 140), by=fmt_bytes(n_chg * r.randint(90000, 400000)))
            self.s.emit(F.t + MS(r.randint(5, 60)), pid, tids[0], "ds_state", obj=ob, guid=g,
                        ds=ds["id"], st=5)
            lo = F.t
            hi = b - MIN(2)
            # failed items of this volume
            mine = [x for x in files_left if x[0].upper().startswith(ds["vol"].upper())]
            for x in mine:
                files_left.remove(x)
            times = sorted(lo + (hi - lo) * r.random() for _ in mine)
            for (path, code), t in zip(mine, times):
                if cut and t > cut:
                    continue
                key = "f_read" if code in ("0x80070570",) else "f_open"
                self.s.emit(t, pid, tids[1], key, obj=(omtf if key == "f_read" else ofp), guid=g,
                            hr=code.lower(), path=path)
            for (path, hrdec) in plan.get("dec_items", []):
                if path.upper().startswith(ds["vol"].upper()):
                    t = lo + (hi - lo) * r.random()
                    self.s.emit(t, pid, tids[1], "f_dec", obj=odsm, guid=g, hrdec=hrdec, path=path)
            # periodic progress
            t = lo + MIN(stats_step)
            nf, nb, blocks = 0, 0, 0
            while t < hi:
                if cut and t > cut:
                    break
                nf += r.randint(60, 420)
                nb += r.randint(200, 1400) * 1048576
                self.s.emit(t, pid, tids[1], "mtf_stats", obj=omtf, guid=g, f=nf, b=fmt_bytes(nb))
                k = r.randint(40, 300)
                blocks += k
                self.s.emit(t + MS(r.randint(500, 20000)), pid, tids[3], "upload", guid=g, n=k,
                            mb=k * 4, ctr=CONTAINER)
                t += MIN(stats_step) + MS(r.randint(-20000, 20000))
            # catalog
            n_ro = max(1, int(ro_total * share))
            ro_times = sorted(lo + (b - lo) * (0.15 + 0.85 * r.random()) for _ in range(n_ro))
            for t in ro_times:
                if cut and t > cut:
                    continue
                self.s.emit(t, pid, tids[2], "ro", guid=g)
            if cut and b > cut:
                ds_end[ds["id"]] = None
                break
            self.s.emit(b + MS(r.randint(1000, 9000)), pid, tids[2], "ro_done", guid=g,
                        n=n_ro * 500 + r.randint(1, 499))
            E = Th(self.s, pid, tids[1], b)
            E.log("end_in", obj=ofp, guid=g)
            E.log("end_out", (6000, 9000), obj=ofp, guid=g)
            ds_end[ds["id"]] = E.t
            a = E.t
        for (name, t, extra) in plan.get("inject", []):
            # extra events placed relative to the start of data transfer
            tt = t_dt + MIN(t)
            getattr(self, "inject_" + name)(tt, pid, tids, g, extra)
        if fail == "bitmap":
            path = plan["bitmap_path"]
            Bt = Th(self.s, pid, tids[1], cut)
            Bt.log("bitmap_fail", obj=ochg, guid=g, path=path)
            M.t = Bt.t
            M.log("job_err", (30, 300), obj=ob, guid=g,
                  text="SalBitmapError: Unable to find changes in a file. This could be due to "
                       "various reasons. Please retry the operation.")
            M.log("fail", (5, 30), obj=ob, guid=g, hr="0x80004005")
            for ds in dss:
                M.log("vhd_unmount", (800, 3000), obj=odsm, guid=g, ds=ds["id"])
            M.log("vss_free", (500, 2000), obj=ovss, guid=g, ss=ss)
            M.log("uninit", (300, 1500), obj=ob, guid=g)
            finish(M.t, "Failed", "Data transfer")
            self.sched(M)
            return info
        if plan.get("running"):
            return info
        M.t = max(ds_end.values()) + MS(r.randint(20000, 60000))
        M.log("dt_end", obj=ob, guid=g)
        for ds in dss:
            M.log("ds_state", (5, 40), obj=ob, guid=g, ds=ds["id"], st=6)
        for ds in dss:
            M.log("ic_start", (50, 400), obj=ob, guid=g, ds=ds["id"])
        M.log("ic_end", (60000, 420000), obj=ob, guid=g)
        for ds in dss:
            M.log("ds_state", (0, 20), obj=ob, guid=g, ds=ds["id"], st=7)
        M.log("ok", (0, 3), obj=ob, guid=g)
        outcome = "Succeeded"
        if files:
            M.log("warn_files", (20, 200), obj=ob, guid=g, n=len(files), name=plan["list_name"])
            outcome = "Succeeded with warnings (%d items not backed up)" % len(files)
        for ds in dss:
            M.log("vhd_unmount", (800, 4000), obj=odsm, guid=g, ds=ds["id"])
        M.log("vss_free", (500, 2500), obj=ovss, guid=g, ss=ss)
        M.log("uninit", (1000, 150000), obj=ob, guid=g)
        finish(M.t, outcome, None)
        self.sched(M)
        return info

    def sched(self, M):
        pid, svc, pool = self.p.at(M.t)
        Th(self.s, pid, svc[0], M.t + MS(self.r.randint(300, 2000))).log(
            "sched_next", when=self.next_sched(M.t))

    def busy_job(self, t, running_guid):
        pid, svc, pool = self.p.at(t)
        g = make_guid(self.r)
        ob = make_ptr(self.r)
        M = Th(self.s, pid, self.r.choice(pool), t)
        M.log("job_req", obj=ob, guid=g, trig="Scheduled", n=2)
        M.log("job_busy", (20, 200), obj=ob, guid=g, other=running_guid)
        self.jobs.append({"guid": g, "start": t, "end": M.t, "first": M.t,
                          "outcome": "Not started (another job in progress)", "phase": None,
                          "desc": "scheduled trigger rejected"})
        self.sched(M)

    # injected events (called with a time inside data transfer)
    def inject_timeout(self, t, pid, tids, g, extra):
        Th(self.s, pid, tids[3], t).log("cs_timeout", guid=g, cont=stack_storage_timeout())

    def inject_lowdisk(self, t, pid, tids, g, extra):
        Th(self.s, pid, tids[0], t).log("low_disk", obj=make_ptr(self.r), guid=g, vol="C:\\",
                                        free="2.41", pct="3.1")

    def inject_unk_assert(self, t, pid, tids, g, extra):
        Th(self.s, pid, tids[1], t).log("unk_assert", obj=make_ptr(self.r), guid=g,
                                        used=extra, g="{%s}" % make_guid(self.r).lower())

    def inject_unk_reparse(self, t, pid, tids, g, extra):
        Th(self.s, pid, tids[1], t).log("unk_reparse", obj=make_ptr(self.r), guid=g,
                                        tag=extra[0], path=extra[1])

    def inject_unk_catalog(self, t, pid, tids, g, extra):
        Th(self.s, pid, tids[2], t).log("unk_catalog", guid=g, seg=extra[0], a=extra[1], b=extra[2])

    def inject_unk_orphan(self, t, pid, tids, g, extra):
        Th(self.s, pid, tids[3], t).log("unk_orphan", guid=g, n=extra[0], seg=extra[1])

    def inject_unk_mtf(self, t, pid, tids, g, extra):
        Th(self.s, pid, tids[1], t).log("unk_mtf", obj=make_ptr(self.r), guid=g, off=extra[0],
                                        st=extra[1])

    def activation(self, t):
        pid, svc, pool = self.p.at(t)
        g = make_guid(self.r)
        M = Th(self.s, pid, self.r.choice(pool), t)
        M.log("act_req", guid=g)
        M.log("aad_req", (200, 900), guid=g, host=SVC_HOST)
        M.log("act_kek", (3000, 9000), guid=g)
        M.log("act_fail", (100, 800), guid=g)
        return g


def build_mars(out):
    cat = mars_catalog()
    s = Sink(cat, new_rng("mars"))
    r = s.rng
    t_begin = T(2025, 12, 29, 0, 47, 12, 311)
    t_reboot_stop = T(2025, 12, 31, 3, 12, 40, 118)
    t_reboot_start = T(2025, 12, 31, 3, 16, 2, 540)
    t_rotate = T(2026, 1, 2, 21, 52, 17, 0)
    t_end = T(2026, 1, 5, 22, 47, 53, 0)
    proc = MarsProc(r, [(T(2025, 12, 28), t_reboot_start, 0x0D54),
                        (t_reboot_start, T(2026, 1, 7), 0x1F08)])
    G = MarsGen(s, proc)
    G.service_stop(t_reboot_stop)
    G.service_start(t_reboot_start)

    def at(mo, d, h, mi, s_=0, ms_=0):
        y = 2025 if mo == 12 else 2026
        return T(y, mo, d, h, mi, s_, ms_)

    dec_item = (r"D:\Shares\Finance\Q4\ledger.xlsx", -2147024864)
    old_fail = [(r"D:\Shares\Finance\Q4\ledger.xlsx", "0x80070020"),
                (r"D:\Shares\Finance\Mail\finance-archive.pst", "0x80070020"),
                (r"C:\Users\mlin\OneDrive - Contoso\Documents\Budget 2026.xlsx", "0x8007018B")]
    plans = [
        (at(12, 29, 12, 30, 4, 188), dict(desc="daily backup", files=old_fail, list_name=
         "LastBackupFailedFiles17af1_12_29_2025_1230.txt", xfer_min=31, changed=3900, ro=8,
         inject=[("unk_reparse", 9, (0x9000701a, r"D:\Shares\Projects\Alpha\sync\.sync_state"))])),
        (at(12, 29, 21, 30, 3, 902), dict(desc="daily backup", xfer_min=22, changed=2100, ro=5)),
        (at(12, 30, 12, 30, 5, 77), dict(desc="snapshot failure", fail="vss")),
        (at(12, 30, 21, 30, 4, 415), dict(desc="daily backup, slow connect", slow_connect=True,
         xfer_min=28, changed=2600, ro=6, prev_state=1,
         inject=[("unk_assert", 14, 65712)])),
        (at(12, 31, 12, 30, 2, 630), dict(desc="long backup (year-end data)", xfer_min=565,
         changed=61000, ro=44, stats_step=12,
         files=old_fail + [(r"D:\Shares\Finance\Year-end\close_2025.xlsx", "0x80070020")],
         list_name="LastBackupFailedFiles17af1_12_31_2025_1230.txt",
         dec_items=[dec_item],
         inject=[("timeout", 95, None), ("unk_catalog", 230, (4417, 118223, 118226))])),
        (at(1, 1, 12, 30, 4, 12), dict(desc="proxy 407", fail="proxy")),
        (at(1, 1, 21, 30, 3, 549), dict(desc="daily backup", xfer_min=26, changed=2300, ro=5,
         prev_state=2)),
        (at(1, 2, 12, 30, 5, 301), dict(desc="change tracking failure", fail="bitmap",
         xfer_min=40, changed=5200, ro=10,
         bitmap_path=r"D:\Shares\Engineering\CAD\turbine_housing_v12.dwg")),
        (at(1, 2, 21, 30, 4, 844), dict(desc="spans the log rotation", xfer_min=64, changed=7400,
         ro=14, prev_state=5, inject=[("unk_orphan", 35, (3, 412))])),
        (at(1, 3, 12, 30, 3, 207), dict(desc="daily backup with warnings", files=failed_for_day(3),
         list_name="LastBackupFailedFiles17af1_1_3_2026_1230.txt", xfer_min=47, changed=6100,
         ro=12, inject=[("unk_mtf", 21, (7071940608, 12))])),
        (at(1, 3, 21, 30, 5, 18), dict(desc="AAD tenant restriction", fail="aad")),
        (at(1, 4, 12, 30, 4, 733), dict(desc="daily backup with warnings, low scratch space",
         files=failed_for_day(4), list_name="LastBackupFailedFiles17af1_1_4_2026_1230.txt",
         xfer_min=52, changed=6900, ro=13, prev_state=2,
         inject=[("lowdisk", 1, None), ("unk_assert", 30, 66048)])),
        (at(1, 4, 21, 30, 3, 95), dict(desc="system state failure", fail="sysstate",
         ds=[DS_D, DS_C, DS_SYS])),
        (at(1, 5, 12, 31, 2, 560), dict(desc="daily backup with warnings (started late)",
         files=failed_for_day(5), list_name="LastBackupFailedFiles17af1_1_5_2026_1231.txt",
         xfer_min=44, changed=5600, ro=11, prev_state=1,
         inject=[("unk_reparse", 12, (0x9000601a, r"C:\Users\pgarcia\OneDrive - Contoso\Desktop\desktop.ini"))])),
        (at(1, 5, 21, 30, 4, 267), dict(desc="still running at collection time", running=True,
         xfer_min=240, changed=30000, ro=60, stats_step=3)),
    ]
    jobs = []
    for (t, p) in plans:
        jobs.append((t, G.job(t, p)))
    # the rejected trigger while the long 12/31 job is running
    long_job = jobs[4][1]
    G.busy_job(at(12, 31, 21, 30, 2, 977), long_job["guid"])
    G.activation(at(1, 3, 9, 41, 27, 506))
    G.chatter(t_begin, t_end,
              outage407=[(at(1, 1, 9, 40), at(1, 1, 14, 5))],
              outage_aad=[(at(1, 3, 20, 55), at(1, 4, 2, 35))])
    # nothing while the machine reboots
    recs = [x for x in s.sorted()
            if t_begin <= x.t <= t_end and not (t_reboot_stop < x.t < t_reboot_start)]
    old = [x for x in recs if x.t < t_rotate]
    cur = [x for x in recs if x.t >= t_rotate]
    write_text(os.path.join(out, "mars", "CBEngine1.errlog"), render_lines(old, "std"))
    write_text(os.path.join(out, "mars", "CBEngineCurr.errlog"), render_lines(cur, "x"))
    G.jobs.sort(key=lambda j: j["start"])
    return G.jobs


def build_mars_excerpt(out):
    """A job from an older log, pasted by a customer without the PID/TID columns."""
    cat = mars_catalog()
    s = Sink(cat, new_rng("mars-excerpt"))
    r = s.rng
    proc = MarsProc(r, [(T(2025, 12, 27), T(2025, 12, 28), 0x0D54)])
    G = MarsGen(s, proc)
    start = T(2025, 12, 27, 21, 30, 4, 530)
    info = G.job(start, dict(desc="checksum store locked", fail="checksum"))
    G.chatter(T(2025, 12, 27, 21, 2, 0), T(2025, 12, 27, 22, 1, 0))
    recs = [x for x in s.sorted() if T(2025, 12, 27, 21, 14) <= x.t <= T(2025, 12, 27, 21, 47)]
    lines = render_lines(recs, "nopid")
    write_text(os.path.join(out, "mars", "engine-excerpt.log"), lines, utf16=False, eol="\n")
    return info


def build_failed_files(out):
    head = "Consider adding these to exclusion list of backup policy." + "-" * 46
    tail = "-" * 103
    assert len(head) == 103 and len(tail) == 103
    made = []
    for day, suffix, layout in ((3, "1230", "tab"), (4, "1230", "paren"), (5, "1231", "paren")):
        items = failed_for_day(day)
        lines = [head]
        for (p, c) in items:
            if layout == "tab":
                lines.append("%s\t%s" % (p, c))
            else:
                lines.append("%s (Error: %s)" % (p, c))
        if layout == "paren":
            lines.append("")
        lines.append(tail)
        name = "LastBackupFailedFiles17af1_1_%d_2026_%s.txt" % (day, suffix)
        write_text(os.path.join(out, "mars", name), lines)
        made.append((name, items))
    return made


GW_NN = {}


def build_gateway(out):
    c = Catalog(GW_NN, "04")
    c.add("start", "ManagementAgentService.cs", 64, "NORMAL",
          "Microsoft Azure Recovery Services Management Agent started. Version:[" + AGENT_VERSION + "]")
    c.add("reg", "GatewayProvider.cs", 118, "NORMAL",
          "Registered with management service. Vault:[rsv-contoso-sea] Machine:[FS01.contoso.local]")
    c.add("hb", "GatewayProvider.cs", 212, "NORMAL", "Heartbeat sent. Status:[Registered] Latency:[%(ms)d ms]")
    c.add("renew", "NotificationListener.cs", 97, "NORMAL", "Notification channel renewed, expires in 12 hours")
    c.add("renew_fail", "NotificationListener.cs", 143, "WARNING",
          "Failed to renew the notification channel, will retry in 30 minutes: The remote server "
          "returned an error: (403) Forbidden.")
    c.add("cfg", "GatewayProvider.cs", 301, "NORMAL", "Agent configuration synchronized. Settings changed:[%(n)d]")
    s = Sink(c, new_rng("gateway"))
    r = s.rng
    pid = 0x1E64
    t0 = T(2026, 1, 2, 9, 14, 3, 220)
    t1 = T(2026, 1, 5, 22, 40, 0)
    m = Th(s, pid, make_tid(r), t0)
    m.log("start")
    m.log("reg", (800, 3000))
    m.log("renew", (200, 900))
    tids = [make_tid(r) for _ in range(3)]
    t = t0 + MIN(5)
    while t < t1:
        Th(s, pid, tids[0], t).log("hb", ms=r.randint(38, 160))
        t += MIN(180) + MS(r.randint(-60000, 60000))
    t = t0 + MIN(720) + MS(r.randint(0, 60000))
    while t < t1:
        if not T(2026, 1, 3, 21, 0) <= t < T(2026, 1, 4, 2, 40):
            Th(s, pid, tids[1], t).log("renew")
        t += MIN(720) + MS(r.randint(-30000, 30000))
    # the one failed renewal (retries are quiet) lands in the AAD outage window
    Th(s, pid, tids[1], T(2026, 1, 3, 21, 41, 8, 405)).log("renew_fail")
    for d in (3, 4, 5):
        Th(s, pid, tids[2], T(2026, 1, d, 6, 0, 11, 0) + MS(r.randint(0, 9000))).log("cfg", n=0)
    recs = [x for x in s.sorted() if x.t <= t1]
    write_text(os.path.join(out, "mars", "GatewayProvider0.errlog"), render_lines(recs, "x"))


# ==========================================================================
# MABS server MABS01 (DPM engine + replication agent)
# ==========================================================================

DPM_NN = {
    "fsmsender.cpp": "05", "fsm.cpp": "05", "agentproxy.cpp": "06", "everettexception.cpp": "09",
    # DPMRA
    "commandreceiver.cpp": "21", "replicareceiver.cpp": "22", "replicasnapshot.cpp": "23",
    "blockfilesender.cpp": "22", "vsssnapshotrequestor.cpp": "31", "csvapi.cpp": "34",
    "hypervwriterhelperplugin.cpp": "36", "datasetfixupsubtaskbase.cpp": "27",
    "freesnapshotsubtask.cpp": "27", "vmwarebackup.cpp": "38", "agentservice.cpp": "20",
    "volumemonitor.cpp": "25", "bitmapmerger.cpp": "26", "shadowcleanup.cpp": "23",
    "sqlreceiverplugin.cpp": "37",
}

MS_SW_PROVIDER = "{B5946137-7B9F-4925-AF80-51ABD60B20D5}"


def dpm_catalog():
    c = Catalog(DPM_NN, "09")
    a = c.add
    # MSDPM
    a("svc_start", "DpmService.cs", 118, "NORMAL",
      "MSDPM service started. Version:[14.0.30.0] ProcessId:[%(procid)d]")
    a("svc_db", "SqlHelper.cs", 88, "NORMAL",
      "Connected to DPM database [DPMDB_MABS01] on [MABS01\\MSDPM2022]")
    a("svc_recover", "JobManager.cs", 205, "NORMAL",
      "Recovering job state after service restart: %(n)d running job(s) marked as failed")
    a("hb", "DpmThreadPool.cs", 241, "NORMAL",
      "Engine status: RunningJobs:[%(n)d] QueuedJobs:[%(q)d] WorkerThreads:[%(w)d]")
    a("alert_sweep", "AlertManager.cs", 412, "NORMAL", "Alert sweep completed. Active alerts:[%(n)d]")
    a("pool", "StoragePoolMonitor.cs", 155, "NORMAL",
      "Storage pool usage: %(pct)s%% (%(used)s GB of 12288 GB)")
    a("pool_warn", "StoragePoolMonitor.cs", 171, "WARNING",
      "Storage pool free space is low: %(pct)s%% used, alert threshold 90%%. Add disks or "
      "reduce retention. (ID 33514)")
    a("sched", "JobScheduler.cs", 302, "NORMAL", "Schedule fired for PG [%(pg)s] job type [%(jt)s]")
    a("job_start", "JobManager.cs", 311, "NORMAL",
      "Job started. Type:[%(jt)s] Datasource:[%(ds)s] Server:[%(srv)s] PG:[%(pg)s]")
    a("send", "fsmsender.cpp", 318, "NORMAL", "Sending command [%(cmd)s] to agent on [%(srv)s]")
    a("fsm", "fsm.cpp", 290, "NORMAL", "Task state change [%(a)s] -> [%(b)s]")
    a("agent_conn", "agentproxy.cpp", 702, "NORMAL", "Connected to DPMRA on %(srv)s:5718")
    a("agent_denied", "agentproxy.cpp", 741, "WARNING",
      "Failed: Hr: = [0x80070005] Unable to activate the protection agent on %(srv)s")
    a("agent_reset", "agentproxy.cpp", 812, "WARNING",
      "Failed: Hr: = [0x80072746] Connection to the protection agent on %(srv)s was reset")
    a("subtask", "TaskExecutor.cs", 640, "NORMAL", "Subtask [%(st)s] completed. Bytes:[%(b)s]")
    a("rp", "TaskExecutor.cs", 688, "NORMAL", "Recovery point created for [%(ds)s] at [%(when)s]")
    a("job_ok", "JobManager.cs", 402, "NORMAL", "Job completed. Status:[Succeeded] Duration:[%(dur)s]")
    a("job_fail", "JobManager.cs", 417, "WARNING",
      "Job failed. Datasource:[%(ds)s] Server:[%(srv)s] Error:[%(err)s]")
    a("alert", "AlertManager.cs", 233, "NORMAL", "Raising alert [%(al)s] for [%(ds)s] on [%(srv)s]")
    a("alert_res", "AlertManager.cs", 260, "NORMAL", "Resolving alert [%(al)s] for [%(ds)s] on [%(srv)s]")
    a("incons", "ReplicaStateManager.cs", 274, "WARNING",
      "Replica is inconsistent. Datasource:[%(ds)s] Server:[%(srv)s] Reason:[%(why)s]")
    a("cons", "ReplicaStateManager.cs", 288, "NORMAL",
      "Replica state changed to [Consistent] for [%(ds)s] on [%(srv)s]")
    a("cloud_start", "CloudBackupHelper.cs", 512, "NORMAL",
      "Starting online backup for [%(ds)s] on [%(srv)s] through OBEngine")
    a("cloud_snap", "CloudBackupHelper.cs", 540, "NORMAL", "Replica snapshot for online backup ready: %(snap)s")
    a("cloud_ok", "CloudBackupHelper.cs", 640, "NORMAL",
      "Online recovery point created for [%(ds)s]. Transferred:[%(mb)d MB]")
    a("cloud_fail", "CloudBackupHelper.cs", 655, "WARNING",
      "Online recovery point creation failed for [%(ds)s] on [%(srv)s]. ErrorCode:[%(code)s] %(text)s")
    a("pg_mod", "ProtectionGroupModifier.cs", 880, "NORMAL",
      "Modifying online protection for PG [%(pg)s]: daily retention %(a)d -> %(b)d days")
    a("pg_fail", "CloudBackupHelper.cs", 902, "WARNING",
      "The backup policy could not be modified. Error: The current operation failed due to an "
      "internal service error [0x29834]. Please retry the operation after some time. If the "
      "issue persists, please contact Microsoft support.")
    a("deadlock", "SqlHelper.cs", 412, "WARNING",
      "SqlException in ExecuteReader, will retry: Transaction (Process ID %(spid)d) was deadlocked "
      "on lock resources with another process and has been chosen as the deadlock victim. "
      "Rerun the transaction.")
    a("vmw_conn", "VMwareManager.cs", 611, "NORMAL",
      "Connected to vCenter [vc01.contoso.local] as [CONTOSO\\svc-mabs-vmw]")
    a("vmw_exc", "VMwareManager.cs", 744, "WARNING",
      "Exception while refreshing the VMware inventory, will retry in 15 minutes")
    a("recov_enum", "RecoveryCatalog.cs", 377, "NORMAL",
      "Enumerating recoverable objects for [%(ds)s] requested by [%(user)s]")
    a("assert", "AppAssert.cs", 130, "WARNING",
      "value of non-nullable parameter @RecoverableObjectMachineName is null")
    a("critical", "everettexception.cpp", 761, "CRITICAL",
      "Exception Message = Input string was not in a correct format. of type "
      "System.FormatException, process will terminate after generating dump")
    a("unk_extent", "ExtentMap.cs", 512, "WARNING",
      "Extent map reconcile mismatch on replica %(rv)s: expected %(a)d extents, found %(b)d")
    a("unk_perf", "DlsPerf.cs", 88, "WARNING",
      "Performance counter instance '%(inst)s' is not registered (index %(idx)d); sample dropped")
    # DPMRA
    a("ra_hb", "agentservice.cpp", 233, "NORMAL",
      "Agent status: ActiveCommands:[%(n)d] PrivateBytes:[%(mb)d MB]")
    a("ra_vol", "volumemonitor.cpp", 412, "NORMAL", "Replica volume [%(rv)s] free space [%(gb)s GB]")
    a("ra_cmd", "commandreceiver.cpp", 244, "NORMAL", "Received command [%(cmd)s] from [MABS01.contoso.local]")
    a("ra_ping", "commandreceiver.cpp", 188, "NORMAL",
      "Status request from [MABS01.contoso.local]: agent healthy, protocol version 14")
    a("ra_cmd_done", "commandreceiver.cpp", 311, "NORMAL", "Command [%(cmd)s] completed successfully")
    a("ra_lost", "commandreceiver.cpp", 402, "WARNING",
      "Connection from the DPM engine was lost; cancelling %(n)d outstanding command(s)")
    a("rcv_start", "replicareceiver.cpp", 455, "NORMAL",
      "Receiving %(mode)s data for [%(ds)s] from [%(srv)s] into replica volume [%(rv)s]")
    a("rcv_prog", "blockfilesender.cpp", 530, "NORMAL", "Received %(mb)d MB for [%(ds)s]")
    a("rcv_done", "replicareceiver.cpp", 497, "NORMAL", "%(mode)s completed for [%(ds)s]. Total:[%(mb)d MB]")
    a("rcv_cc", "replicareceiver.cpp", 610, "NORMAL",
      "Consistency check compared %(n)s files, %(fixed)d differences copied")
    a("rcv_journal", "replicareceiver.cpp", 530, "WARNING",
      "Source agent on [%(srv)s] reported that change tracking was lost for [%(ds)s] (USN journal "
      "was recreated); synchronization stopped")
    a("rcv_reset", "replicareceiver.cpp", 541, "WARNING",
      "Failed: Hr: = [0x80072746] Source agent on [%(srv)s] closed the connection unexpectedly")
    a("snap_rp", "replicasnapshot.cpp", 301, "NORMAL",
      "Created shadow copy of replica volume [%(rv)s]: %(snap)s")
    a("snap_missing", "replicasnapshot.cpp", 344, "WARNING",
      "Failed: Hr: = [0x80070490] Replica volume for [%(ds)s] could not be mounted")
    a("notready", "replicasnapshot.cpp", 388, "WARNING",
      "Failed: Hr: = [0x80070015] The device is not ready. Volume:[%(rv)s]")
    a("vss170", "vsssnapshotrequestor.cpp", 170, "NORMAL",
      "CVssSnapshotRequestor::Init, backup type:[VSS_BT_%(bt)s] context:[0x0]")
    a("vss390", "vsssnapshotrequestor.cpp", 390, "NORMAL",
      "CVssSnapshotRequestor:: GatherWriterMetadata completed, writers:[%(n)d]")
    a("vss424", "vsssnapshotrequestor.cpp", 424, "NORMAL",
      "CVssSnapshotRequestor:: AddToSnapshotSet volume:[%(vol)s]")
    a("vss585", "vsssnapshotrequestor.cpp", 585, "NORMAL",
      "CVssSnapshotRequestor:: ProviderId:[%(prov)s], h/w provider:[%(hw)d], volume:[%(vol)s]")
    a("vss1111", "vsssnapshotrequestor.cpp", 1111, "NORMAL",
      "CVssSnapshotRequestor:: DoSnapshotSet completed, snapshot set:[%(ss)s]")
    a("vss_writer", "vsssnapshotrequestor.cpp", 1274, "WARNING",
      "Failed: Hr: = [0x800423f3] Writer [Microsoft Hyper-V VSS Writer] reported a retryable "
      "error, state:[VSS_WS_FAILED_AT_PREPARE_SNAPSHOT]")
    a("hv960", "hypervwriterhelperplugin.cpp", 960, "NORMAL",
      "Hyper-V writer component for VM [%(vm)s] Id:[%(vmid)s] found, online backup:[1]")
    a("csv_fail", "csvapi.cpp", 400, "WARNING",
      "Failed: Hr: = [0x8007173d] : ClusterPrepareSharedVolumeForBackup for "
      "C:\\ClusterStorage\\Volume1\\ failed")
    a("csv_retry", "csvapi.cpp", 428, "NORMAL",
      "CSV C:\\ClusterStorage\\Volume1\\ is in use by another backup, retry %(n)d of 10 after 60000 ms")
    a("csv_ok", "csvapi.cpp", 441, "NORMAL",
      "ClusterPrepareSharedVolumeForBackup for C:\\ClusterStorage\\Volume1\\ succeeded")
    a("fix227", "datasetfixupsubtaskbase.cpp", 227, "NORMAL", "Dataset fixup started for [%(ds)s]")
    a("free671", "freesnapshotsubtask.cpp", 671, "NORMAL", "Freeing snapshot set [%(ss)s]")
    a("sqlcomp", "sqlreceiverplugin.cpp", 318, "NORMAL",
      "SQL writer component [%(db)s] included in the recovery point")
    a("vmw_cbt", "vmwarebackup.cpp", 412, "NORMAL",
      "Querying changed disk areas for [%(vm)s] disk [%(disk)s] changeId:[%(cid)s]")
    a("vmw_fault", "vmwarebackup.cpp", 455, "WARNING",
      "QueryChangedDiskAreas failed for [%(vm)s] disk [%(disk)s]: vim.fault.FileFault")
    a("vmw_xfer", "vmwarebackup.cpp", 506, "NORMAL", "Transferred %(mb)d MB of changed blocks for [%(vm)s]")
    a("unk_merge", "bitmapmerger.cpp", 1204, "WARNING",
      "Unexpected merge state %(a)d->%(b)d for bitmap %(g)s")
    a("unk_cleanup", "shadowcleanup.cpp", 301, "WARNING",
      "Deferred delete of shadow copy %(g)s postponed: %(n)d reference(s) outstanding")
    return c


def stack_sql(spid):
    return [
        "System.Data.SqlClient.SqlException (0x80131904): Transaction (Process ID %d) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction." % spid,
        "   at System.Data.SqlClient.SqlConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)",
        "   at System.Data.SqlClient.SqlDataReader.TryHasMoreRows(Boolean& moreRows)",
        "   at System.Data.SqlClient.SqlDataReader.Read()",
        "   at Microsoft.Internal.EnterpriseStorage.Dls.DB.SqlHelper.ExecuteReader(SqlCommand command, Int32 retryCount)",
        "   at Microsoft.Internal.EnterpriseStorage.Dls.JobManager.JobStore.GetPendingJobs(Guid serverId)",
    ]


def stack_vmw():
    return [
        "System.Net.WebException: The operation has timed out",
        "   at System.Web.Services.Protocols.WebClientProtocol.GetWebResponse(WebRequest request)",
        "   at VimApi.VimService.RetrieveProperties(ManagedObjectReference _this, PropertyFilterSpec[] specSet)",
        "   at Microsoft.Internal.EnterpriseStorage.Dls.VMware.VMwareManager.RefreshInventory(String serverName)",
        "   at Microsoft.Internal.EnterpriseStorage.Dls.VMware.VMwareManager.OnRefreshTimer(Object state)",
    ]


FS_DS = ("D:\\", "FS02.contoso.local", "PG-FileServers", "file", "\\\\?\\Volume{4b1e9f20-3c1d-4e57-9a0b-6f2c11d0a9e1}\\")
SALES = ("SQL01\\SalesDB", "SQL01.contoso.local", "PG-SQL", "sql", "\\\\?\\Volume{a7c04d5e-9b3a-4f21-8e6d-1c2b3a4d5e6f}\\")
HRDB = ("SQL01\\HRDB", "SQL01.contoso.local", "PG-SQL", "sql", "\\\\?\\Volume{c2d8e1f0-7a6b-4c5d-9e8f-0a1b2c3d4e5f}\\")
APP01 = ("Backup Using Child Partition Snapshot\\APP01", "HVCL01.contoso.local", "PG-HyperV", "hv",
         "\\\\?\\Volume{0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b}\\")
WEB01 = ("Backup Using Child Partition Snapshot\\WEB01", "HVCL01.contoso.local", "PG-HyperV", "hv",
         "\\\\?\\Volume{5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c}\\")
VMW = ("VMW-LNX01", "vc01.contoso.local", "PG-VMware", "vmw", "\\\\?\\Volume{9a8b7c6d-5e4f-4a3b-9c1d-0e1f2a3b4c5d}\\")
VM_IDS = {"APP01": "{6F1A2B3C-4D5E-4F60-8172-93A4B5C6D7E8}", "WEB01": "{0A9B8C7D-6E5F-4A4B-9C3D-2E1F0A9B8C7D}"}

ERR_42 = ("DPM could not communicate with the protection agent on SQL01.contoso.local because "
          "access is denied. (ID 42 Details: Access is denied (0x80070005))")
ERR_60 = ("The protection agent on SQL01.contoso.local was temporarily unable to respond because "
          "it was in an unexpected state. (ID 60 Details: Internal error code: 0x809909B0)")
ERR_30112 = ("DPM encountered a retryable VSS error. (ID 30112 Details: VssError:The writer "
             "experienced a transient error.  If the backup process is retried, the error may not "
             "reoccur. (0x800423F3))")
ERR_INCONS = ("Replica is inconsistent. The replica of D:\\ on FS02.contoso.local is inconsistent "
              "with the protected data source; run a consistency check.")
ERR_NOTREADY = ("An unexpected error occurred while the job was running. (ID 104 Details: The "
                "device is not ready (0x80070015))")
ERR_33621 = ("DPM encountered an error from VMware while trying to get ChangeTracking information. "
             "Server - vc01.contoso.local ErrorCode - FileFaultFault (ID 33621 )")


class DpmGen(object):
    def __init__(self, sink, r):
        self.s = sink
        self.r = r
        # MSDPM: one process until the crash, another after the restart
        self.ms_spans = [(T(2025, 12, 31), T(2026, 1, 4, 20, 55, 45, 691), 0x0F2C),
                         (T(2026, 1, 4, 20, 57, 2, 0), T(2026, 1, 7), 0x1A84)]
        self.ms_tids = {p: ([make_tid(r) for _ in range(4)], [make_tid(r) for _ in range(10)])
                        for (_, _, p) in self.ms_spans}
        self.ra_pid = 0x0B18
        self.ra_svc = [make_tid(r) for _ in range(3)]
        self.ra_pool = [make_tid(r) for _ in range(10)]
        self.jobs = []

    def ms_pid(self, t):
        for (a, b, p) in self.ms_spans:
            if a <= t < b:
                return p
        return None

    def ms_th(self, t, svc=None):
        p = self.ms_pid(t)
        svcs, pool = self.ms_tids[p]
        return Th(self.s, p, svcs[svc] if svc is not None else self.r.choice(pool), t)

    def ra_th(self, t, svc=None):
        return Th(self.s, self.ra_pid, self.ra_svc[svc] if svc is not None else self.r.choice(self.ra_pool), t)

    def job(self, kind, ds, start, fail=None, csv_retries=0, jt=None):
        r = self.r
        g = make_guid(r)
        name, srv, pg, dkind, rv = ds
        jt = jt or {"sync": "Synchronization with recovery point", "full": "Express full backup",
                    "cc": "Consistency check", "online": "Online recovery point",
                    "logsync": "Synchronization"}[kind]
        info = {"guid": g, "start": start, "end": None, "outcome": None, "phase": None,
                "ds": name, "srv": srv, "type": jt}
        self.jobs.append(info)
        M = self.ms_th(start)
        ob = make_ptr(r)
        self.ms_th(start - MS(r.randint(50, 400)), svc=2).log("sched", guid=g, pg=pg, jt=jt)
        M.log("job_start", guid=g, jt=jt, ds=name, srv=srv, pg=pg)
        state = ["Created"]

        def st(b, t=None):
            if t is not None and t > M.t:
                M.t = t
            M.log("fsm", (1, 40), obj=ob, guid=g, a=state[0], b=b)
            state[0] = b

        st("Running")

        def done_ok(t, dur_from):
            M.t = t
            st("Completed")
            M.log("job_ok", (20, 300), guid=g, dur=str(M.t - dur_from).split(".")[0])
            info["end"], info["outcome"] = M.t, "Succeeded"

        def done_fail(t, err, phase):
            M.t = t
            st("Failed")
            M.log("job_fail", (20, 300), guid=g, ds=name, srv=srv, err=err)
            info["end"], info["outcome"], info["phase"] = M.t, "Failed", phase
            return M.t

        if kind == "online":
            M.log("cloud_start", (30, 200), guid=g, ds=name, srv=srv)
            if fail == "inconsistent":
                M.log("cloud_fail", (200, 900), guid=g, ds=name, srv=srv,
                      code="CBPSourceSnapshotFailedReplicaInconsistent",
                      text="Backup failed because the disk-backup replica is inconsistent.")
                done_fail(M.t, "Online recovery point creation failed (CBPSourceSnapshotFailedReplicaInconsistent)",
                          "replica snapshot")
                M.log("alert", (10, 90), guid=g, al="OnlineRecoveryPointCreationFailed", ds=name, srv=srv)
                return info
            M.log("send", (20, 200), obj=ob, guid=g, cmd="CreateReplicaSnapshot", srv="MABS01.contoso.local")
            R = self.ra_th(M.t + MS(r.randint(5, 60)))
            R.log("ra_cmd", guid=g, cmd="CreateReplicaSnapshot")
            if fail == "missing":
                R.log("snap_missing", (2000, 9000), obj=make_ptr(r), guid=g, ds=name)
                M.t = R.t
                M.log("cloud_fail", (100, 600), guid=g, ds=name, srv=srv,
                      code="CBPSourceSnapshotFailedReplicaMissingOrInvalid",
                      text="Backup failed because the disk-backup replica is either invalid or missing.")
                done_fail(M.t, "Online recovery point creation failed (CBPSourceSnapshotFailedReplicaMissingOrInvalid)",
                          "replica snapshot")
                M.log("alert", (10, 90), guid=g, al="OnlineRecoveryPointCreationFailed", ds=name, srv=srv)
                return info
            if fail == "filefault":
                disk = "[datastore1] VMW-LNX01/VMW-LNX01.vmdk"
                R.log("vmw_cbt", (500, 2500), obj=make_ptr(r), guid=g, vm=name, disk=disk,
                      cid="52 1f 9a 3c 5d 7e 0b 44-8a 61 2f 3e 19 c0 7d 5b/1184")
                R.log("vmw_fault", (1500, 6000), obj=make_ptr(r), guid=g, vm=name, disk=disk)
                M.t = R.t
                done_fail(M.t + MS(r.randint(100, 900)), ERR_33621, "change tracking")
                M.log("alert", (10, 90), guid=g, al="OnlineRecoveryPointCreationFailed", ds=name, srv=srv)
                return info
            snap = "{%s}" % make_guid(r)
            R.log("snap_rp", (3000, 15000), obj=make_ptr(r), guid=g, rv=rv, snap=snap)
            R.log("ra_cmd_done", (10, 100), guid=g, cmd="CreateReplicaSnapshot")
            M.t = R.t
            M.log("cloud_snap", (50, 300), guid=g, snap=snap)
            st("TransferringToCloud")
            mb = r.randint(120, 5200)
            M.wait(r.randint(4, 18) * 60000 + r.randint(0, 59999))
            M.log("cloud_ok", guid=g, ds=name, mb=mb)
            R2 = self.ra_th(M.t + MS(r.randint(100, 900)))
            R2.log("ra_cmd", guid=g, cmd="DeleteReplicaSnapshot")
            R2.log("free671", (200, 1500), guid=g, ss=snap)
            R2.log("ra_cmd_done", (10, 100), guid=g, cmd="DeleteReplicaSnapshot")
            done_ok(R2.t + MS(r.randint(50, 400)), start)
            return info

        # disk jobs
        if srv != "vc01.contoso.local":
            M.log("send", (20, 200), obj=ob, guid=g, cmd="Replicate" if kind != "cc" else "ValidateReplica", srv=srv)
        if fail == "42":
            for _ in range(2):
                M.log("agent_denied", (1000, 4000), obj=ob, guid=g, srv=srv)
            done_fail(M.t, ERR_42, "agent communication")
            M.log("alert", (10, 90), guid=g, al="AgentCommunicationFailed", ds=name, srv=srv)
            return info
        if srv != "vc01.contoso.local":
            M.log("agent_conn", (200, 1500), obj=ob, guid=g, srv=srv)
        st("WaitingForAgent")
        R = self.ra_th(M.t + MS(r.randint(20, 400)))
        cmd = "Receive" if kind != "cc" else "ValidateReplica"
        R.log("ra_cmd", guid=g, cmd=cmd)
        mode = {"sync": "synchronization", "full": "express full", "cc": "consistency check",
                "logsync": "log synchronization"}[kind]
        st("Transferring", R.t + MS(r.randint(5, 80)))
        ss = "{%s}" % make_guid(r)
        if dkind == "hv":
            vm = name.split("\\")[-1]
            S = self.ra_th(R.t + MS(r.randint(10, 200)))
            S.log("vss170", guid=g, bt="FULL")
            S.log("hv960", (300, 1800), obj=make_ptr(r), guid=g, vm=vm, vmid=VM_IDS[vm])
            S.log("vss390", (2000, 7000), obj=make_ptr(r), guid=g, n=r.randint(11, 14))
            for i in range(csv_retries):
                S.log("csv_fail", (500, 3000), obj=make_ptr(r), guid=g)
                S.log("csv_retry", (2, 20), obj=make_ptr(r), guid=g, n=i + 1)
                S.wait(60000)
            S.log("csv_ok", (500, 3000), obj=make_ptr(r), guid=g)
            S.log("vss424", (20, 200), obj=make_ptr(r), guid=g, vol="C:\\ClusterStorage\\Volume1\\")
            # the ProviderId line carries no task GUID (as on real agents)
            S.log("vss585", (100, 900), obj=make_ptr(r), prov=MS_SW_PROVIDER, hw=0,
                  vol="\\\\?\\Volume{%s}\\" % make_guid(r).lower())
            if fail == "30112":
                S.log("vss_writer", (5000, 20000), obj=make_ptr(r), guid=g)
                S.log("free671", (200, 900), guid=g, ss=ss)
                done_fail(S.t + MS(r.randint(200, 2000)), ERR_30112, "VSS snapshot")
                M.log("alert", (10, 90), guid=g, al="RecoveryPointCreationFailed", ds=name, srv=srv)
                return info
            S.log("vss1111", (6000, 25000), obj=make_ptr(r), guid=g, ss=ss)
            S.log("fix227", (100, 900), guid=g, ds=name)
            R.t = S.t
        if dkind == "sql" and kind != "logsync":
            R.log("sqlcomp", (500, 3000), guid=g, db=name.split("\\")[-1])
        if dkind == "vmw":
            M.log("vmw_conn", (100, 900), guid=g)
            R.log("vmw_cbt", (500, 2500), obj=make_ptr(r), guid=g, vm=name,
                  disk="[datastore1] VMW-LNX01/VMW-LNX01.vmdk",
                  cid="52 1f 9a 3c 5d 7e 0b 44-8a 61 2f 3e 19 c0 7d 5b/%d" % r.randint(1100, 1190))
        R.log("rcv_start", (100, 900), obj=make_ptr(r), guid=g, mode=mode, ds=name, srv=srv, rv=rv)
        if fail == "inconsistent":
            R.log("rcv_prog", (20000, 60000), guid=g, mb=r.randint(10, 80), ds=name)
            R.log("rcv_journal", (2000, 9000), obj=make_ptr(r), guid=g, srv=srv, ds=name)
            M.t = R.t + MS(r.randint(100, 900))
            M.log("incons", guid=g, ds=name, srv=srv,
                  why="The USN change journal on the protected volume was deleted or recreated")
            done_fail(M.t, ERR_INCONS, "synchronization")
            M.log("alert", (10, 90), guid=g, al="ReplicaInconsistent", ds=name, srv=srv)
            return info
        if fail == "60":
            R.log("rcv_prog", (40000, 90000), guid=g, mb=r.randint(200, 900), ds=name)
            R.log("rcv_reset", (30000, 90000), obj=make_ptr(r), guid=g, srv=srv)
            M.t = R.t + MS(r.randint(100, 600))
            M.log("agent_reset", obj=ob, guid=g, srv=srv)
            done_fail(M.t, ERR_60, "data transfer")
            M.log("alert", (10, 90), guid=g, al="RecoveryPointCreationFailed", ds=name, srv=srv)
            return info
        total = 0
        n_prog = {"cc": (5, 9), "logsync": (1, 2)}.get(kind, (3, 8))
        for _ in range(r.randint(*n_prog)):
            mb = r.randint(80, 2400) if kind != "logsync" else r.randint(2, 60)
            total += mb
            R.log("rcv_prog", (60000, 300000), guid=g, mb=mb, ds=name)
        if dkind == "vmw":
            R.log("vmw_xfer", (100, 900), guid=g, mb=total, vm=name)
        if kind == "cc":
            R.log("rcv_cc", (5000, 30000), guid=g, n=fmt_bytes(r.randint(380000, 420000)),
                  fixed=r.randint(600, 1800))
        R.log("rcv_done", (200, 2000), obj=make_ptr(r), guid=g, mode=mode[0].upper() + mode[1:],
              ds=name, mb=total)
        if fail == "notready":
            R.log("notready", (1000, 6000), obj=make_ptr(r), guid=g, rv=rv)
            done_fail(R.t + MS(r.randint(100, 900)), ERR_NOTREADY, "recovery point")
            M.log("alert", (10, 90), guid=g, al="RecoveryPointCreationFailed", ds=name, srv=srv)
            return info
        if kind != "logsync":
            st("CreatingRecoveryPoint", R.t + MS(r.randint(5, 80)))
            R.log("snap_rp", (2000, 12000), obj=make_ptr(r), guid=g, rv=rv, snap="{%s}" % make_guid(r))
        if dkind == "hv":
            R.log("free671", (300, 2000), guid=g, ss=ss)
        R.log("ra_cmd_done", (10, 100), guid=g, cmd=cmd)
        M.t = R.t + MS(r.randint(20, 300))
        M.log("subtask", guid=g, st="Replicate" if kind != "cc" else "ConsistencyCheck",
              b=fmt_bytes(total * 1048576 + r.randint(0, 1048575)))
        if kind == "cc":
            M.log("cons", (20, 200), guid=g, ds=name, srv=srv)
            M.log("alert_res", (10, 100), guid=g, al="ReplicaInconsistent", ds=name, srv=srv)
        elif kind != "logsync":
            M.log("rp", (200, 1500), guid=g, ds=name, when=M.t.strftime("%m/%d/%Y %H:%M:%S"))
        done_ok(M.t, start)
        return info

    def chatter(self, t0, t1, skip):
        r = self.r

        def ok(t):
            return self.ms_pid(t) is not None and not any(a <= t <= b for (a, b) in skip)

        t = t0 + MS(r.randint(1000, 300000))
        while t < t1:
            if ok(t):
                n = sum(1 for j in self.jobs if j["start"] <= t <= (j["end"] or t1))
                self.ms_th(t, svc=0).log("hb", n=n, q=0, w=8 + 2 * n)
            t += MS(r.randint(890000, 910000))
        t = t0 + MS(r.randint(1000, 600000))
        while t < t1:
            if ok(t):
                self.ms_th(t, svc=1).log("alert_sweep", n=self.active_alerts(t))
            t += MS(r.randint(1790000, 1810000))
        # storage pool creeping up
        t = t0 + MS(r.randint(1000, 900000))
        while t < t1:
            if ok(t):
                hours = (t - t0).total_seconds() / 3600.0
                pct = 86.2 + hours * 0.053
                if t >= T(2026, 1, 5, 9, 0):
                    pct -= 4.1  # retention pruned after the alert
                th = self.ms_th(t, svc=3)
                th.log("pool", pct="%.1f" % pct, used="%.0f" % (12288 * pct / 100))
                if 90.0 <= pct and T(2026, 1, 4, 1, 0) <= t < T(2026, 1, 5, 9, 0) and \
                        not getattr(self, "_pool_warned_%d" % t.day, False):
                    th.log("pool_warn", (5, 40), pct="%.1f" % pct)
                    setattr(self, "_pool_warned_%d" % t.day, True)
            t += MS(r.randint(7190000, 7210000))
        # DPMRA
        t = t0 + MS(r.randint(1000, 300000))
        while t < t1:
            n = sum(1 for j in self.jobs if j["start"] <= t <= (j["end"] or t1))
            self.ra_th(t, svc=0).log("ra_hb", n=n, mb=r.randint(60, 95) + 40 * n)
            t += MS(r.randint(890000, 910000))
        t = t0 + MS(r.randint(1000, 900000))
        t2 = t0 + MS(r.randint(1000, 900000))
        while t2 < t1:
            self.ra_th(t2, svc=2).log("ra_ping")
            t2 += MS(r.randint(1190000, 1210000))
        vols = [FS_DS, SALES, HRDB, APP01, WEB01, VMW]
        while t < t1:
            th = self.ra_th(t, svc=1)
            for v in vols:
                th.log("ra_vol", (1, 15), rv=v[4], gb="%.1f" % (40 + r.random() * 400))
            t += MS(r.randint(3590000, 3610000))

    def active_alerts(self, t):
        n = 0
        for j in self.jobs:
            if j["outcome"] == "Failed" and j["end"] and j["end"] <= t <= j["end"] + dt.timedelta(hours=20):
                n += 1
        return n


def build_dpm(out):
    cat = dpm_catalog()
    s = Sink(cat, new_rng("dpm"))
    r = s.rng
    G = DpmGen(s, r)
    t0 = T(2026, 1, 1, 0, 3, 11, 408)
    t_ra_rotate = T(2026, 1, 2, 5, 41, 17, 0)
    t_end = T(2026, 1, 5, 23, 47, 2, 0)
    t_assert = T(2026, 1, 4, 20, 54, 55, 393)
    t_crash = T(2026, 1, 4, 20, 55, 45, 690)
    t_restart = T(2026, 1, 4, 20, 57, 2, 115)

    def j(kind, ds, d, h, m, s_=0, **kw):
        return G.job(kind, ds, T(2026, 1, d, h, m, s_, r.randint(0, 999)), **kw)

    for d in range(1, 6):
        # file server synchronizations
        j("sync", FS_DS, d, 8, 0, 4, fail={2: "inconsistent", 5: "notready"}.get(d))
        if d == 3:
            j("cc", FS_DS, 3, 6, 0, 2)
        j("sync", FS_DS, d, 20, 0, 3)
        # SQL log synchronizations every four hours
        for h in (1, 5, 9, 13, 17):
            j("logsync", SALES, d, h, 0, 5)
            j("logsync", HRDB, d, h, 0, 7)
        # SQL express full
        j("full", SALES, d, 19, 0, 5, fail="42" if d == 1 else None)
        j("full", HRDB, d, 19, 0, 6, fail={1: "42", 3: "60"}.get(d))
        # Hyper-V on the CSV
        j("full", APP01, d, 21, 0, 4, csv_retries={1: 3, 4: 2}.get(d, 0))
        j("full", WEB01, d, 21, 0, 5, fail="30112" if d == 2 else None,
          csv_retries={1: 1}.get(d, 0))
        # VMware
        j("full", VMW, d, 21, 30, 3)
        # online recovery points
        for k, ds in enumerate([FS_DS, SALES, HRDB, APP01, WEB01, VMW]):
            fail = None
            if d == 2 and ds is FS_DS:
                fail = "inconsistent"
            if d == 3 and ds is HRDB:
                fail = "missing"
            if d == 3 and ds is VMW:
                fail = "filefault"
            j("online", ds, d, 23, 0 + 3 * k, 2, fail=fail)

    # policy change failure
    g = make_guid(r)
    M = G.ms_th(T(2026, 1, 3, 10, 12, 40, 117))
    M.log("pg_mod", guid=g, pg="PG-FileServers", a=30, b=5)
    M.log("pg_fail", (2500, 6000), guid=g)
    G.jobs.append({"guid": g, "start": T(2026, 1, 3, 10, 12, 40, 117), "end": M.t,
                   "outcome": "Failed", "phase": "policy update", "ds": "PG-FileServers",
                   "srv": "MABS01", "type": "Modify protection group (online policy)"})
    # .NET exceptions with stacks
    spid = 62
    G.ms_th(T(2026, 1, 2, 3, 14, 9, 530)).log("deadlock", spid=spid, cont=stack_sql(spid))
    G.ms_th(T(2026, 1, 4, 14, 22, 31, 76)).log("vmw_exc", cont=stack_vmw())
    G.ms_th(T(2026, 1, 5, 4, 2, 50, 911)).log("deadlock", spid=71, cont=stack_sql(71))
    # messages no catalogue knows
    G.ms_th(T(2026, 1, 1, 21, 48, 2, 310)).log("unk_extent", rv=APP01[4], a=1843, b=1841)
    G.ms_th(T(2026, 1, 3, 2, 0, 44, 12)).log("unk_perf", inst="RepVol_17", idx=42)
    G.ms_th(T(2026, 1, 5, 21, 51, 7, 640)).log("unk_extent", rv=VMW[4], a=977, b=980)
    G.ra_th(T(2026, 1, 1, 8, 14, 0, 902)).log("unk_merge", a=3, b=7, g="{%s}" % make_guid(r))
    G.ra_th(T(2026, 1, 2, 21, 19, 40, 55)).log("unk_cleanup", g="{%s}" % make_guid(r), n=3)
    G.ra_th(T(2026, 1, 4, 9, 2, 13, 781)).log("unk_merge", a=5, b=2, g="{%s}" % make_guid(r))
    G.ra_th(T(2026, 1, 5, 13, 27, 5, 300)).log("unk_cleanup", g="{%s}" % make_guid(r), n=1)

    # the crash: a console user browses recoverable objects, MSDPM asserts and dies
    gc = make_guid(r)
    C = G.ms_th(T(2026, 1, 4, 20, 54, 52, 871))
    C.log("recov_enum", guid=gc, ds=HRDB[0], user="CONTOSO\\backupadmin")
    C.t = t_assert - MS(1)
    C.log("assert", 1, guid=gc)
    C.t = t_crash - MS(1)
    C.log("critical", 1, guid=gc)
    G.ra_th(t_crash + MS(412)).log("ra_lost", n=0)
    R0 = G.ms_th(t_restart, svc=0)
    R0.log("svc_start", procid=R0.pid)
    R0.log("svc_db", (900, 3000))
    R0.log("svc_recover", (200, 900), n=0)

    G.chatter(t0, t_end, skip=[(t_assert, t_restart)])

    recs = [x for x in s.sorted() if t0 <= x.t <= t_end]
    # nothing from the old MSDPM process between the assert and the crash line
    recs = [x for x in recs if not (x.pid == 0x0F2C and t_assert < x.t < t_crash)]
    ms = [x for x in recs if x.pid in (0x0F2C, 0x1A84)]
    ra = [x for x in recs if x.pid == G.ra_pid]
    write_text(os.path.join(out, "dpm", "MSDPMCurr.errlog"), render_lines(ms, "std"))
    ra_old = [x for x in ra if x.t < t_ra_rotate]
    ra_cur = [x for x in ra if x.t >= t_ra_rotate]
    write_text(os.path.join(out, "dpm", "DPMRA3.errlog"), render_lines(ra_old, "std"))
    write_text(os.path.join(out, "dpm", "DPMRACurr.errlog"), render_lines(ra_cur, "std"))
    # crash copy: the last few hundred records of the dying process
    pre = [x for x in ms if x.t <= t_crash]
    assert pre[-1].level == "CRITICAL" and pre[-2].src == "AppAssert.cs(130)"
    tail = pre[-340:]
    write_text(os.path.join(out, "dpm", "MSDPMCurr.errlog.2026-01-04_20-55-45.Crash"),
               render_lines(tail, "std"))
    G.jobs.sort(key=lambda x: x["start"])
    return G.jobs


def build_etl(out):
    r = new_rng("dpmui-etl")
    buf = bytearray()
    # a fake WMI buffer header followed by pseudo-random payload
    buf += bytes([0x00, 0x40, 0x00, 0x00, 0x68, 0x01, 0x00, 0x00])
    buf += (0x1000).to_bytes(4, "little") + (0x0C).to_bytes(4, "little")
    buf += bytes([0x02, 0x00, 0x01, 0xC0, 0x14, 0x00, 0x03, 0x00])
    buf += "DPMUI".encode("utf-16-le") + b"\x00\x00"
    payload = 4096 - len(buf) - 640
    buf += bytes(r.getrandbits(8) for _ in range(payload))
    buf += bytes(640)  # trace buffers end zero-padded
    path = os.path.join(out, "dpm", "DPMUI.etl")
    with open(path, "wb") as f:
        f.write(bytes(buf))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    out = os.path.abspath(args[0]) if args else OUT
    mars_jobs = build_mars(out)
    build_mars_excerpt(out)
    build_failed_files(out)
    build_gateway(out)
    dpm_jobs = build_dpm(out)
    build_etl(out)
    if "-v" in sys.argv or os.environ.get("SAMPLES_VERBOSE"):
        for jb in mars_jobs:
            print("MARS", jb["guid"][:8], jb["start"], jb["end"], jb["outcome"], jb["phase"], jb["desc"])
        for jb in dpm_jobs:
            print("DPM ", jb["guid"][:8], jb["start"], jb["end"], jb["outcome"], jb["phase"], jb["type"], jb["ds"])


if __name__ == "__main__":
    main()
