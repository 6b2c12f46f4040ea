#include "loganalyze/analyzer.h"

#include <string>

#include "aggregate/analyze_filtered.h"
#include "bundle/copies.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "parse/parser.h"
#include "test_util.h"
#include "whole_records.h"

namespace loganalyze {
namespace {

using ::loganalyze::testing::ToUtf16;
using ::loganalyze::testing::UnixSeconds;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Key;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr char kGuid[] = "F3E32129-DC79-4A28-9ACC-3F30CB5810B6";

std::string Line(std::string_view time, std::string_view level, std::string_view msg,
                 std::string_view guid = kGuid) {
  return "0AB0\t0974\t01/04\t" + std::string(time) + "\t71\tbackupasync.cpp(1)\t\t" +
         std::string(guid) + "\t" + std::string(level) + "\t" + std::string(msg) + "\r\n";
}

// One failed MARS backup with known errors, an unknown warning, an unknown code and an
// informational WARNING.
std::string BackupLog() {
  return Line("12:30:00.000", "NORMAL", "Backup Progress: Prebackup started.") +
         Line("12:30:05.000", "WARNING", "Last completed state for Ds Id 2251799813685252 is 7") +
         Line("12:30:10.000", "NORMAL", "Backup Progress: Prebackup finished.") +
         Line("12:31:00.000", "NORMAL", "Backup Progress: Data transfer started.") +
         Line("12:40:00.000", "WARNING", "Failed: Hr: = [0x80070005] BackupRead failed on file(D:\\a.doc)") +
         Line("12:41:00.000", "WARNING", "Failed: Hr: = [0x80070005] BackupRead failed on file(D:\\b.doc)") +
         Line("12:42:00.000", "WARNING", "Strange widget 42 overflowed at D:\\x\\y.bin") +
         Line("12:43:00.000", "WARNING", "Strange widget 7 overflowed at D:\\z.bin") +
         Line("12:44:00.000", "WARNING", "Failed: Hr: = [0x80131577] nobody knows") +
         Line("13:05:00.000", "WARNING", "Unable to find changes in a file. SalBitmapError") +
         Line("13:05:01.000", "WARNING", "Failed: Hr: = [0x80004005] Backup Progress: Failed") +
         Line("13:06:00.000", "NORMAL", "Backup Progress: UnInitialize Storage finsihed.");
}

class AnalyzerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok());
    kb_ = *std::move(kb);
  }
  Report Run(const std::string& bytes, std::string_view name, AnalyzeOptions options = {}) {
    auto analyzer = Analyzer::Create(kb_, options);
    EXPECT_TRUE(analyzer.ok());
    auto source = MemorySource(bytes);
    InputInfo info;
    info.name = std::string(name);
    info.mtime = UnixSeconds(2026, 1, 5);
    return (*analyzer)->Analyze(*source, info, name, "");
  }
  std::string IdFor(std::string_view code) {
    const int e = kb_.FindByCode(code);
    return e < 0 ? "" : kb_.entries()[e].id;
  }
  KnowledgeBase kb_;
};

TEST_F(AnalyzerTest, FindingsUnknownCodesAndTemplates) {
  const std::string bytes = ToUtf16(BackupLog());
  const Report r = Run(bytes, "CBEngineCurr.errlog");
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_TRUE(r.inputs[0].stats.Balanced());
  EXPECT_TRUE(r.errors.empty());

  const ReportFinding& denied = r.findings.at(IdFor("0x80070005"));
  EXPECT_EQ(denied.count, 2u);
  EXPECT_EQ(denied.first_seen.ToString(), "2026-01-04T12:40:00.000");
  EXPECT_EQ(denied.last_seen.ToString(), "2026-01-04T12:41:00.000");
  ASSERT_EQ(denied.samples.size(), 2u);
  EXPECT_EQ(denied.samples[0].line, 5u);
  EXPECT_THAT(denied.samples[0].text, HasSubstr("01/04 12:40:00.000 WARNING Failed: Hr:"));
  EXPECT_THAT(denied.inputs, ElementsAre("CBEngineCurr.errlog"));

  EXPECT_EQ(r.findings.at(IdFor("SalBitmapError")).count, 1u);
  // A code the knowledge base does not know is still reported, as a code.
  EXPECT_EQ(r.findings.at("code:0x80131577").count, 1u);
  // Unknown warnings are grouped into one template.
  ASSERT_EQ(r.unknown.size(), 1u);
  EXPECT_EQ(r.unknown.begin()->first, "Strange widget <N> overflowed at <PATH>");
  EXPECT_EQ(r.unknown.begin()->second.count, 2u);
  EXPECT_EQ(r.unknown.begin()->second.example.line, 7u);
}

// The knowledge base handed to Create may be a temporary: the analyzer and its matcher keep
// their own handle to the entries. Before, both kept a reference, and this use read freed
// memory (AddressSanitizer: heap-use-after-free in the sanitizer build).
TEST(AnalyzerOwnershipTest, AKnowledgeBaseThatIsATemporaryIsSafe) {
  absl::StatusOr<std::unique_ptr<const Analyzer>> analyzer =
      Analyzer::Create(*KnowledgeBase::Default(), {});
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  const std::string bytes = ToUtf16(BackupLog());
  auto source = MemorySource(bytes);
  InputInfo info;
  info.name = "CBEngineCurr.errlog";
  info.mtime = UnixSeconds(2026, 1, 5);
  const Report r = (*analyzer)->Analyze(*source, info, info.name, "");
  const KnowledgeBase& kb = (*analyzer)->matcher().knowledge_base();
  const int denied = kb.FindByCode("0x80070005");
  ASSERT_GE(denied, 0);
  EXPECT_EQ(r.findings.at(kb.entries()[denied].id).count, 2u);
  EXPECT_FALSE(kb.version().empty());
}

TEST_F(AnalyzerTest, RebuildsTheJob) {
  const Report r = Run(ToUtf16(BackupLog()), "CBEngineCurr.errlog");
  ASSERT_EQ(r.jobs.size(), 1u);
  const ReportJob& job = r.jobs.at(kGuid);
  EXPECT_EQ(job.kind, "mars-backup");
  EXPECT_EQ(job.Outcome(), "failed");
  EXPECT_EQ(job.FailedPhase(), "Data transfer");
  EXPECT_EQ(job.Start().ToString(), "2026-01-04T12:30:00.000");
  EXPECT_EQ(job.End().ToString(), "2026-01-04T13:06:00.000");
  EXPECT_THAT(job.codes, Contains("0x80004005"));
  EXPECT_EQ(job.phases.at("Prebackup").end.ToString(), "2026-01-04T12:30:10.000");
}

// Jobs without MARS backup phases are named after the product whose log they come from.
TEST_F(AnalyzerTest, JobKindFollowsTheLogFamily) {
  const std::string log = Line("12:30:00.000", "NORMAL", "Registering the server");
  EXPECT_EQ(Run(log, "OBRecoveryServicesManagementAgent0.errlog").jobs.at(kGuid).kind,
            "mars-task");
  EXPECT_EQ(Run(log, "LAAgentCurr.errlog").jobs.at(kGuid).kind, "dpm-task");
  EXPECT_EQ(Run(log, "DPMRACurr.errlog").jobs.at(kGuid).kind, "dpm-task");
  EXPECT_EQ(Run(log, "excerpt.txt").jobs.at(kGuid).kind, "task");
}

// One line, one finding: a line with several codes or entries counts once, under the entry
// precedence chooses (or its last code), and lists all its codes.
TEST_F(AnalyzerTest, OneLineFeedsOneFinding) {
  const std::string log =
      Line("12:40:00.000", "WARNING",
           "Windows Server Backup job failed. HResult: 80780049 DetailedHResult: 8007007B") +
      Line("12:41:00.000", "WARNING", "Retry 3 (ID 62) failed: Hr: = [0x80131577]");
  const Report r = Run(ToUtf16(log), "CBEngineCurr.errlog");
  uint64_t total = 0;
  for (const auto& [id, f] : r.findings) total += f.count;
  EXPECT_EQ(total, 2u);
  const ReportFinding& wsb = r.findings.at("win32.invalid-name");
  EXPECT_THAT(wsb.codes, UnorderedElementsAre("0x80780049", "0x8007007B"));
  const ReportFinding& code = r.findings.at("code:0x80131577");
  EXPECT_THAT(code.codes, UnorderedElementsAre("0x80131577", "62"));
}

// The product of the log, from its file name, chooses between entries.
TEST_F(AnalyzerTest, TheLogsProductChoosesTheEntry) {
  const std::string log = Line("12:40:00.000", "WARNING", "The device is not ready.");
  EXPECT_THAT(Run(log, "CBEngineCurr.errlog").findings,
              ElementsAre(Key("win32.device-not-ready")));
  EXPECT_THAT(Run(log, "MSDPMCurr.errlog").findings, ElementsAre(Key("dpm.device-not-ready")));
}

TEST_F(AnalyzerTest, TimelineAndSeverityFilter) {
  const Report r = Run(ToUtf16(BackupLog()), "CBEngineCurr.errlog");
  // 12:xx: the two access-denied warnings... and the rest; 13:xx: change tracking + failure.
  ASSERT_TRUE(r.timeline.count("2026-01-04T12"));
  ASSERT_TRUE(r.timeline.count("2026-01-04T13"));
  EXPECT_GT(r.timeline.at("2026-01-04T13").errors, 0u);

  AnalyzeOptions errors_only;
  errors_only.min_severity = Severity::kError;
  const Report e = Run(ToUtf16(BackupLog()), "CBEngineCurr.errlog", errors_only);
  for (const auto& [id, f] : e.findings) EXPECT_GE(f.severity, Severity::kError) << id;
  EXPECT_TRUE(e.unknown.empty());
}

// WithOptions shares the compiled patterns, outlives the analyzer it came from, and
// analyses as an analyzer created with those options does.
TEST(AnalyzerOwnershipTest, WithOptionsSharesThePatternsAndGivesTheSameReports) {
  absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::Default();
  ASSERT_TRUE(kb.ok());
  AnalyzeOptions errors_only;
  errors_only.min_severity = Severity::kError;
  errors_only.read.year = 2026;
  absl::StatusOr<std::unique_ptr<const Analyzer>> created = Analyzer::Create(*kb, errors_only);
  ASSERT_TRUE(created.ok());
  std::unique_ptr<const Analyzer> derived;
  const Matcher* shared = nullptr;
  {
    absl::StatusOr<std::unique_ptr<const Analyzer>> base = Analyzer::Create(*kb, {});
    ASSERT_TRUE(base.ok());
    derived = (*base)->WithOptions(errors_only);
    shared = &(*base)->matcher();
  }  // the analyzer it came from is gone
  EXPECT_EQ(&derived->matcher(), shared);
  EXPECT_EQ(derived->options().min_severity, Severity::kError);
  const std::string bytes = ToUtf16(BackupLog());
  InputInfo info;
  info.name = "CBEngineCurr.errlog";
  auto a = MemorySource(bytes);
  auto b = MemorySource(bytes);
  const Report from_derived = derived->Analyze(*a, info, info.name, "");
  const Report from_created = (*created)->Analyze(*b, info, info.name, "");
  ASSERT_FALSE(from_created.findings.empty());
  RenderOptions o;
  EXPECT_EQ(RenderReport(from_derived, *kb, ReportFormat::kJson, o),
            RenderReport(from_created, *kb, ReportFormat::kJson, o));
}

TEST_F(AnalyzerTest, SinceAndUntil) {
  AnalyzeOptions window;
  window.since = LogTime::FromCivil(2026, 1, 4, 12, 41, 0, 0);
  window.until = LogTime::FromCivil(2026, 1, 4, 12, 59, 0, 0);
  const Report r = Run(ToUtf16(BackupLog()), "CBEngineCurr.errlog", window);
  EXPECT_EQ(r.findings.at(IdFor("0x80070005")).count, 1u);
  EXPECT_THAT(r.findings, Not(Contains(Key(IdFor("SalBitmapError")))));
}

// With --year 2026, a record dated 02/29 has a date that does not exist: it is counted, but
// no report shows 2026-02-29 (not in a finding, a job, the timeline or the input's range).
TEST_F(AnalyzerTest, ALeapDayInAYearWithoutOneIsCountedWithoutADate) {
  auto dated = [](std::string_view md, std::string_view time, std::string_view level,
                  std::string_view msg) {
    return "0AB0\t0974\t" + std::string(md) + "\t" + std::string(time) +
           "\t71\tbackupasync.cpp(1)\t\t" + kGuid + "\t" + std::string(level) + "\t" +
           std::string(msg) + "\r\n";
  };
  const std::string log =
      dated("02/28", "23:00:00.000", "NORMAL", "Backup Progress: Prebackup started.") +
      dated("02/28", "23:10:00.000", "WARNING", "Failed: Hr: = [0x80070005] on file(D:\\a)") +
      dated("02/29", "00:10:00.000", "WARNING", "Failed: Hr: = [0x80070005] on file(D:\\b)") +
      dated("02/29", "00:20:00.000", "WARNING", "Failed: Hr: = [0x80004005] Backup Progress: Failed") +
      dated("03/01", "01:00:00.000", "WARNING", "Failed: Hr: = [0x80070005] on file(D:\\c)");
  AnalyzeOptions options;
  options.read.year = 2026;
  const Report r = Run(log, "CBEngineCurr.errlog", options);
  ASSERT_EQ(r.inputs.size(), 1u);
  const ReportInput& in = r.inputs[0];
  EXPECT_EQ(in.stats.records, 5u);
  EXPECT_EQ(in.stats.undated_records, 2u);
  EXPECT_EQ(in.first_time.ToString(), "2026-02-28T23:00:00.000");
  EXPECT_EQ(in.last_time.ToString(), "2026-03-01T01:00:00.000");
  EXPECT_THAT(in.notes, Contains(HasSubstr("dated 02/29 in a year without that day")));
  const ReportFinding& denied = r.findings.at(IdFor("0x80070005"));
  EXPECT_EQ(denied.count, 3u);  // all three counted
  EXPECT_EQ(denied.first_seen.ToString(), "2026-02-28T23:10:00.000");
  EXPECT_EQ(denied.last_seen.ToString(), "2026-03-01T01:00:00.000");
  // Per day, only the dated ones: the count says 3, the days 2.
  EXPECT_THAT(denied.days, ElementsAre(std::pair<const std::string, uint64_t>("2026-02-28", 1),
                                       std::pair<const std::string, uint64_t>("2026-03-01", 1)));
  for (const auto& [hour, c] : r.timeline) EXPECT_THAT(hour, Not(HasSubstr("02-29")));
  uint64_t in_timeline = 0;
  for (const auto& [hour, c] : r.timeline) in_timeline += c.errors + c.warnings;
  EXPECT_EQ(in_timeline, 2u);  // the dated warnings only
  ASSERT_EQ(r.jobs.size(), 1u);
  const ReportJob& job = r.jobs.begin()->second;
  EXPECT_EQ(job.records, 5u);
  EXPECT_EQ(job.first_seen.ToString(), "2026-02-28T23:00:00.000");
  EXPECT_FALSE(job.failed_at.is_set());  // the failure line has no date that exists
  EXPECT_THAT(RenderReport(r, kb_, ReportFormat::kJson, {}), Not(HasSubstr("02-29")));
}

// The same log copied in 2026 (its modification time): 02/29 exists in 2024, so the log is
// placed there, and the note says why.
TEST_F(AnalyzerTest, ACopiedLogWithALeapDayIsPlacedInALeapYear) {
  const std::string log =
      "0AB0\t0974\t02/28\t23:10:00.000\t71\tx.cpp(1)\t\t\tWARNING\tFailed: Hr: = [0x80070005]\r\n"
      "0AB0\t0974\t02/29\t00:10:00.000\t71\tx.cpp(1)\t\t\tWARNING\tFailed: Hr: = [0x80070005]\r\n";
  auto analyzer = Analyzer::Create(kb_, {});
  ASSERT_TRUE(analyzer.ok());
  auto source = MemorySource(log);
  InputInfo info;
  info.name = "CBEngineCurr.errlog";
  info.mtime = UnixSeconds(2026, 3, 10);
  const Report r = (*analyzer)->Analyze(*source, info, info.name, "");
  EXPECT_EQ(r.inputs[0].stats.undated_records, 0u);
  EXPECT_EQ(r.inputs[0].last_time.ToString(), "2024-02-29T00:10:00.000");
  EXPECT_THAT(r.inputs[0].notes, Contains(HasSubstr("placed 2 year(s) earlier, in a leap year")));
  EXPECT_EQ(r.findings.at(IdFor("0x80070005")).last_seen.ToString(), "2024-02-29T00:10:00.000");
  // The days move with the year: none is left in the provisional year.
  EXPECT_THAT(r.findings.at(IdFor("0x80070005")).days,
              ElementsAre(std::pair<const std::string, uint64_t>("2024-02-28", 1),
                          std::pair<const std::string, uint64_t>("2024-02-29", 1)));
}

// The analysis takes most records as quiet records, with their time and task only. Its report
// is the one that the same analysis gives when it receives every record whole.
TEST_F(AnalyzerTest, QuietRecordsGiveTheReportOfWholeRecords) {
  auto line = [](std::string_view md, std::string_view time, std::string_view task,
                 std::string_view level, std::string_view msg) {
    return "0AB0\t0974\t" + std::string(md) + "\t" + std::string(time) +
           "\t71\tbackupasync.cpp(1)\t[1A12E3F0]\t" + std::string(task) + "\t" +
           std::string(level) + "\t" + std::string(msg) + "\r\n";
  };
  const std::string other = "0C5A1D42-7B1E-4F0B-8E5D-2A9C6B3F1E77";
  const std::string third = "7D3B9E10-5C2A-4E8F-9B61-C04A2F8D7E35";
  std::string log = "Trace session started\r\n";
  const char* days[] = {"02/28", "02/29", "03/01"};
  for (int i = 0; i < 90; ++i) {
    const std::string md = days[i / 30];
    const std::string time = "1" + std::to_string(i % 10) + ":0" + std::to_string(i % 6) + ":" +
                             std::to_string(10 + i % 50) + ".000";
    const std::string task = i % 7 == 0 ? "" : i % 3 == 0 ? other : i % 11 == 0 ? third : kGuid;
    log += line(md, time, task, i % 5 == 0 ? "VERBOSE" : "NORMAL", "Opening file D:\\a.doc");
    if (i % 9 == 0) log += line(md, time, task, "NORMAL", "Backup Progress: Prebackup started.");
    if (i % 13 == 0) log += line(md, time, task, "WARNING", "Failed: Hr: = [0x80070005] x");
    if (i % 17 == 0) log += line(md, time, task, "NORMAL", "") + "   at Connect()\r\n";
    if (i % 19 == 0) log += line(md, time, task, "ERROR", "Job failed with 0x80004005");
  }
  auto json = [&](const std::string& bytes, const AnalyzeOptions& options, bool whole) {
    auto analyzer = Analyzer::Create(kb_, options);
    EXPECT_TRUE(analyzer.ok());
    auto source = MemorySource(bytes);
    InputInfo info;
    info.name = "CBEngineCurr.errlog";
    info.mtime = UnixSeconds(2026, 3, 5);
    Report r;
    if (!whole) {
      r = (*analyzer)->Analyze(*source, info, info.name, "");
    } else {
      r = testing::AnalyzeWholeRecords(**analyzer, *source, info, info.name);
    }
    return RenderReport(r, kb_, ReportFormat::kJson, {});
  };
  AnalyzeOptions leap;   // the mtime's 2026 has no 02/29: the log is placed in 2024
  AnalyzeOptions fixed;  // 02/29 of 2026 does not exist: its records are undated
  fixed.read.year = 2026;
  AnalyzeOptions window = fixed;
  window.since = LogTime::FromCivil(2026, 2, 28, 12, 0, 0, 0);
  window.until = LogTime::FromCivil(2026, 3, 1, 14, 0, 0, 0);
  AnalyzeOptions few_jobs = leap;
  few_jobs.limits.max_jobs = 1;
  for (const AnalyzeOptions& options : {leap, fixed, window, few_jobs}) {
    for (const std::string& bytes : {log, ToUtf16(log)}) {
      const std::string quiet = json(bytes, options, false);
      EXPECT_EQ(quiet, json(bytes, options, true));
      EXPECT_THAT(quiet, HasSubstr(other));
    }
  }
  // The analysis takes quiet records unless a filter must see every record whole.
  auto analyzer = Analyzer::Create(kb_, {});
  ASSERT_TRUE(analyzer.ok());
  internal::RecordAggregator alone(**analyzer, "a", "", "a.errlog", nullptr);
  auto* quiet = dynamic_cast<internal::QuietRecordSink*>(&alone.sink());
  ASSERT_NE(quiet, nullptr);
  EXPECT_TRUE(quiet->TakesQuietRecords());
  internal::RecordSampler sampler;
  internal::RecordAggregator sampled(**analyzer, "a", "", "a.errlog", &sampler);
  EXPECT_FALSE(dynamic_cast<internal::QuietRecordSink*>(&sampled.sink())->TakesQuietRecords());
}

TEST_F(AnalyzerTest, FailedFilesItemsAndCodes) {
  const std::string header =
      "Consider adding these to exclusion list of backup policy." + std::string(46, '-') + "\r\n";
  const std::string day1 = header + "D:\\F\\a.xlsx\t0x80070020\r\nD:\\F\\b.pst\t0x80070005\r\n";
  const std::string day2 = header + "D:\\F\\a.xlsx (Error: 0x80070020)\r\n";
  Report r = Run(ToUtf16(day1), "LastBackupFailedFiles17af1_1_3_2026_1230.txt");
  r.Merge(Run(ToUtf16(day2), "LastBackupFailedFiles17af1_1_4_2026_1230.txt"));
  EXPECT_EQ(r.failed_files.total, 3u);
  EXPECT_EQ(r.failed_files.by_code.at("0x80070020"), 2u);
  const FailedFileItem& a = r.failed_files.items.at({"D:\\F\\a.xlsx", "0x80070020"});
  EXPECT_THAT(a.days, ElementsAre("2026-01-03", "2026-01-04"));
  EXPECT_EQ(r.findings.at(IdFor("0x80070020")).count, 2u);
}

// Errors are logged at WARNING or above; NORMAL lines are progress and are not matched, but
// they still build jobs. Plain-text lines have no level and are always matched.
TEST_F(AnalyzerTest, OnlyWarningAndAboveProduceFindings) {
  const std::string log =
      Line("12:30:00.000", "NORMAL", "Backup Progress: Prebackup started.") +
      Line("12:30:01.000", "NORMAL", "retrying after hr=0x80070005") +
      Line("12:30:02.000", "WARNING", "Failed: Hr: = [0x80070005] open failed");
  const Report r = Run(ToUtf16(log), "CBEngineCurr.errlog");
  EXPECT_EQ(r.findings.at(IdFor("0x80070005")).count, 1u);
  EXPECT_EQ(r.jobs.at(kGuid).records, 3u);
  EXPECT_TRUE(r.jobs.at(kGuid).phases.count("Prebackup"));
  const Report text = Run("retrying after hr=0x80070005\n", "setup.log");
  EXPECT_EQ(text.findings.at(IdFor("0x80070005")).count, 1u);
}

TEST_F(AnalyzerTest, BinaryInputIsSkippedWithAReason) {
  std::string bytes = "MZ\x90";
  bytes += std::string(1000, '\0');
  const Report r = Run(bytes, "DPMUI.etl");
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_THAT(r.inputs[0].skipped, HasSubstr("binary"));
  EXPECT_FALSE(r.inputs[0].format.has_value());
  EXPECT_TRUE(r.findings.empty());
}

TEST_F(AnalyzerTest, UnreadableInputIsListed) {
  const Report r = Analyzer::Unreadable("gone.errlog", "",
                                        absl::NotFoundError("opening gone.errlog: No such file"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, absl::StatusCode::kNotFound);
  EXPECT_EQ(r.errors[0].message, "opening gone.errlog: No such file");
  EXPECT_EQ(r.inputs[0].error, "opening gone.errlog: No such file");
}

}  // namespace
}  // namespace loganalyze
