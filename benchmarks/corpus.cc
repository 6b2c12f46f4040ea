#include "corpus.h"

#include <cstdio>
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

constexpr Source kMarsSources[] = {
    {"backupasync.cpp(1279)", "71"},   {"fileprovider.cpp(1479)", "32"},
    {"itemcatalogupdater.cpp(652)", "70"}, {"mtffile.cpp(1372)", "18"},
    {"dsmfs.cpp(887)", "24"},          {"CloudStorageClient.cs(412)", "69"},
    {"proxyhelper.cpp(231)", "12"},    {"backupasync.cpp(3115)", "71"},
};
constexpr Source kDpmSources[] = {
    {"fsm.cpp(290)", "05"},            {"fsmsender.cpp(318)", "05"},
    {"agentproxy.cpp(702)", "06"},     {"JobManager.cs(311)", "09"},
    {"replicareceiver.cpp(455)", "05"}, {"blockfilesender.cpp(530)", "05"},
    {"vsssnapshotrequestor.cpp(585)", "31"}, {"csvapi.cpp(400)", "31"},
};

// Ordinary progress lines: most of every real log.
constexpr std::string_view kNormal[] = {
    "Backup Progress: Data transfer started.",
    "==>FileProvider::EndData",
    "<--FileProvider::EndData",
    "Uploading 500 RO entries",
    "Processed 4096 files, 1048576 bytes in this batch",
    "Enumerating volume \\\\?\\Volume{4b1e9f20-3c1d-4e57-9a0b-6f2c11d0a9e1}\\ for changes",
    "Opening file D:\\Shares\\Finance\\Q4\\ledger-2026.xlsx for backup",
    "Committed catalog segment 17 of 64",
    "Task state change [Running] -> [Transferring]",
    "Received 797 MB for [D:\\]",
    "Connected to DPMRA on FS02.contoso.local:5718",
    "Sending command [Replicate] to agent on [FS02.contoso.local]",
    "CVssSnapshotRequestor:: ProviderId:[{b5946137-7b9f-4925-af80-51abd60b20d5}], h/w provider:[0]",
    "Throttling disabled, bandwidth 512 Mbps",
    "Scratch location C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Scratch has 48 GB free",
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

constexpr std::string_view kStack[] = {
    "   at Microsoft.Internal.CloudBackup.Client.Auth.AadTokenProvider.GetToken()",
    "   at Microsoft.Internal.CloudBackup.Client.ServiceClient.Connect(Uri endpoint)",
    "   at Microsoft.Internal.CloudBackup.Engine.BackupJob.Run()",
};

void AppendHex(uint64_t v, int digits, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int i = digits - 1; i >= 0; --i) out->push_back(kHex[(v >> (4 * i)) & 0xF]);
}

void AppendNum(uint64_t v, int digits, std::string* out) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*llu", digits, static_cast<unsigned long long>(v));
  out->append(buf);
}

}  // namespace

void GenerateErrlog(const CorpusOptions& options, std::string* out) {
  Rng rng(options.seed);
  const Source* sources = options.dpm ? kDpmSources : kMarsSources;
  std::string guid;
  uint64_t ms = 8 * 3600 * 1000;  // 08:00 on the first day
  int day = 1 + options.start_day % 28, month = (11 + options.start_day / 28) % 12 + 1;
  const uint64_t target = out->size() + options.bytes;
  while (out->size() < target) {
    // A new job every few hours of log time (MARS runs two or three a day), and each line
    // of that job carries its task GUID. About a quarter of the lines have no task.
    if (guid.empty() || rng.Below(100000) == 0) {
      guid.clear();
      AppendHex(rng.Next(), 8, &guid);
      guid += '-';
      AppendHex(rng.Next(), 4, &guid);
      guid += '-';
      AppendHex(rng.Next(), 4, &guid);
      guid += '-';
      AppendHex(rng.Next(), 4, &guid);
      guid += '-';
      AppendHex(rng.Next(), 12, &guid);
    }
    ms += rng.Below(200);
    if (ms >= 86400000) {
      ms -= 86400000;
      if (++day > 28) {
        day = 1;
        month = month % 12 + 1;
      }
    }
    const Source& src = sources[rng.Below(8)];
    const bool coded = rng.Unit() < options.code_share;
    AppendHex(0x0AB0 + rng.Below(4), 4, out);
    out->push_back('\t');
    AppendHex(0x0974 + rng.Below(16), 4, out);
    out->push_back('\t');
    AppendNum(month, 2, out);
    out->push_back('/');
    AppendNum(day, 2, out);
    out->push_back('\t');
    AppendNum(ms / 3600000, 2, out);
    out->push_back(':');
    AppendNum(ms / 60000 % 60, 2, out);
    out->push_back(':');
    AppendNum(ms / 1000 % 60, 2, out);
    out->push_back('.');
    AppendNum(ms % 1000, 3, out);
    out->push_back('\t');
    out->append(src.module);
    out->push_back('\t');
    out->append(src.file);
    out->push_back('\t');
    if (src.file[0] >= 'a') {  // native sources log an object pointer, managed ones do not
      out->push_back('[');
      AppendHex(rng.Next(), 16, out);
      out->push_back(']');
    }
    out->push_back('\t');
    if (rng.Below(4) != 0) out->append(guid);
    out->push_back('\t');
    out->append(coded ? "WARNING" : "NORMAL");
    out->push_back('\t');
    out->append(coded ? kCoded[rng.Below(std::size(kCoded))]
                      : kNormal[rng.Below(std::size(kNormal))]);
    out->append("\r\n");
    if (rng.Unit() < options.continuation_share) {
      for (std::string_view s : kStack) {
        out->append(s);
        out->append("\r\n");
      }
    }
  }
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
