// Errlog excerpts as people paste them, and errlog lines dated on days that no year has,
// through the real `loganalyze` binary: a file in, the JSON report out (read back with
// ParseJsonReport), and what it must say: records, levels, times and findings.
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "reference_lines.h"
#include "shell_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class PastedCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           (std::string("loganalyze_pasted_cli_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `bytes` as `name`, runs the CLI on it with --year 2026 and reads the JSON report.
  // The raw JSON stays in json_.
  Report Analyze(const std::string& name, std::string_view bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    const testing::ShellResult run = testing::RunShell(
        "'" LOGANALYZE_CLI "' --format json --year 2026 '" + path.string() + "' 2>/dev/null");
    EXPECT_EQ(run.exit_code, 0) << name;
    json_ = run.out;
    absl::StatusOr<Report> report = ParseJsonReport(run.out);
    EXPECT_TRUE(report.ok()) << report.status();
    if (!report.ok() || report->inputs.size() != 1) return Report();
    const InputStats& s = report->inputs[0].stats;
    EXPECT_TRUE(s.Balanced()) << json_;
    EXPECT_EQ(s.bytes, bytes.size());
    return *std::move(report);
  }

  // The one input was read as an errlog of `records` records dated from `first` to `last`.
  static void ExpectErrlog(const Report& r, uint64_t records, std::string_view first,
                           std::string_view last) {
    ASSERT_EQ(r.inputs.size(), 1u);
    EXPECT_EQ(r.inputs[0].format, Format::kErrlog);
    EXPECT_EQ(r.inputs[0].stats.records, records);
    EXPECT_EQ(r.inputs[0].first_time.ToString(), first);
    EXPECT_EQ(r.inputs[0].last_time.ToString(), last);
  }

  // The finding that carries `code`, or nullptr.
  static const ReportFinding* WithCode(const Report& r, const std::string& code) {
    for (const auto& [id, f] : r.findings) {
      if (f.codes.contains(code)) return &f;
    }
    return nullptr;
  }

  fs::path dir_;
  std::string json_;
};

TEST_F(PastedCliTest, ALineDatedOnADayNoYearHasIsUnparsedNotAFinding) {
  const std::string text =
      "0AB0\t0974\t04/30\t23:59:58.100\t18\tmtffile.cpp(1372)\t[0000000053582120]\t"
      "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\t\tWARNING\tFailed: Hr: = [0x80070005] BackupRead "
      "failed on file(D:\\Shares\\a.docx)\r\n"
      "0AB0\t0974\t04/31\t00:00:01.000\t18\tmtffile.cpp(1372)\t[0000000053582120]\t"
      "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\t\tWARNING\tFailed: Hr: = [0x80070570] BackupRead "
      "failed on file(D:\\Shares\\b.docx)\r\n"
      "0AB0\t0974\t05/01\t00:00:02.000\t71\tbackupasync.cpp(1338)\t[000000001A12E3F0]\t"
      "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\tNORMAL\tBackup Progress: Succeeded\r\n";
  const Report r = Analyze("CBEngineCurr.errlog", text);
  ExpectErrlog(r, 2, "2026-04-30T23:59:58.100", "2026-05-01T00:00:02.000");
  const InputStats& s = r.inputs.at(0).stats;
  EXPECT_EQ(s.lines, 3u);
  EXPECT_EQ(s.unparsed_lines, 1u);
  EXPECT_EQ(s.continuation_lines, 0u);
  // The report shows no date that does not exist, and no finding from the undatable line.
  EXPECT_THAT(json_, Not(HasSubstr("04-31")));
  EXPECT_EQ(WithCode(r, "0x80070570"), nullptr);
  const ReportFinding* denied = WithCode(r, "0x80070005");
  ASSERT_NE(denied, nullptr);
  EXPECT_EQ(denied->count, 1u);
  EXPECT_EQ(denied->first_seen.ToString(), "2026-04-30T23:59:58.100");
}

// The sample (b) hits as Notepad++ "Find All" shows them, in a file whose name says nothing.
TEST_F(PastedCliTest, NotepadFindAllExcerpt) {
  const std::string text =
      "Search \"BackupRead failed\" (2 hits in 1 file of 1 searched)\r\n"
      "  C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Temp\\CBEngineCurr.errlog "
      "(2 hits)\r\n"
      "\tLine 28: " +
      std::string(testing::kMarsRestore1) + "\r\n" +
      "\tLine 56: " + std::string(testing::kMarsRestore2) + "\r\n";
  const Report r = Analyze("restore-hits.txt", text);
  ExpectErrlog(r, 2, "2026-08-04T13:16:29.206", "2026-08-04T13:16:29.237");
  EXPECT_EQ(r.inputs.at(0).stats.structure_lines, 2u);
  const ReportFinding* f = WithCode(r, "0x8000FFFF");
  ASSERT_NE(f, nullptr) << json_;
  EXPECT_EQ(f->count, 2u);
  EXPECT_EQ(f->first_seen.ToString(), "2026-08-04T13:16:29.206");
  ASSERT_FALSE(f->samples.empty());
  EXPECT_EQ(f->samples[0].line, 3u);
  // The sample is the record, read as a record: time and level, then the message.
  EXPECT_THAT(f->samples[0].text,
              ::testing::StartsWith("08/04 13:16:29.206 WARNING Failed: Hr: = [0x8000ffff]"));
  EXPECT_EQ(r.timeline.at("2026-08-04T13").errors + r.timeline.at("2026-08-04T13").warnings, 2u);
}

// Sample (f): findstr over DPMRA logs of two nodes, times as Excel shows them.
TEST_F(PastedCliTest, FindstrOutputWithExcelTimes) {
  const std::string text =
      std::string(testing::kCsvFindstr1) + "\r\n" + std::string(testing::kCsvFindstr2) + "\r\n";
  const Report r = Analyze("csv-backup-findstr.log", text);
  ExpectErrlog(r, 2, "2026-05-09T16:00:45.000", "2026-05-09T16:01:06.000");
  const ReportFinding* f = WithCode(r, "0x8007173D");
  ASSERT_NE(f, nullptr) << json_;
  EXPECT_EQ(f->count, 1u);
  EXPECT_THAT(f->samples.at(0).text,
              ::testing::StartsWith("05/09 16:00:45.000 WARNING Failed: Hr: = [0x8007173d]"));
}

// Sample (d): four collapsed records on one line, in a file named like an errlog.
TEST_F(PastedCliTest, SeveralCollapsedRecordsOnOneLine) {
  const Report r = Analyze("CBEngineCurr.errlog", std::string(testing::kOfflineSeedingRun) + "\n");
  ExpectErrlog(r, 4, "2026-10-21T21:02:21.611", "2026-10-21T21:02:21.611");
  EXPECT_EQ(r.inputs.at(0).stats.lines, 1u);
  EXPECT_EQ(r.inputs.at(0).stats.joined_records, 3u);
  EXPECT_THAT(json_, HasSubstr("\"joined_records\":3"));
  // The knowledge base explains three of them: the FATAL line and both WARNING lines.
  const ReportFinding* f = WithCode(r, "0x80780054");
  ASSERT_NE(f, nullptr) << json_;
  EXPECT_EQ(f->id, "mars.offline-import-job-not-found");
  EXPECT_EQ(f->count, 3u);
  EXPECT_TRUE(f->codes.contains("0x1B7AFBE0"));
  ASSERT_EQ(f->samples.size(), 3u);
  EXPECT_THAT(f->samples[0].text, ::testing::StartsWith("10/21 21:02:21.611 FATAL GetImportJob"));
  EXPECT_EQ(f->samples[1].text,
            "10/21 21:02:21.611 WARNING PollAzureImportJob failed with error code: 1b7afbe0");
  EXPECT_THAT(f->samples[2].text,
              ::testing::StartsWith("10/21 21:02:21.611 WARNING Failed: Hr: = [0x80780054]"));
  EXPECT_EQ(r.timeline.at("2026-10-21T21").errors, 3u);
  // The job of the task GUID saw all four records, and failed.
  ASSERT_TRUE(r.jobs.contains("0517B3DB-347D-45A8-9DAB-FD7D1EA7D134")) << json_;
  const ReportJob& job = r.jobs.at("0517B3DB-347D-45A8-9DAB-FD7D1EA7D134");
  EXPECT_EQ(job.records, 4u);
  EXPECT_EQ(job.Outcome(), "failed");
}

// Samples (a) and (e) with their whitespace collapsed: a crash and an agent line.
TEST_F(PastedCliTest, WhitespaceCollapsedCopy) {
  const std::string text = testing::Collapse(testing::kDpmCrashCause) + "\n" +
                           testing::Collapse(testing::kDpmCrashLine) + "\n" +
                           std::string(testing::kDpmraCollapsed) + "\n";
  const Report r = Analyze("from-the-case.txt", text);
  ExpectErrlog(r, 3, "2026-06-01T20:54:55.393", "2026-11-05T13:02:42.416");
  bool critical = false;
  for (const auto& [id, f] : r.findings) {
    if (f.severity == Severity::kCritical) {
      critical = true;
      EXPECT_EQ(f.first_seen.ToString(), "2026-06-01T20:55:45.690") << id;
    }
  }
  EXPECT_TRUE(critical) << json_;
}

}  // namespace
}  // namespace loganalyze
