// The archive member reader: fuzzed bytes written to a temporary file under a fuzzed name
// (zip, 7z, cab, tar, tar.gz, gz) and walked with small limits. Every member streams
// through ReadLog; no member delivers more than the limits allow, and the accounting of
// each balances. Member names and notes are UTF-8 whatever bytes the archive stores, and a
// member listed as skipped delivers nothing.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "decode/encoding_detector.h"
#include "fuzz/fuzz_check.h"
#include "loganalyze/inputs.h"
#include "loganalyze/reader.h"

namespace {

// Counts what the member delivers, and checks that a failed Read stays failed.
class CountingSource : public loganalyze::ByteSource {
 public:
  explicit CountingSource(loganalyze::ByteSource& inner) : inner_(inner) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    absl::StatusOr<size_t> n = inner_.Read(buffer, size);
    FUZZ_CHECK(!failed_ || !n.ok());  // once failed, never ok again
    if (!n.ok()) {
      FUZZ_CHECK(!n.status().message().empty());
      failed_ = true;
    } else {
      FUZZ_CHECK(*n <= size);
      bytes += *n;
    }
    return n;
  }
  uint64_t bytes = 0;

 private:
  loganalyze::ByteSource& inner_;
  bool failed_ = false;
};

class NullSink : public loganalyze::RecordSink {
 public:
  void OnRecord(const loganalyze::Record&) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest = loganalyze::fuzz::Bytes(data, size);
  static constexpr const char* kNames[] = {"bundle.zip", "bundle.7z",     "bundle.cab",
                                           "bundle.tar", "bundle.tar.gz", "CBEngineCurr.errlog.gz",
                                           "bundle.bin"};
  const char* name = kNames[loganalyze::fuzz::TakeByte(&rest) % 7];
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("loganalyze_fuzz_archive_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(rest.data(), static_cast<std::streamsize>(rest.size()));
  }
  (void)loganalyze::IsArchive(name, rest.substr(0, 512));

  loganalyze::ArchiveLimits limits;
  limits.max_member_bytes = 1 << 20;
  limits.max_total_bytes = 4 << 20;
  limits.max_ratio = 100;
  limits.max_depth = 3;
  uint64_t total = 0;
  const absl::Status status = loganalyze::ForEachArchiveMember(
      path.string(), limits,
      [&](const loganalyze::MemberInfo& member, loganalyze::ByteSource& source) {
        FUZZ_CHECK(!member.path.empty());
        FUZZ_CHECK(loganalyze::internal::IsValidUtf8(member.path));
        for (const std::string& note : member.notes) {
          FUZZ_CHECK(!note.empty() && loganalyze::internal::IsValidUtf8(note));
        }
        FUZZ_CHECK(loganalyze::internal::IsValidUtf8(member.skipped));
        CountingSource counted(source);
        NullSink sink;
        loganalyze::InputInfo info;
        info.name = member.path;
        info.mtime = member.mtime;
        loganalyze::ReadOptions options;
        options.year = 2026;
        const loganalyze::InputSummary s = loganalyze::ReadLog(counted, info, options, sink);
        // Analysed members balance; a skipped (binary) one read its head only.
        if (s.skipped.empty()) FUZZ_CHECK(s.stats.Balanced());
        FUZZ_CHECK(s.stats.bytes == counted.bytes);
        if (!member.skipped.empty()) FUZZ_CHECK(counted.bytes == 0);
        FUZZ_CHECK(counted.bytes <= limits.max_member_bytes);
        total += counted.bytes;
        FUZZ_CHECK(total <= limits.max_total_bytes);
      },
      [&](std::string_view, const absl::Status& s) {
        FUZZ_CHECK(!s.ok());
        FUZZ_CHECK(!s.message().empty());
      });
  if (!status.ok()) FUZZ_CHECK(!status.message().empty());
  // Nothing was extracted: the folder holds the archive and nothing else.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
  FUZZ_CHECK(entries == 1);
  std::filesystem::remove_all(dir);  // nothing left behind in the temporary folder
  return 0;
}
