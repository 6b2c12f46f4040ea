// "One event, one count", through the real `loganalyze` on folders and archives as users
// bring them: copies of a log, one file reached by several names, the same bytes twice,
// reports of earlier runs left in the bundle, and archives that hold what a folder holds.
// Each test compares what the report counts (findings, jobs, timeline, failed files) with the
// report of the same bundle without the copy: they must be equal.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "report_counts.h"
#include "shell_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::loganalyze::testing::ReportCounts;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path kSamples = fs::path(LOGANALYZE_SOURCE_DIR) / "samples";

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs the CLI in `dir` with `args` (shell syntax), after `env` (variables to set).
CliRun Cli(const fs::path& dir, const std::string& args, const std::string& env = "") {
  const fs::path err = fs::temp_directory_path() / ("counting_err_" + std::to_string(::getpid()));
  const testing::ShellResult r =
      testing::RunShell("cd '" + dir.string() + "' && " + env + "'" LOGANALYZE_CLI "' " + args +
                        " 2>'" + err.string() + "'");
  std::ifstream in(err);
  std::stringstream s;
  s << in.rdbuf();
  return CliRun{r.exit_code, r.out, s.str()};
}

// The JSON report of `args` run in `dir`, read back.
Report Analyze(const fs::path& dir, const std::string& args, const std::string& env = "") {
  const CliRun r = Cli(dir, "-f json -q --year 2026 " + args, env);
  EXPECT_NE(r.exit_code, 2) << args << "\n" << r.err;
  absl::StatusOr<Report> report = ParseJsonReport(r.out);
  EXPECT_TRUE(report.ok()) << args << ": " << report.status() << "\n" << r.err;
  return report.ok() ? *std::move(report) : Report();
}


const ReportInput* Input(const Report& r, std::string_view path, std::string_view member = "") {
  for (const ReportInput& in : r.inputs) {
    if (in.path == path && in.member == member) return &in;
  }
  return nullptr;
}

class CountingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("loganalyze_counting_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Copy(const fs::path& from, const std::string& to) {
    fs::create_directories((dir_ / to).parent_path());
    fs::copy(from, dir_ / to, fs::copy_options::recursive);
  }
  fs::path dir_;
};

// A log large enough to be read in ranges, one per thread: the report is the same, byte
// for byte, whatever the number of threads; so it is with a .Crash copy of its end beside
// it (compared with the log through the sketch the ranges join).
TEST_F(CountingTest, OneLargeLogGivesOneReportOnAnyNumberOfThreads) {
  std::string log;
  log.reserve(80 << 20);
  const char* kMessages[] = {
      "Backup Progress: Data transfer started.", "Processed 4096 files in this batch",
      "Failed: Hr: = [0x80070005] BackupRead failed on file(D:\\a.doc)",
      "Unable to find changes in a file. SalBitmapError", "Widget 42 overflowed near gate 7"};
  for (int i = 0; log.size() < (72u << 20); ++i) {
    const int day = 28 + i / 60000;  // 12/28 .. 01/05
    const int month = day > 31 ? 1 : 12;
    const int ms = i % 60000 * 1400;
    const int kind = i % 97 == 0 ? 2 + i / 97 % 3 : i % 2;
    log += fmt::format("0AB0\t0974\t{:02}/{:02}\t{:02}:{:02}:{:02}.{:03}\t71\tbackupasync.cpp(1)\t\t"
                       "F3E32129-DC79-4A28-9ACC-3F30CB5810B{}\t{}\t{}\r\n",
                       month, day > 31 ? day - 31 : day, ms / 3600000, ms / 60000 % 60,
                       ms / 1000 % 60, ms % 1000, i / 50000 % 10, kind >= 2 ? "WARNING" : "NORMAL",
                       kMessages[kind]);
    if (i % 1000 == 3) log += "   at Frame.Call()\r\n";
  }
  {
    std::ofstream out(dir_ / "CBEngineCurr.errlog", std::ios::binary);
    out << log;
  }
  const CliRun one = Cli(dir_, "-f json -q --year 2026 -j1 CBEngineCurr.errlog");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  for (const char* jobs : {"-j2", "-j3"}) {
    const CliRun many = Cli(dir_, std::string("-f json -q --year 2026 CBEngineCurr.errlog ") + jobs);
    EXPECT_EQ(many.exit_code, 0) << many.err;
    EXPECT_TRUE(many.out == one.out) << jobs << ": the reports differ";
  }
  {
    std::ofstream out(dir_ / "CBEngineCurr.errlog.2027-01-06_10-00-00.Crash", std::ios::binary);
    out << log.substr(log.size() - (40 << 20));
  }
  const CliRun both = Cli(dir_, "-f json -q --year 2026 -j1 .");
  ASSERT_EQ(both.exit_code, 0) << both.err;
  const CliRun both_many = Cli(dir_, "-f json -q --year 2026 -j2 .");
  EXPECT_TRUE(both_many.out == both.out) << "the reports of the log and its copy differ";
  absl::StatusOr<Report> report = ParseJsonReport(both.out);
  ASSERT_TRUE(report.ok());
  const ReportInput* crash = Input(*report, "CBEngineCurr.errlog.2027-01-06_10-00-00.Crash");
  ASSERT_NE(crash, nullptr);
  EXPECT_EQ(crash->stats.duplicate_records, crash->stats.records);
}

// A .Crash file is a copy of its service's current log: the crash, and every record before
// it, counts once. The copy is listed, with how many of its records were counted where.
TEST_F(CountingTest, CrashCopyCountsOnce) {
  Copy(kSamples / "dpm/MSDPMCurr.errlog", "Temp/MSDPMCurr.errlog");
  const Report alone = Analyze(dir_, "Temp");
  Copy(kSamples / "dpm/MSDPMCurr.errlog.2026-01-04_20-55-45.Crash",
       "Temp/MSDPMCurr.errlog.2026-01-04_20-55-45.Crash");
  const Report both = Analyze(dir_, "Temp");
  EXPECT_EQ(ReportCounts(both), ReportCounts(alone));
  EXPECT_EQ(both.findings.at("dpm.service-crash-dump").count, 1u);
  const ReportInput* crash = Input(both, "Temp/MSDPMCurr.errlog.2026-01-04_20-55-45.Crash");
  ASSERT_NE(crash, nullptr);
  EXPECT_EQ(crash->stats.records, 340u);
  EXPECT_EQ(crash->stats.duplicate_records, 340u);
  EXPECT_EQ(crash->duplicates.at("Temp/MSDPMCurr.errlog"), 340u);
  // The JSON says it, and so does the text report.
  const CliRun text = Cli(dir_, "Temp -q --year 2026 --color never");
  EXPECT_THAT(text.out, HasSubstr("340 of its 340 records were already counted from "
                                  "Temp/MSDPMCurr.errlog"));
}

// Rotated logs that overlap: the last records of CBEngine1 are again at the top of
// CBEngineCurr. They count once, and the rest of both logs counts as before.
TEST_F(CountingTest, OverlappingRotatedLogsCountSharedRecordsOnce) {
  std::ifstream old_in(kSamples / "mars/CBEngine1.errlog", std::ios::binary);
  std::string old_log((std::istreambuf_iterator<char>(old_in)), {});
  std::ifstream cur_in(kSamples / "mars/CBEngineCurr.errlog", std::ios::binary);
  std::string cur_log((std::istreambuf_iterator<char>(cur_in)), {});
  // Both are UTF-16LE with a BOM and CRLF: take CBEngine1's last 300 lines.
  const std::string crlf("\r\0\n\0", 4);
  size_t cut = old_log.size();
  for (int lines = 0; lines <= 300; ++lines) cut = old_log.rfind(crlf, cut - 1);
  const std::string tail = old_log.substr(cut + 4);
  { std::ofstream(dir_ / "CBEngine1.errlog", std::ios::binary) << old_log; }
  { std::ofstream(dir_ / "CBEngineCurr.errlog", std::ios::binary) << cur_log; }
  const Report apart = Analyze(dir_, ".");
  { std::ofstream(dir_ / "CBEngineCurr.errlog", std::ios::binary)
        << cur_log.substr(0, 2) << tail << cur_log.substr(2); }
  const Report overlapping = Analyze(dir_, ".");
  EXPECT_EQ(ReportCounts(overlapping), ReportCounts(apart));
  const ReportInput* curr = Input(overlapping, "CBEngineCurr.errlog");
  ASSERT_NE(curr, nullptr);
  EXPECT_EQ(curr->stats.duplicate_records, 300u)
      << "records " << curr->stats.records;
  EXPECT_EQ(curr->duplicates.size(), 1u);
}

// A copy of a log piped in on standard input counts once too; when standard input cannot be
// kept for the second read (no temporary folder), the report says it was not compared.
TEST_F(CountingTest, StandardInputIsComparedWithTheLogsOrSaysItWasNot) {
  Copy(kSamples / "dpm/MSDPMCurr.errlog", "Temp/MSDPMCurr.errlog");
  Copy(kSamples / "dpm/MSDPMCurr.errlog.2026-01-04_20-55-45.Crash", "crash.copy");
  const Report alone = Analyze(dir_, "Temp");
  const Report piped = Analyze(dir_, "Temp - < crash.copy");
  EXPECT_EQ(ReportCounts(piped), ReportCounts(alone));
  const ReportInput* in = Input(piped, "-");
  ASSERT_NE(in, nullptr);
  EXPECT_EQ(in->stats.duplicate_records, 340u);
  const Report unkept = Analyze(dir_, "Temp - < crash.copy", "TMPDIR=/nonexistent ");
  in = Input(unkept, "-");
  ASSERT_NE(in, nullptr);
  EXPECT_THAT(in->notes, Contains(HasSubstr("cannot be read a second time")));
  EXPECT_EQ(in->stats.duplicate_records, 0u);
}

// One file reached by a relative and an absolute path, through its folder and by name, and
// through a link to a folder inside the tree: read once, listed once, with a note.
TEST_F(CountingTest, OneFileReachedTwiceIsReadOnce) {
  Copy(kSamples / "mars", "Temp");
  const Report once = Analyze(dir_, "Temp");
  fs::create_directory_symlink(dir_ / "Temp", dir_ / "Temp/again");
  const std::string absolute = (dir_ / "Temp/CBEngineCurr.errlog").string();
  const Report twice =
      Analyze(dir_, "Temp Temp/CBEngineCurr.errlog ./Temp/CBEngineCurr.errlog '" + absolute + "'");
  EXPECT_EQ(ReportCounts(twice), ReportCounts(once));
  EXPECT_EQ(twice.inputs.size(), once.inputs.size() + 1);  // + the link, listed as skipped
  int listed = 0;
  for (const ReportInput& in : twice.inputs) {
    listed += in.path.ends_with("CBEngineCurr.errlog");
  }
  EXPECT_EQ(listed, 1);
  const ReportInput* kept = Input(twice, "Temp/CBEngineCurr.errlog");  // the first name met
  ASSERT_NE(kept, nullptr);
  EXPECT_THAT(kept->notes, Contains(HasSubstr("also reached as " + absolute)));
  const ReportInput* link = Input(twice, "Temp/again");
  ASSERT_NE(link, nullptr);
  EXPECT_THAT(link->skipped, HasSubstr("inside the folder being read"));
}

// The same bytes twice under other names (a "Temp - Copy" folder, and the bundle both
// zipped and extracted): counted once, and each copy says which input it copies.
TEST_F(CountingTest, TheSameBytesTwiceCountOnce) {
  Copy(kSamples / "mars", "Temp");
  const Report once = Analyze(dir_, "Temp");
  Copy(kSamples / "mars", "Temp - Copy");
  const Report copies = Analyze(dir_, "Temp 'Temp - Copy'");
  EXPECT_EQ(ReportCounts(copies), ReportCounts(once));
  const ReportInput* copy = Input(copies, "Temp/CBEngineCurr.errlog");
  ASSERT_NE(copy, nullptr);
  ASSERT_FALSE(copy->duplicates.empty());
  EXPECT_EQ(copy->stats.duplicate_records, copy->stats.records);
  EXPECT_EQ(copy->duplicates.begin()->first, "Temp - Copy/CBEngineCurr.errlog");
  ASSERT_EQ(std::system(("cd '" + dir_.string() + "' && zip -qr bundle.zip Temp").c_str()), 0);
  const Report zipped_and_not = Analyze(dir_, "bundle.zip Temp");
  EXPECT_EQ(ReportCounts(zipped_and_not), ReportCounts(once));
  const ReportInput* member = Input(zipped_and_not, "bundle.zip", "Temp/CBEngineCurr.errlog");
  const ReportInput* file = Input(zipped_and_not, "Temp/CBEngineCurr.errlog");
  ASSERT_NE(member, nullptr);
  ASSERT_NE(file, nullptr);
  // In path order, "Temp/..." comes before "bundle.zip": the file counts, the member is the copy.
  EXPECT_THAT(file->notes, Not(Contains(HasSubstr("the same bytes"))));
  EXPECT_THAT(member->notes, Contains(HasSubstr("the same bytes as Temp/CBEngineCurr.errlog")));
}

// Reports an earlier run wrote into the bundle folder, in every format, are recognised by
// their content and skipped with the reason: the findings do not count twice.
TEST_F(CountingTest, ReportsOfEarlierRunsAreSkipped) {
  Copy(kSamples / "mars", "Temp");
  const Report before = Analyze(dir_, "Temp");
  for (const char* format : {"text", "json", "jsonl", "markdown", "html"}) {
    const std::string name = std::string("Temp/report-") + format + ".log";
    ASSERT_EQ(Cli(dir_, std::string("Temp -q --year 2026 --color always -f ") + format + " -o " +
                            name).exit_code,
              0);
  }
  // PowerShell's `>` writes UTF-16LE with a BOM.
  const CliRun text = Cli(dir_, "Temp -q --year 2026 --color never");
  ASSERT_EQ(std::system(("cd '" + dir_.string() + "' && '" LOGANALYZE_CLI
                         "' Temp -q --year 2026 | iconv -f UTF-8 -t UTF-16 > Temp/ps.txt")
                            .c_str()),
            0);
  const Report after = Analyze(dir_, "Temp");
  EXPECT_EQ(ReportCounts(after), ReportCounts(before));
  for (const char* format : {"text", "json", "jsonl", "markdown", "html"}) {
    const ReportInput* in = Input(after, std::string("Temp/report-") + format + ".log");
    ASSERT_NE(in, nullptr) << format;
    EXPECT_THAT(in->skipped, HasSubstr("a report written by loganalyze")) << format;
  }
  const ReportInput* ps = Input(after, "Temp/ps.txt");
  ASSERT_NE(ps, nullptr);
  EXPECT_THAT(ps->skipped, HasSubstr("a report written by loganalyze"));
  // Named on the command line, a report is still not read as a log.
  const Report named = Analyze(dir_, "Temp/report-json.log");
  ASSERT_NE(Input(named, "Temp/report-json.log"), nullptr);
  EXPECT_THAT(Input(named, "Temp/report-json.log")->skipped, HasSubstr("loganalyze merge"));
}

// The skip rules of a folder walk apply to archive members: a zip of samples/ gives what
// samples/ gives.
TEST_F(CountingTest, ArchiveMembersFollowTheFolderRules) {
  Copy(kSamples, "samples");
  const Report folder = Analyze(dir_, "samples");
  ASSERT_EQ(std::system(("cd '" + dir_.string() + "' && zip -qr s.zip samples").c_str()), 0);
  fs::remove_all(dir_ / "samples");
  const Report zip = Analyze(dir_, "s.zip");
  EXPECT_EQ(ReportCounts(zip), ReportCounts(folder));
  for (const char* member : {"samples/README.md", "samples/generate_samples.py"}) {
    const ReportInput* in = Input(zip, "s.zip", member);
    ASSERT_NE(in, nullptr) << member;
    EXPECT_THAT(in->skipped, HasSubstr("not a log (.")) << member;
  }
}

// The output file is never one of the inputs: the log stays as it was.
TEST_F(CountingTest, OutputOntoAnInputIsRefused) {
  Copy(kSamples / "mars/CBEngineCurr.errlog", "Temp/CBEngineCurr.errlog");
  const auto size = fs::file_size(dir_ / "Temp/CBEngineCurr.errlog");
  fs::create_symlink(dir_ / "Temp/CBEngineCurr.errlog", dir_ / "link.txt");
  for (const char* out : {"Temp/CBEngineCurr.errlog", "./Temp/../Temp/CBEngineCurr.errlog",
                          "link.txt"}) {
    const CliRun r = Cli(dir_, std::string("Temp -q -f json -o ") + out);
    EXPECT_EQ(r.exit_code, 2) << out;
    EXPECT_THAT(r.err, AllOf(HasSubstr("is the input"), HasSubstr("CBEngineCurr.errlog"))) << out;
    EXPECT_EQ(fs::file_size(dir_ / "Temp/CBEngineCurr.errlog"), size) << out;
  }
}

}  // namespace
}  // namespace loganalyze
