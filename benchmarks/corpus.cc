#include "corpus.h"

#include <cstdio>
#include <iterator>
#include <span>
#include <string_view>

namespace loganalyze::bench {
namespace {

// splitmix64: small, fast, and the same on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
  double Unit() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }

 private:
  uint64_t s_;
};

struct Source {
  const char* file;
  const char* module;
};

// Native sources that log an object pointer, native ones that log none, and managed (.cs)
// ones, which never do.
constexpr Source kMarsPointer[] = {
    {"backupasync.cpp(1279)", "71"}, {"fileprovider.cpp(1479)", "32"},
    {"mtffile.cpp(1372)", "18"},     {"dsmfs.cpp(887)", "24"},
    {"proxyhelper.cpp(231)", "12"},  {"backupasync.cpp(3115)", "71"},
};
constexpr Source kMarsNoPointer[] = {
    {"itemcatalogupdater.cpp(652)", "70"}, {"catalogstore.cpp(318)", "70"},
};
constexpr Source kMarsManaged[] = {
    {"CloudStorageClient.cs(412)", "69"}, {"RegistrationService.cs(97)", "69"},
    {"JobScheduler.cs(233)", "69"},
};
constexpr Source kDpmPointer[] = {
    {"fsm.cpp(290)", "05"},           {"fsmsender.cpp(318)", "05"},
    {"agentproxy.cpp(702)", "06"},    {"replicareceiver.cpp(455)", "05"},
    {"blockfilesender.cpp(530)", "05"}, {"vsssnapshotrequestor.cpp(585)", "31"},
    {"csvapi.cpp(400)", "31"},
};
constexpr Source kDpmNoPointer[] = {
    {"dpmtrace.cpp(211)", "09"}, {"tapelibrary.cpp(1520)", "08"},
};
constexpr Source kDpmManaged[] = {
    {"JobManager.cs(311)", "09"}, {"ProtectionManager.cs(1044)", "09"},
    {"AppAssert.cs(130)", "09"},
};
// The source of the last record of a crashing service.
constexpr Source kCrashSource = {"everettexception.cpp(761)", "09"};

// Ordinary progress lines: most of every real log.
constexpr std::string_view kNormal[] = {
    "==>FileProvider::EndData",
    "<--FileProvider::EndData",
    "Uploading 500 RO entries",
    "Processed 4096 files, 1048576 bytes in this batch",
    "Enumerating volume \\\\?\\Volume{4b1e9f20-3c1d-4e57-9a0b-6f2c11d0a9e1}\\ for changes",
    "Opening file D:\\Shares\\Finance\\Q4\\ledger-2026.xlsx for backup",
    "Committed catalog segment 17 of 64",
    "Received 797 MB for [D:\\]",
    "Connected to DPMRA on FS02.contoso.local:5718",
    "Sending command [Replicate] to agent on [FS02.contoso.local]",
    "CVssSnapshotRequestor:: ProviderId:[{b5946137-7b9f-4925-af80-51abd60b20d5}], h/w provider:[0]",
    "Throttling disabled, bandwidth 512 Mbps",
    "Scratch location C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Scratch has 48 GB free",
};

// Job markers: phases, state changes and outcomes, as the job tracker reads them.
constexpr std::string_view kJobMarkers[] = {
    "Backup Progress: Prebackup started.",
    "Backup Progress: Prebackup finished.",
    "Backup Progress: Data transfer started.",
    "Backup Progress: Data transfer finished",
    "Backup Progress: Integrity Check started.",
    "Backup Progress: Succeeded",
    "Task state change [Running] -> [Transferring]",
    "Task state change [Transferring] -> [Succeeded]",
    "Task state change [Transferring] -> [Failed]",
    "Job failed after the second retry of the data transfer",
};

// WARNING lines without a code.
constexpr std::string_view kPlainWarnings[] = {
    "Skipping temporary file D:\\Shares\\Finance\\~$budget.xlsx",
    "Last completed state for datasource D:\\ is Transferring",
    "Value of parameter @ProtectedServerName was empty; the default is used",
    "Throttling schedule changed during the job; new limit 128 Mbps",
    "Retrying block upload 17 of 64",
};

// ERROR, FATAL and CRITICAL lines without a code.
constexpr std::string_view kErrors[] = {
    "Could not read the protection group settings from the catalog; retrying in 30 seconds",
    "Metadata upload for batch 12 did not complete",
};
constexpr std::string_view kFatals[] = {
    "Import job with name 'seed-0412' was not found in the storage account",
    "The watcher thread of the scratch folder stopped",
};
constexpr std::string_view kCriticals[] = {
    "The job queue is in an unrecoverable state; the service stops",
};
// Lines with codes the knowledge base knows, in the forms the products write them.
constexpr std::string_view kCoded[] = {
    "Failed: Hr: = [0x80070005] BackupRead failed on file(D:\\Shares\\HR\\salaries.xlsx)",
    "Failed: Hr: = [0x80070020] Unable to open D:\\Shares\\Finance\\archive.pst",
    "Failed: Hr: = [0x8007018b] Cloud file C:\\Users\\amy\\OneDrive - Contoso\\Plan.docx",
    "Unable to find changes in a file. SalBitmapError",
    "The Microsoft Azure Recovery Service Agent was unable to connect to Microsoft Azure Backup. (ID: 100050)",
    "Exception in GetAADToken | Params: {Data = }{Message = AADSTS500021: Access to 'IDMServiceAADTenantsea01pod01' tenant is denied.",
    "DPM encountered a retryable VSS error. (ID 30112 Details: VssError:The writer experienced a transient error. (0x800423F3))",
    "Failed: Hr: = [0x80042306] Snapshot creation vetoed by the provider",
    "The current operation failed due to an internal service error [0x1FC07].",
    "Failed: Hr: = [0x8007173d] : ClusterPrepareSharedVolumeForBackup for C:\\ClusterStorage\\Volume1\\ failed",
    "Replica is inconsistent. Datasource:[D:\\] Server:[FS02.contoso.local]",
    "Job failed: CBPSourceSnapshotFailedReplicaInconsistent",
    "hr=-2147024864 opening D:\\Shares\\Projects\\db\\alpha.ldb",
    "Windows Server Backup job failed. HResult: 80780049 DetailedHResult: 8007007B",
};

// Continuation lines: a managed stack trace after a record (3 to 6 of these lines).
constexpr std::string_view kStack[] = {
    "   at Microsoft.Internal.CloudBackup.Client.Auth.AadTokenProvider.GetToken()",
    "   at Microsoft.Internal.CloudBackup.Client.ServiceClient.Connect(Uri endpoint)",
    "   at Microsoft.Internal.CloudBackup.Client.ServiceClient.Send(Request request)",
    "   at Microsoft.Internal.CloudBackup.Engine.BackupJob.UploadMetadata()",
    "   at Microsoft.Internal.CloudBackup.Engine.BackupJob.Run()",
    "   at System.Threading.ExecutionContext.Run(ExecutionContext context, ContextCallback callback)",
};

// The tail of a crashing service: one CRITICAL record and the stack of the exception.
constexpr std::string_view kCrashMessage =
    "Exception Message = Index was outside the bounds of the array. of type "
    "System.IndexOutOfRangeException, process will terminate after generating dump";
constexpr std::string_view kCrashStack[] = {
    "   at Microsoft.Internal.EnterpriseStorage.Dls.Prm.ProtectionManager.ResolveMembers(Int32 index)",
    "   at Microsoft.Internal.EnterpriseStorage.Dls.Prm.ProtectionManager.RefreshGroup(Guid groupId)",
    "   at Microsoft.Internal.EnterpriseStorage.Dls.Engine.JobManager.OnTimer(Object state)",
    "   at System.Threading.TimerQueueTimer.CallCallbackInContext(Object state)",
    "   at System.Threading.ExecutionContext.RunInternal(ExecutionContext context, ContextCallback callback)",
    "   at System.Threading.TimerQueueTimer.CallCallback()",
    "   at System.Threading.TimerQueueTimer.Fire()",
};

// The shares of each mix, in parts per million of records. The rest are NORMAL progress
// lines. Coded lines are WARNING lines from kCoded; job markers are NORMAL.
struct Shares {
  uint32_t coded_warning;
  uint32_t plain_warning;
  uint32_t error;
  uint32_t fatal;
  uint32_t critical;
  uint32_t job_marker;
  uint32_t continued;  // records followed by a stack trace
};
// Realistic: 3% WARNING, a third of them with codes; 0.22% ERROR, FATAL or CRITICAL.
constexpr Shares kRealisticShares = {10'000, 20'000, 1'500, 500, 200, 2'000, 3'000};
// Worst: 30% WARNING, 80% of them with codes; the rest as in the realistic mix.
constexpr Shares kWorstShares = {240'000, 60'000, 1'500, 500, 200, 2'000, 3'000};

// Shares of the sources and columns, the same in both mixes (parts per million of records).
constexpr uint32_t kManagedPpm = 80'000;     // managed-code (.cs) sources: no pointer
constexpr uint32_t kNoPointerPpm = 50'000;   // native sources that log no pointer
constexpr uint32_t kNoGuidPpm = 250'000;     // records outside any task: no GUID
constexpr uint32_t kNewJobPpm = 10;          // a new task GUID (a job every few hours)

void AppendHex(uint64_t v, int digits, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int i = digits - 1; i >= 0; --i) out->push_back(kHex[(v >> (4 * i)) & 0xF]);
}

void AppendNum(uint64_t v, int digits, std::string* out) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*llu", digits, static_cast<unsigned long long>(v));
  out->append(buf);
}

template <size_t N>
std::string_view Pick(Rng& rng, const std::string_view (&list)[N]) {
  return list[rng.Below(N)];
}

const Source& Pick(Rng& rng, std::span<const Source> list) {
  return list[rng.Below(list.size())];
}

// The writer of one call: the clock, the current task and the head of each line.
class Writer {
 public:
  Writer(const CorpusOptions& options, std::string* out, CorpusStats* stats)
      : options_(options), rng_(options.seed), out_(out), stats_(stats) {
    day_ = 1 + options.start_day % 28;
    month_ = (11 + options.start_day / 28) % 12 + 1;
  }

  Rng& rng() { return rng_; }

  // A record: the head columns, the level and the message.
  void Record(const Source& src, bool pointer, bool guid, CorpusStats::Level level,
              std::string_view message) {
    if (guid_.empty() || rng_.Below(1'000'000) < kNewJobPpm) NewGuid();
    ms_ += rng_.Below(200);
    if (ms_ >= 86'400'000) {
      ms_ -= 86'400'000;
      if (++day_ > 28) {
        day_ = 1;
        month_ = month_ % 12 + 1;
      }
    }
    AppendHex(0x0AB0 + rng_.Below(4), 4, out_);
    out_->push_back('\t');
    AppendHex(0x0974 + rng_.Below(16), 4, out_);
    out_->push_back('\t');
    AppendNum(month_, 2, out_);
    out_->push_back('/');
    AppendNum(day_, 2, out_);
    out_->push_back('\t');
    AppendNum(ms_ / 3'600'000, 2, out_);
    out_->push_back(':');
    AppendNum(ms_ / 60'000 % 60, 2, out_);
    out_->push_back(':');
    AppendNum(ms_ / 1000 % 60, 2, out_);
    out_->push_back('.');
    AppendNum(ms_ % 1000, 3, out_);
    out_->push_back('\t');
    out_->append(src.module);
    out_->push_back('\t');
    out_->append(src.file);
    out_->push_back('\t');
    if (pointer) {
      out_->push_back('[');
      AppendHex(rng_.Next(), 16, out_);
      out_->push_back(']');
    }
    out_->push_back('\t');
    if (guid) out_->append(guid_);
    out_->push_back('\t');
    if (options_.layout == Layout::k2019) out_->push_back('\t');
    static constexpr const char* kLevelNames[] = {"NORMAL", "WARNING", "ERROR", "FATAL",
                                                  "CRITICAL"};
    out_->append(kLevelNames[level]);
    out_->push_back('\t');
    out_->append(message);
    out_->append("\r\n");
    ++stats_->records;
    ++stats_->levels[level];
    if (!pointer) ++stats_->empty_pointer;
    if (!guid) ++stats_->no_guid;
    if (std::string_view(src.file).find(".cs(") != std::string_view::npos) ++stats_->managed;
  }

  // Lines that continue the record before them.
  void Continuation(std::string_view line) {
    out_->append(line);
    out_->append("\r\n");
    ++stats_->continuation_lines;
  }

 private:
  void NewGuid() {
    guid_.clear();
    AppendHex(rng_.Next(), 8, &guid_);
    guid_ += '-';
    AppendHex(rng_.Next(), 4, &guid_);
    guid_ += '-';
    AppendHex(rng_.Next(), 4, &guid_);
    guid_ += '-';
    AppendHex(rng_.Next(), 4, &guid_);
    guid_ += '-';
    AppendHex(rng_.Next(), 12, &guid_);
  }

  const CorpusOptions& options_;
  Rng rng_;
  std::string* out_;
  CorpusStats* stats_;
  std::string guid_;
  uint64_t ms_ = 8 * 3600 * 1000;  // 08:00 on the first day
  int day_ = 1, month_ = 12;
};

uint32_t Ppm(double share) { return static_cast<uint32_t>(share * 1e6 + 0.5); }

}  // namespace

void GenerateErrlog(const CorpusOptions& options, std::string* out, CorpusStats* stats) {
  CorpusStats ignored;
  CorpusStats& local = stats ? *stats : ignored;  // counts add to those of earlier calls
  Writer w(options, out, &local);
  Rng& rng = w.rng();
  const bool dpm = options.dpm;
  Shares shares = options.mix == Mix::kWorst ? kWorstShares : kRealisticShares;
  if (options.code_share) shares.coded_warning = Ppm(*options.code_share);
  if (options.continuation_share) shares.continued = Ppm(*options.continuation_share);
  // Cumulative thresholds of the kinds of record, in parts per million.
  const uint32_t coded_end = shares.coded_warning;
  const uint32_t warning_end = coded_end + shares.plain_warning;
  const uint32_t error_end = warning_end + shares.error;
  const uint32_t fatal_end = error_end + shares.fatal;
  const uint32_t critical_end = fatal_end + shares.critical;
  const uint32_t marker_end = critical_end + shares.job_marker;

  const std::span<const Source> managed_mars(kMarsManaged), managed_dpm(kDpmManaged);
  const std::span<const Source> no_pointer_mars(kMarsNoPointer), no_pointer_dpm(kDpmNoPointer);
  const std::span<const Source> pointer_mars(kMarsPointer), pointer_dpm(kDpmPointer);
  const size_t start = out->size();
  const uint64_t target = start + options.bytes;
  while (out->size() < target) {
    const uint32_t kind = static_cast<uint32_t>(rng.Below(1'000'000));
    const uint32_t where = static_cast<uint32_t>(rng.Below(1'000'000));
    const std::span<const Source> sources =
        where < kManagedPpm                   ? (dpm ? managed_dpm : managed_mars)
        : where < kManagedPpm + kNoPointerPpm ? (dpm ? no_pointer_dpm : no_pointer_mars)
                                              : (dpm ? pointer_dpm : pointer_mars);
    const Source& src = Pick(rng, sources);
    const bool pointer = where >= kManagedPpm + kNoPointerPpm;
    const bool guid = rng.Below(1'000'000) >= kNoGuidPpm;
    if (kind < coded_end) {
      w.Record(src, pointer, guid, CorpusStats::kWarning, Pick(rng, kCoded));
      ++local.coded;
    } else if (kind < warning_end) {
      w.Record(src, pointer, guid, CorpusStats::kWarning, Pick(rng, kPlainWarnings));
    } else if (kind < error_end) {
      w.Record(src, pointer, guid, CorpusStats::kError, Pick(rng, kErrors));
    } else if (kind < fatal_end) {
      w.Record(src, pointer, guid, CorpusStats::kFatal, Pick(rng, kFatals));
    } else if (kind < critical_end) {
      w.Record(src, pointer, guid, CorpusStats::kCritical, Pick(rng, kCriticals));
    } else if (kind < marker_end) {
      w.Record(src, pointer, guid, CorpusStats::kNormal, Pick(rng, kJobMarkers));
      ++local.job_markers;
    } else {
      w.Record(src, pointer, guid, CorpusStats::kNormal, Pick(rng, kNormal));
    }
    if (rng.Below(1'000'000) < shares.continued) {
      const size_t n = 3 + rng.Below(std::size(kStack) - 2);  // 3 to 6 lines
      for (size_t i = 0; i < n; ++i) w.Continuation(kStack[i]);
      ++local.continued_records;
    }
  }
  if (options.crash_tail) {
    w.Record(kCrashSource, false, true, CorpusStats::kCritical, kCrashMessage);
    for (std::string_view s : kCrashStack) w.Continuation(s);
    ++local.crash_tails;
    ++local.continued_records;
  }
  local.bytes += out->size() - start;
  local.lines = local.records + local.continuation_lines;
}

std::string ToUtf16Le(const std::string& utf8) {
  // The corpus is ASCII, so each byte is one code unit.
  std::string out;
  out.reserve(utf8.size() * 2 + 2);
  out += "\xFF\xFE";
  for (char c : utf8) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

}  // namespace loganalyze::bench
