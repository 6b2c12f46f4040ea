// AnalyzeBundle: the invariant that no record counts twice across inputs, over bundles made
// of the samples' logs plus copies of pieces of them, as they appear in real bundles: .Crash
// copies (the tail of a log), rotated logs that overlap, copies in another encoding, copies
// in another folder, and excerpts pasted out of Notepad++. Whatever the copies, the report
// counts what the original logs hold; and it is the same at one thread and at two.
#include "loganalyze/bundle.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <atomic>
#include <random>
#include <set>
#include <thread>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "archive_util.h"
#include "test_util.h"
#include "report_counts.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::loganalyze::testing::ToUtf16;
using ::loganalyze::testing::WriteZip;
using ::loganalyze::testing::ZipMembers;
using ::loganalyze::testing::ReportCounts;

const fs::path kSamples = fs::path(LOGANALYZE_SOURCE_DIR) / "samples";

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The lines of a sample log (UTF-16LE with a BOM in the samples), as UTF-8 without the CR.
std::vector<std::string> Lines(const fs::path& log) {
  const std::string bytes = Read(log);
  EXPECT_TRUE(bytes.starts_with("\xFF\xFE")) << log << " is not UTF-16LE with a BOM";
  std::string text;
  for (size_t i = 2; i + 1 < bytes.size(); i += 2) {
    uint32_t c = static_cast<unsigned char>(bytes[i]) | static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (c >= 0xD800 && c < 0xDC00 && i + 3 < bytes.size()) {  // a surrogate pair
      const uint32_t low =
          static_cast<unsigned char>(bytes[i + 2]) | static_cast<unsigned char>(bytes[i + 3]) << 8;
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    if (c < 0x80) {
      text += static_cast<char>(c);
    } else if (c < 0x800) {
      text += static_cast<char>(0xC0 | c >> 6);
      text += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      text += static_cast<char>(0xE0 | c >> 12);
      text += static_cast<char>(0x80 | (c >> 6 & 0x3F));
      text += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      text += static_cast<char>(0xF0 | c >> 18);
      text += static_cast<char>(0x80 | (c >> 12 & 0x3F));
      text += static_cast<char>(0x80 | (c >> 6 & 0x3F));
      text += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::string Join(const std::vector<std::string>& lines, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < lines.size(); ++i) out += lines[i] + "\r\n";
  return out;
}

// A line that starts a record (a continuation line starts with blanks or text).
bool StartsRecord(const std::string& line) {
  return !line.empty() && std::isxdigit(static_cast<unsigned char>(line[0]));
}

// A random position in [lo, hi) where a record starts.
size_t RecordStart(const std::vector<std::string>& lines, size_t lo, size_t hi, std::mt19937& rng) {
  for (int tries = 0; tries < 1000; ++tries) {
    const size_t i = std::uniform_int_distribution<size_t>(lo, hi - 1)(rng);
    if (StartsRecord(lines[i])) return i;
  }
  return lo;
}


class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok());
    kb_ = *std::move(kb);
    AnalyzeOptions options;
    options.read.year = 2026;
    auto analyzer = Analyzer::Create(kb_, options);
    ASSERT_TRUE(analyzer.ok());
    analyzer_ = *std::move(analyzer);
    dir_ = fs::temp_directory_path() /
           ("loganalyze_bundle_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Report Run(const std::string& folder, int jobs) {
    BundleOptions options;
    options.jobs = jobs;
    absl::StatusOr<Report> r = AnalyzeBundle(*analyzer_, {(dir_ / folder).string()}, options);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *std::move(r) : Report();
  }
  void Write(const std::string& name, const std::string& bytes) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }

  KnowledgeBase kb_;
  std::unique_ptr<const Analyzer> analyzer_;
  fs::path dir_;
};

TEST_F(BundleTest, NoRecordCountsTwiceWhateverTheCopies) {
  const std::vector<std::string> msdpm = Lines(kSamples / "dpm/MSDPMCurr.errlog");
  const std::vector<std::string> engine = Lines(kSamples / "mars/CBEngineCurr.errlog");
  ASSERT_GT(msdpm.size(), 1000u);
  ASSERT_GT(engine.size(), 1000u);
  Write("original/MSDPMCurr.errlog", ToUtf16(Join(msdpm, 0, msdpm.size())));
  Write("original/CBEngineCurr.errlog", ToUtf16(Join(engine, 0, engine.size())));
  const Report original = Run("original", 1);
  ASSERT_FALSE(original.findings.empty());

  for (unsigned seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    const std::string b = "bundle" + std::to_string(seed) + "/";
    // The engine log rotated with an overlap: CBEngine1 ends after CBEngineCurr begins.
    const size_t split = RecordStart(engine, engine.size() / 3, 2 * engine.size() / 3, rng);
    const size_t back = RecordStart(engine, split - 200, split, rng);
    Write(b + "CBEngine1.errlog", ToUtf16(Join(engine, 0, split)));
    Write(b + "CBEngineCurr.errlog", ToUtf16(Join(engine, back, engine.size())));
    // The DPM log, two .Crash copies of pieces of it (one in UTF-8), and a copy of the whole
    // log in another folder.
    Write(b + "Temp/MSDPMCurr.errlog", ToUtf16(Join(msdpm, 0, msdpm.size())));
    const size_t c1 = RecordStart(msdpm, 0, msdpm.size() / 2, rng);
    const size_t c2 = RecordStart(msdpm, msdpm.size() / 2, msdpm.size(), rng);
    Write(b + "Temp/MSDPMCurr.errlog.2026-01-04_20-55-45.Crash", ToUtf16(Join(msdpm, c1, c2)));
    const size_t c3 = RecordStart(msdpm, c2 - 100, c2, rng);
    Write(b + "Temp/MSDPMCurr.errlog.2026-01-05_10-00-00.Crash", Join(msdpm, c3, msdpm.size()));
    Write(b + "Temp - Copy/MSDPMCurr.errlog", ToUtf16(Join(msdpm, 0, msdpm.size())));
    // An excerpt pasted out of Notepad++'s "Find All": the WARNING lines of a stretch.
    std::string excerpt = "Search \"WARNING\" (hits in 1 file of 1 searched)\r\n"
                          "  C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Temp\\"
                          "CBEngineCurr.errlog (hits)\r\n";
    const size_t e1 = RecordStart(engine, 0, engine.size() - 300, rng);
    for (size_t i = e1; i < e1 + 300; ++i) {
      if (engine[i].find("\tWARNING\t") != std::string::npos) {
        excerpt += "\tLine " + std::to_string(i + 1) + ": " + engine[i] + "\r\n";
      }
    }
    Write(b + "ticket/excerpt.txt", excerpt);

    const Report one = Run(b, 1);
    EXPECT_EQ(ReportCounts(one), ReportCounts(original));
    for (const ReportInput& in : one.inputs) {
      // Every record of a copy counts in its original; the logs themselves count in full.
      // (Of the two MSDPMCurr.errlog, "Temp - Copy/" comes first in path order: "Temp/" is
      // the copy.)
      if (in.path.ends_with("excerpt.txt") || in.path.ends_with(".Crash") ||
          in.path.ends_with("/Temp/MSDPMCurr.errlog")) {
        EXPECT_GT(in.stats.records, 0u) << in.path;
        EXPECT_EQ(in.stats.duplicate_records, in.stats.records) << in.path;
      }
    }
    const Report two = Run(b, 2);
    EXPECT_EQ(RenderReport(two, kb_, ReportFormat::kJson, {}),
              RenderReport(one, kb_, ReportFormat::kJson, {}));
  }
}

// The same server's Temp folder collected on two days, each in its own folder: Monday's log
// is the first part of Tuesday's (the log grew). Found by the record samples, since the two
// are in different folders, and counted once.
TEST_F(BundleTest, ALogCollectedTwiceInTwoFoldersCountsOnce) {
  const std::vector<std::string> engine = Lines(kSamples / "mars/CBEngineCurr.errlog");
  std::mt19937 rng(7);
  const size_t monday_end = RecordStart(engine, engine.size() / 2, engine.size() - 100, rng);
  Write("original/CBEngineCurr.errlog", ToUtf16(Join(engine, 0, engine.size())));
  Write("cases/tuesday/Temp/CBEngineCurr.errlog", ToUtf16(Join(engine, 0, engine.size())));
  Write("cases/monday/Temp/CBEngineCurr.errlog", ToUtf16(Join(engine, 0, monday_end)));
  const Report original = Run("original", 1);
  const Report twice = Run("cases", 1);
  EXPECT_EQ(ReportCounts(twice), ReportCounts(original));
  for (const ReportInput& in : twice.inputs) {
    if (in.path.find("tuesday") != std::string::npos) {
      // "monday" sorts first: it counts, and Tuesday's copy of its records does not.
      EXPECT_GT(in.stats.duplicate_records, 0u);
      EXPECT_LT(in.stats.duplicate_records, in.stats.records);
    }
  }
}

// `-j256` on a bundle of 64 small logs, in a folder and in a zip: no more threads work than
// the machine has cores (before, one thread was started per job, up to one per file, and a
// zip was shared out among all of them, each share walking the whole archive), and the counts
// are those of one thread.
TEST_F(BundleTest, WorkersAreCappedAtTheCores) {
  const std::vector<std::string> engine = Lines(kSamples / "mars/CBEngineCurr.errlog");
  ZipMembers members;
  for (size_t i = 0; i < 64; ++i) {
    // Pieces that do not overlap, so that each record is in one of them.
    const std::string piece = Join(engine, i * engine.size() / 64, (i + 1) * engine.size() / 64);
    const std::string name = "CBEngine" + std::to_string(100 + i) + ".errlog";
    Write("folder/" + name, piece);
    members.emplace_back(name, piece);
  }
  fs::create_directories(dir_ / "zip");
  ASSERT_TRUE(WriteZip(dir_ / "zip" / "bundle.zip", members));
  for (const char* what : {"folder", "zip/bundle.zip"}) {
    SCOPED_TRACE(what);
    std::set<std::thread::id> workers;
    BundleOptions options;
    options.jobs = 256;
    options.progress = [&](const BundleProgress&) { workers.insert(std::this_thread::get_id()); };
    absl::StatusOr<Report> wide = AnalyzeBundle(*analyzer_, {(dir_ / what).string()}, options);
    ASSERT_TRUE(wide.ok()) << wide.status();
    EXPECT_GE(workers.size(), 1u);
    EXPECT_LE(workers.size(), std::max(1u, std::thread::hardware_concurrency()));
    BundleOptions one;
    one.jobs = 1;
    absl::StatusOr<Report> narrow = AnalyzeBundle(*analyzer_, {(dir_ / what).string()}, one);
    ASSERT_TRUE(narrow.ok()) << narrow.status();
    EXPECT_EQ(ReportCounts(*wide), ReportCounts(*narrow));
    EXPECT_FALSE(wide->findings.empty());
  }
}

// A caller can stop the analysis: from the progress callback after the first file of 16,
// and before it starts. Either way the call says it was cancelled, never a partial report
// that looks whole.
TEST_F(BundleTest, CancellationStopsTheCallAndSaysSo) {
  const std::vector<std::string> engine = Lines(kSamples / "mars/CBEngineCurr.errlog");
  for (size_t i = 0; i < 16; ++i) {
    Write("logs/CBEngine" + std::to_string(100 + i) + ".errlog",
          Join(engine, i * engine.size() / 16, (i + 1) * engine.size() / 16));
  }
  for (int jobs : {1, 2}) {
    SCOPED_TRACE("jobs " + std::to_string(jobs));
    std::atomic<bool> cancel{false};
    size_t calls = 0;
    BundleOptions options;
    options.jobs = jobs;
    options.cancel = &cancel;
    options.progress = [&](const BundleProgress& p) {
      ++calls;
      if (p.files_done >= 1) cancel = true;
    };
    absl::StatusOr<Report> r = AnalyzeBundle(*analyzer_, {(dir_ / "logs").string()}, options);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kCancelled) << r.status();
    EXPECT_LT(calls, 16u);  // it stopped before the end
  }
  std::atomic<bool> cancel{true};
  BundleOptions options;
  options.cancel = &cancel;
  absl::StatusOr<Report> r = AnalyzeBundle(*analyzer_, {(dir_ / "logs").string()}, options);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kCancelled);
  // Without a cancellation, the same call completes.
  cancel = false;
  r = AnalyzeBundle(*analyzer_, {(dir_ / "logs").string()}, options);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->inputs.size(), 16u);
}

// Lists of inputs (--files-from) are read by the library: their paths are analysed with the
// arguments, and a list that cannot be read is an error of the report, of kind not_found.
TEST_F(BundleTest, InputListsAddTheirPathsAndAListThatCannotBeReadIsAnError) {
  Write("logs/CBEngine1.errlog", "1F08\t259C\t01/02\t21:52:22.820\t70\tx.cpp(1)\t\t\tWARNING\ta\n");
  Write("logs/CBEngine2.errlog", "1F08\t259C\t01/03\t21:52:22.820\t70\tx.cpp(1)\t\t\tWARNING\tb\n");
  // PowerShell's `>` writes UTF-16LE with a BOM and CRLF.
  Write("list.txt", ToUtf16((dir_ / "logs/CBEngine2.errlog").string() + "\r\n"));
  BundleOptions options;
  options.input_lists = {(dir_ / "list.txt").string(), (dir_ / "no-list.txt").string()};
  absl::StatusOr<Report> r =
      AnalyzeBundle(*analyzer_, {(dir_ / "logs/CBEngine1.errlog").string()}, options);
  ASSERT_TRUE(r.ok()) << r.status();
  std::set<std::string> analysed;
  for (const ReportInput& in : r->inputs) {
    if (in.error.empty()) analysed.insert(fs::path(in.path).filename().string());
  }
  EXPECT_EQ(analysed, (std::set<std::string>{"CBEngine1.errlog", "CBEngine2.errlog"}));
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].path, (dir_ / "no-list.txt").string());
  EXPECT_EQ(r->errors[0].code, absl::StatusCode::kNotFound);
  EXPECT_THAT(r->errors[0].message, ::testing::HasSubstr("cannot read this list of inputs"));
}

}  // namespace
}  // namespace loganalyze
