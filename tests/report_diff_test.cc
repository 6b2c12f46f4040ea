// DiffReports on reports made by hand: what is new, gone, worse, better; failed files; job
// failures; rates when a report has no dated record.
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/diff.h"

namespace loganalyze {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

LogTime Day(int day, int hour = 12) { return LogTime::FromCivil(2026, 1, day, hour, 0, 0, 0); }

// A report whose errlog input spans `first` .. `last` (unset: no dated record).
Report Spanning(LogTime first, LogTime last) {
  Report r;
  ReportInput in;
  in.path = "CBEngineCurr.errlog";
  in.format = Format::kErrlog;
  in.first_time = first;
  in.last_time = last;
  r.inputs.push_back(in);
  return r;
}

void AddFinding(Report& r, const std::string& id, uint64_t count,
                Severity severity = Severity::kError) {
  ReportFinding f;
  f.id = id;
  f.count = count;
  f.severity = severity;
  r.findings[id] = f;
}

void AddListed(Report& r, const std::string& path, const std::string& code) {
  if (std::none_of(r.inputs.begin(), r.inputs.end(),
                   [](const ReportInput& in) { return in.format == Format::kFailedFiles; })) {
    ReportInput list;
    list.path = "LastBackupFailedFiles17af1_1_3_2026_1230.txt";
    list.format = Format::kFailedFiles;
    r.inputs.push_back(list);
  }
  FailedFileItem& item = r.failed_files.items[{path, code}];
  item.path = path;
  item.code = code;
  ++item.count;
}

void AddJob(Report& r, const std::string& task, bool failed, const std::string& phase,
            std::set<std::string> codes, LogTime start) {
  ReportJob job;
  job.task_id = task;
  job.kind = "mars-backup";
  job.first_seen = start;
  job.last_seen = start;
  job.phases[phase].start = start;
  if (failed) {
    job.failed_at = start;
  } else {
    job.phases[phase].end = start;
    job.succeeded_at = start;
  }
  job.codes = std::move(codes);
  r.jobs[task] = job;
}

const FindingDiff& Find(const ReportDiff& d, const std::string& id) {
  for (const FindingDiff& f : d.findings) {
    if (f.id == id) return f;
  }
  static const FindingDiff kNone;
  ADD_FAILURE() << "no finding " << id;
  return kNone;
}

ReportDiff Diff(const Report& a, const Report& b, double threshold = 0.2) {
  absl::StatusOr<ReportDiff> d = DiffReports(a, "a", b, "b", DiffOptions{threshold});
  EXPECT_TRUE(d.ok()) << d.status();
  return d.ok() ? *std::move(d) : ReportDiff();
}

TEST(ReportDiffTest, FindingsComparedByRatePerCalendarDay) {
  Report a = Spanning(Day(3, 8), Day(4, 20));  // 2 days
  Report b = Spanning(Day(5, 1), Day(8, 23));  // 4 days
  AddFinding(a, "gone", 2);
  AddFinding(a, "worse", 2);
  AddFinding(b, "worse", 8);  // 1.0 -> 2.0 a day
  AddFinding(a, "better", 4);
  AddFinding(b, "better", 4);  // 2.0 -> 1.0 a day: the same count
  AddFinding(a, "same", 2);
  AddFinding(b, "same", 4);  // 1.0 -> 1.0 a day: twice the count
  AddFinding(b, "new", 3, Severity::kWarning);
  const ReportDiff d = Diff(a, b);
  EXPECT_EQ(d.older.days, 2);
  EXPECT_EQ(d.newer.days, 4);
  EXPECT_EQ(Find(d, "gone").change, FindingChange::kGone);
  EXPECT_EQ(Find(d, "worse").change, FindingChange::kWorse);
  EXPECT_EQ(Find(d, "better").change, FindingChange::kBetter);
  EXPECT_EQ(Find(d, "same").change, FindingChange::kSame);
  EXPECT_EQ(Find(d, "new").change, FindingChange::kNew);
  EXPECT_EQ(Find(d, "worse").old_rate, 1.0);
  EXPECT_EQ(Find(d, "worse").new_rate, 2.0);
  EXPECT_EQ(Find(d, "new").new_rate, 0.75);
  EXPECT_TRUE(Find(d, "worse").by_rate);
  // New, worse, better, gone, same.
  std::vector<std::string> order;
  for (const FindingDiff& f : d.findings) order.push_back(f.id);
  EXPECT_THAT(order, ElementsAre("new", "worse", "better", "gone", "same"));
  EXPECT_TRUE(d.HasNew());
}

TEST(ReportDiffTest, ThresholdDecidesWhatCountsAsAChange) {
  Report a = Spanning(Day(3), Day(3));
  Report b = Spanning(Day(4), Day(4));
  AddFinding(a, "x", 10);
  AddFinding(b, "x", 12);  // +20%: not more than 20%
  AddFinding(a, "y", 10);
  AddFinding(b, "y", 13);  // +30%
  EXPECT_EQ(Find(Diff(a, b), "x").change, FindingChange::kSame);
  EXPECT_EQ(Find(Diff(a, b), "y").change, FindingChange::kWorse);
  EXPECT_EQ(Find(Diff(a, b, 0.1), "x").change, FindingChange::kWorse);
  EXPECT_EQ(Find(Diff(a, b, 0.5), "y").change, FindingChange::kSame);
  EXPECT_EQ(Find(Diff(b, a), "y").change, FindingChange::kBetter);
  EXPECT_FALSE(DiffReports(a, "a", b, "b", DiffOptions{-0.1}).ok());
}

TEST(ReportDiffTest, WithoutDatedRecordsCountsAreCompared) {
  Report a = Spanning({}, {});
  Report b = Spanning(Day(4), Day(5));
  AddFinding(a, "x", 2);
  AddFinding(b, "x", 3);  // 3 a day is 1.5 a day, but a's rate is unknown
  const ReportDiff d = Diff(a, b);
  EXPECT_FALSE(d.older.days.has_value());
  const FindingDiff& x = Find(d, "x");
  EXPECT_FALSE(x.old_rate.has_value());
  EXPECT_EQ(x.new_rate, 1.5);
  EXPECT_FALSE(x.by_rate);
  EXPECT_EQ(x.change, FindingChange::kWorse);  // by count: 2 -> 3
}

TEST(ReportDiffTest, FailedFilesNewStillFixedAndNotListed) {
  Report a = Spanning(Day(3), Day(3)), b = Spanning(Day(4), Day(4));
  AddListed(a, "D:\\a", "0x80070020");
  AddListed(a, "D:\\b", "0x80070005");
  AddListed(b, "D:\\a", "0x80070020");
  AddListed(b, "D:\\c", "0x80070570");
  AddListed(b, "D:\\a", "0x80070005");  // the same file with another code is another item
  const ReportDiff d = Diff(a, b);
  std::vector<std::pair<std::string, FailedFileChange>> got;
  for (const FailedFileDiff& f : d.failed_files) got.emplace_back(f.path + " " + f.code, f.change);
  EXPECT_THAT(got, ElementsAre(std::pair{"D:\\a 0x80070005", FailedFileChange::kNew},
                               std::pair{"D:\\c 0x80070570", FailedFileChange::kNew},
                               std::pair{"D:\\a 0x80070020", FailedFileChange::kStill},
                               std::pair{"D:\\b 0x80070005", FailedFileChange::kFixed}));
  // A newer report that read no list says nothing about whether a file still fails.
  const ReportDiff unlisted = Diff(a, Spanning(Day(4), Day(4)));
  ASSERT_EQ(unlisted.failed_files.size(), 2u);
  EXPECT_EQ(unlisted.failed_files[0].change, FailedFileChange::kNotListed);
  EXPECT_FALSE(unlisted.HasNew());
}

TEST(ReportDiffTest, JobFailuresGroupedByHowTheyFailed) {
  Report a = Spanning(Day(3), Day(3)), b = Spanning(Day(4), Day(5));
  AddJob(a, "A1", true, "Prebackup", {"0x80042306"}, Day(3));
  AddJob(a, "A2", true, "Data transfer", {"0x80072EFD"}, Day(3, 14));
  AddJob(a, "A3", false, "Prebackup", {}, Day(3, 20));
  AddJob(b, "B1", true, "Prebackup", {"0x80042306"}, Day(4));              // still
  AddJob(b, "B3", true, "Initialize Storage", {"0x80072EFD"}, Day(5, 9));  // new
  AddJob(b, "B2", true, "Initialize Storage", {"0x80072EFD"}, Day(5, 8));  // new
  AddJob(b, "B4", false, "Prebackup", {}, Day(5, 20));
  const ReportDiff d = Diff(a, b);
  ASSERT_EQ(d.job_failures.size(), 3u);
  const JobFailureDiff& fresh = d.job_failures[0];
  EXPECT_EQ(fresh.change, JobFailureChange::kNew);
  EXPECT_EQ(fresh.phase, "Initialize Storage");
  EXPECT_EQ(fresh.old_jobs, 0u);
  EXPECT_EQ(fresh.new_jobs, 2u);
  EXPECT_THAT(fresh.new_task_ids, ElementsAre("B2", "B3"));  // by start
  EXPECT_EQ(fresh.first_failed, Day(5, 8));
  EXPECT_EQ(d.job_failures[1].change, JobFailureChange::kStill);
  EXPECT_EQ(d.job_failures[1].phase, "Prebackup");
  EXPECT_EQ(d.job_failures[2].change, JobFailureChange::kGone);
  EXPECT_EQ(d.job_failures[2].phase, "Data transfer");
  EXPECT_THAT(d.job_failures[2].new_task_ids, IsEmpty());
  EXPECT_TRUE(d.HasNew());
}

TEST(ReportDiffTest, AReportAgainstItselfHasNothingNew) {
  Report a = Spanning(Day(3), Day(4));
  AddFinding(a, "x", 5);
  AddListed(a, "D:\\a", "0x80070020");
  AddJob(a, "A1", true, "Prebackup", {"0x80042306"}, Day(3));
  const ReportDiff d = Diff(a, a);
  EXPECT_FALSE(d.HasNew());
  EXPECT_EQ(d.findings.at(0).change, FindingChange::kSame);
  EXPECT_EQ(d.failed_files.at(0).change, FailedFileChange::kStill);
  EXPECT_EQ(d.job_failures.at(0).change, JobFailureChange::kStill);
}

TEST(ReportDiffTest, ComparedReportsSayWhatTheyCover) {
  Report a = Spanning(Day(30, 23), Day(31, 0));  // two calendar days, one hour apart
  a.errors.push_back(ReportError{"x.zip", "m.errlog", "truncated"});
  ReportInput skipped;
  skipped.path = "README.md";
  skipped.skipped = "documentation";
  a.inputs.push_back(skipped);
  const ReportDiff d = Diff(a, Report());
  EXPECT_EQ(d.older.name, "a");
  EXPECT_EQ(d.older.days, 2);
  EXPECT_EQ(d.older.inputs, 2u);
  EXPECT_EQ(d.older.analysed, 1u);
  ASSERT_EQ(d.older.errors.size(), 1u);
  EXPECT_EQ(d.older.errors[0].message, "truncated");
  EXPECT_FALSE(d.newer.days.has_value());
}

}  // namespace
}  // namespace loganalyze
