// What changed between two reports of one server (DiffReports), and what keeps coming back
// over several (FindRecurring). Either side may be a JSON report of an earlier run or a
// bundle analysed now (LoadReportOrBundle); both give the same Report value.
//
// Thread safety: every function here may run on several threads at once, on reports that no
// thread is changing; the results are plain values.
#ifndef LOGANALYZE_DIFF_H_
#define LOGANALYZE_DIFF_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "loganalyze/bundle.h"
#include "loganalyze/export.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/report.h"

namespace loganalyze {

inline constexpr std::string_view kDiffSchema = "loganalyze.diff/1";
inline constexpr std::string_view kRecurringSchema = "loganalyze.recurring/1";

// Reads `path` as a JSON report when it is a regular file whose first character (after a
// UTF-8 BOM and blanks) is '{'; anything else is analysed as a bundle, as
// AnalyzeBundle(analyzer, {path}, options) does. Fails, naming `path`, when the file looks
// like a report but cannot be read as one, or when AnalyzeBundle fails.
LOGANALYZE_API absl::StatusOr<Report> LoadReportOrBundle(const Analyzer& analyzer,
                                                         const std::string& path,
                                                         const BundleOptions& options);

// One report of a comparison: what it covers.
struct LOGANALYZE_API ComparedReport {
  std::string name;               // as the caller named it (a report file, a bundle)
  LogTime first_time, last_time;  // of its dated records; unset when it has none
  // Calendar days from first_time's day to last_time's day, both included: the "days of
  // log" that rates are per. Unset when the report has no dated record.
  std::optional<int64_t> days;
  size_t inputs = 0, analysed = 0;
  bool has_failed_file_lists = false;  // it read at least one LastBackupFailedFiles list
  std::vector<ReportError> errors;     // inputs it could not read fully
};

enum class FindingChange : uint8_t { kNew, kWorse, kBetter, kGone, kSame };
LOGANALYZE_API std::string_view FindingChangeName(FindingChange c);  // "new", "worse", ...

struct LOGANALYZE_API FindingDiff {
  std::string id;
  Severity severity = Severity::kError;  // in the newer report when it is there
  std::set<std::string> codes;
  FindingChange change = FindingChange::kSame;
  uint64_t old_count = 0, new_count = 0;
  // Per day of log; unset when that report has no dated record.
  std::optional<double> old_rate, new_rate;
  bool by_rate = false;  // compared by rate (both rates known), else by count
};

enum class FailedFileChange : uint8_t { kNew, kStill, kFixed, kNotListed };
// "new", "still", "fixed", "not-listed" (the newer report read no failed-files list, so
// whether the file still fails is not known).
LOGANALYZE_API std::string_view FailedFileChangeName(FailedFileChange c);

struct LOGANALYZE_API FailedFileDiff {
  std::string path, code;
  FailedFileChange change = FailedFileChange::kStill;
  uint64_t old_count = 0, new_count = 0;  // appearances over the lists of each report
};

enum class JobFailureChange : uint8_t { kNew, kStill, kGone };
LOGANALYZE_API std::string_view JobFailureChangeName(JobFailureChange c);  // "new", "still", "gone"

// Failed jobs grouped by how they failed: the job kind, the phase running at the failure and
// the codes. Task ids differ from run to run, so a failure is "new" when no failed job of
// the older report failed this way.
struct LOGANALYZE_API JobFailureDiff {
  std::string kind, phase;  // phase "" when no phase was running or known
  std::set<std::string> codes;
  JobFailureChange change = JobFailureChange::kStill;
  uint64_t old_jobs = 0, new_jobs = 0;    // failed jobs that failed this way
  std::vector<std::string> new_task_ids;  // of the newer report's jobs, by start, at most 10
  LogTime first_failed;  // the earliest failure in the newer report (the older when gone)
};

struct LOGANALYZE_API DiffOptions {
  // A finding is worse when its rate (or count) grew by more than this fraction, better
  // when the older one is more than this fraction above the newer: 0.2 is 20%.
  double threshold = 0.2;
};

struct LOGANALYZE_API ReportDiff {
  ComparedReport older, newer;
  double threshold = 0.2;
  // By change (new, worse, better, gone, same), then severity (highest first), then the
  // newer count (largest first), then id.
  std::vector<FindingDiff> findings;
  // By change (new, still, fixed, not-listed), then path, then code.
  std::vector<FailedFileDiff> failed_files;
  // By change (new, still, gone), then kind, phase, codes.
  std::vector<JobFailureDiff> job_failures;

  // A new finding, a new failed file or a new kind of job failure: what `--fail-on new` tests.
  bool HasNew() const;
};

// Compares `older` with `newer`. Fails with InvalidArgument when options.threshold is not in
// [0, 10].
LOGANALYZE_API absl::StatusOr<ReportDiff> DiffReports(const Report& older,
                                                      std::string_view older_name,
                                                      const Report& newer,
                                                      std::string_view newer_name,
                                                      const DiffOptions& options);

struct LOGANALYZE_API RecurringFinding {
  std::string id;
  Severity severity = Severity::kError;  // in the latest report it is in
  std::set<std::string> codes;
  std::vector<uint64_t> counts;  // per report, in the order given; 0 where absent
  size_t present = 0;            // reports it is in
  size_t first_report = 0;       // index of the first report it is in
  LogTime first_seen;            // its first record in that report
  bool in_latest = false;        // it is in the last report
};

struct LOGANALYZE_API RecurringOptions {
  size_t min_present = 2;  // keep findings present in at least this many reports
};

struct LOGANALYZE_API RecurringFindings {
  std::vector<ComparedReport> reports;  // in the order given, oldest first
  size_t min_present = 2;
  // By present (most first), then first_report (earliest first), then severity (highest
  // first), then id.
  std::vector<RecurringFinding> findings;
};

// The findings present in at least options.min_present of `reports` (the last N reports or
// bundles of one server, oldest first; `names` names them, one each). Fails with
// InvalidArgument when there are no reports, when names and reports differ in number, or
// when min_present is 0 or more than the number of reports.
LOGANALYZE_API absl::StatusOr<RecurringFindings> FindRecurring(
    const std::vector<Report>& reports, const std::vector<std::string>& names,
    const RecurringOptions& options);

// Renders a comparison in text, JSON (schema kDiffSchema, in lib/REPORT_SCHEMA.md), Markdown
// or HTML; titles come from `kb` in options.language. Fails with InvalidArgument for JSONL.
LOGANALYZE_API absl::StatusOr<std::string> RenderDiff(const ReportDiff& diff,
                                                      const KnowledgeBase& kb, ReportFormat format,
                                                      const RenderOptions& options);
// The same for recurring findings (JSON schema kRecurringSchema).
LOGANALYZE_API absl::StatusOr<std::string> RenderRecurring(const RecurringFindings& recurring,
                                                           const KnowledgeBase& kb,
                                                           ReportFormat format,
                                                           const RenderOptions& options);

}  // namespace loganalyze

#endif  // LOGANALYZE_DIFF_H_
