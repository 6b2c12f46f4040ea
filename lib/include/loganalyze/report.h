// The report: a plain value that one input, a whole bundle or many runs produce alike.
// Merging the reports of two sets of inputs equals the report of one run over both.
//
// Thread safety: a Report is a plain value, changed by one thread at a time (Merge, MergeOnce);
// RenderReport, ParseJsonReport and the other functions here may run on several threads at
// once, on reports that no thread is changing.
#ifndef LOGANALYZE_REPORT_H_
#define LOGANALYZE_REPORT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loganalyze/export.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/record.h"

namespace loganalyze {

inline constexpr std::string_view kReportSchema = "loganalyze.report/1";

// "path", or "path!/member" for an archive member: how findings and jobs name inputs.
LOGANALYZE_API std::string InputKey(std::string_view path, std::string_view member);

struct LOGANALYZE_API ReportSample {
  std::string path, member;  // member empty unless inside an archive
  uint64_t line = 0;
  std::string text;  // the record's first line, at most 512 bytes
  auto Key() const { return std::tie(path, member, line); }
};

struct LOGANALYZE_API ReportInput {
  std::string path, member;
  std::optional<Format> format;  // unset when the input was skipped
  Encoding encoding = Encoding::kUtf8;
  InputStats stats;
  LogTime first_time, last_time;
  std::string error;    // why it could not be read fully; empty when it was
  std::string skipped;  // why it was not analysed (binary file, ...); empty when analysed
  // 16 hex digits of the content hash of the bytes read (with stats.bytes, the input's
  // identity); empty when unknown.
  std::string content_hash;
  // Records of this input already counted from earlier inputs, by InputKey() of the input
  // they were counted in (their total is stats.duplicate_records).
  std::map<std::string, uint64_t> duplicates;
  std::vector<std::string> notes;  // facts about how the input was read, in English
};

// The inputs of a report past ReportLimits::max_inputs: counted, not listed.
struct LOGANALYZE_API UnlistedInputs {
  uint64_t inputs = 0, analysed = 0, skipped = 0, unreadable = 0;
  InputStats stats;               // over the analysed ones
  LogTime first_time, last_time;  // over the analysed ones
  // What the summary's expected logs need of them: whether logs of MARS or of DPM are among
  // them, and which of the expected logs are (lower-case names, "cbenginecurr.errlog" ...).
  bool mars = false, dpm = false;
  std::set<std::string> expected;

  void Add(const ReportInput& in);
  void Add(const UnlistedInputs& other);
};

struct LOGANALYZE_API ReportFinding {
  std::string id;  // knowledge-base entry id, or "code:<canonical>" for a code with no entry
  Severity severity = Severity::kError;
  std::set<std::string> codes;  // canonical
  uint64_t count = 0;           // records or failed-file items
  LogTime first_seen, last_seen;
  std::set<std::string> inputs;  // InputKey()s
  std::vector<ReportSample> samples;  // the first few, ordered by (path, member, line)
  // Dated records (or failed-file items) by day, "YYYY-MM-DD"; records without a date are
  // in `count` only.
  std::map<std::string, uint64_t> days;
  // Inputs it was found in past ReportLimits::inputs_per_finding (`inputs` keeps the first
  // by key): counted, not listed.
  uint64_t more_inputs = 0;
};

struct LOGANALYZE_API FailedFileItem {
  std::string path, code;   // code canonical when it parses, else as written
  std::set<std::string> days;  // YYYY-MM-DD of the lists it appears in
  uint64_t count = 0;          // appearances over all lists
};

struct LOGANALYZE_API FailedFiles {
  uint64_t total = 0;  // items over all lists
  std::map<std::string, uint64_t> by_code;
  // (path, code); past ReportLimits::max_failed_files, the first by key are kept.
  std::map<std::pair<std::string, std::string>, FailedFileItem> items;
  uint64_t unlisted = 0;  // appearances of the items not kept (total minus the kept counts)
};

struct LOGANALYZE_API JobPhase {
  LogTime start, end;  // end unset while the phase has not finished
};

// A job rebuilt from the records that share a task GUID, across inputs.
struct LOGANALYZE_API ReportJob {
  std::string task_id;
  std::string kind;  // "mars-backup", "mars-task", "dpm-task"
  LogTime first_seen, last_seen;
  LogTime succeeded_at, failed_at;  // when an outcome line was logged
  std::map<std::string, JobPhase, std::less<>> phases;  // by phase name
  std::set<std::string> codes;             // codes of the failure and of error findings
  std::set<std::string> inputs;
  uint64_t records = 0;

  // Derived views.
  LogTime Start() const;
  LogTime End() const;
  std::string_view Outcome() const;  // "succeeded", "failed", "unknown"
  std::string FailedPhase() const;   // the phase that was running at the failure, or ""
};

struct LOGANALYZE_API UnknownTemplate {
  std::string text;  // the message with numbers, hex, GUIDs and paths masked
  uint64_t count = 0;
  Severity severity = Severity::kWarning;  // the highest seen
  ReportSample example;                    // the first occurrence
};

struct LOGANALYZE_API TimelineCount {
  uint64_t errors = 0, warnings = 0;
};

struct LOGANALYZE_API ReportError {
  std::string path, member;
  std::string message;
  // The kind of failure: kNotFound (a missing file, a wildcard that matches nothing),
  // kPermissionDenied, kDataLoss (a file that changed or ended while being read), kInvalidArgument
  // (a report that cannot be merged), kUnknown (an error of a report of a version that did
  // not write the kind), ...
  absl::StatusCode code = absl::StatusCode::kUnknown;
};

// "not_found", "permission_denied", ...: absl::StatusCode as the JSON report writes it.
LOGANALYZE_API std::string_view StatusCodeName(absl::StatusCode code);
LOGANALYZE_API std::optional<absl::StatusCode> StatusCodeFromName(std::string_view name);

// The bounds a report is made with (AnalyzeOptions::limits). What does not fit is counted in
// the report's overflow fields, and what is kept does not depend on the order of merging.
struct LOGANALYZE_API ReportLimits {
  size_t samples_per_finding = 3;
  size_t max_templates = 2000;      // distinct unknown-error templates kept
  size_t max_jobs = 10000;          // jobs kept; records of further task GUIDs are counted
  size_t max_code_findings = 1000;  // distinct codes without an entry kept as findings
  // Bounds that a single bundle does not reach, for merges of many reports (fleets). Each
  // keeps a part that does not depend on how the merges are grouped.
  size_t max_inputs = 10000;          // inputs listed: the first, in order; the rest counted
  size_t inputs_per_finding = 1000;   // inputs listed per finding: the first by key
  size_t max_failed_files = 10000;    // failed-file items kept: the first by (path, code)
  size_t max_errors = 1000;           // errors listed: the first, in order; the rest counted

  // Each bound the larger of the two: merging keeps what either report could keep.
  static ReportLimits Wider(const ReportLimits& a, const ReportLimits& b);
  friend bool operator==(const ReportLimits&, const ReportLimits&) = default;
};

struct LOGANALYZE_API Report {
  // The bounds it was made with; unset for a report made by hand (Report{}) or read from a
  // report file of an older version, which the defaults bound.
  std::optional<ReportLimits> limits;
  std::vector<ReportInput> inputs;               // in the order they were given
  UnlistedInputs unlisted_inputs;                // those past limits->max_inputs
  std::map<std::string, ReportFinding> findings;  // by id
  FailedFiles failed_files;
  std::map<std::string, ReportJob> jobs;  // by task id
  std::map<std::string, UnknownTemplate> unknown;  // by template
  uint64_t unknown_overflow = 0;  // records whose template did not fit the bound
  uint64_t jobs_overflow = 0;     // records of jobs that did not fit the bound on jobs
  uint64_t findings_overflow = 0;  // records of codes that did not fit the bound on findings
  std::map<std::string, TimelineCount> timeline;   // by hour, "YYYY-MM-DDTHH"
  std::vector<ReportError> errors;
  uint64_t errors_overflow = 0;  // errors past limits->max_errors: counted, not listed

  // Adds `other` (its inputs come after this report's), within the wider of the two
  // reports' limits (the one that is set, if only one is), which become this report's
  // limits; when neither is set, within the defaults, and the limits stay unset. Merging
  // reports made with the same options gives the report of one run over all their inputs.
  void Merge(const Report& other);
  // The same within `limits`, which become this report's limits: to bound a merge of many
  // reports more tightly than they were made. What does not fit is counted as overflow.
  void Merge(const Report& other, const ReportLimits& limits);
};

// What MergeOnce did with a report.
struct LOGANALYZE_API MergeOnceResult {
  enum class Outcome {
    kMerged,          // added
    kAlreadyCounted,  // every input it analysed is counted in `into` already: not added
    kOverlapping,     // it shares some inputs with `into` but not all: not added
  };
  Outcome outcome = Outcome::kMerged;
  // Its analysed inputs that `into` counts already, as InputKey()s of `other`.
  std::vector<std::string> shared;
};

// Merges the report `other` (named `name` in notes) into `into` unless that would count an
// input twice. Inputs are the same when their content is (stats.bytes and content_hash),
// whatever their names: the same report merged twice, or a report of a whole bundle merged
// with the report of part of it. A report whose analysed inputs are all counted already is
// not added (the inputs it shares get a note); one that shares some but not all is not
// added either, since its counts for the shared inputs cannot be told apart from the rest.
// Inputs without a content hash (reports of versions before it) cannot be compared: they
// are added, with a note that says so. Only listed inputs can be compared: an input past the
// bound on inputs listed (UnlistedInputs) is not recognised when a later report repeats it.
// The bounds are those of Report::Merge(other), or `limits` when given.
LOGANALYZE_API MergeOnceResult MergeOnce(Report* into, const Report& other, std::string_view name,
                                         const ReportLimits* limits = nullptr);

// What MergeJsonReport did with a report.
struct LOGANALYZE_API MergeJsonResult {
  // Not added: the report could not be parsed, or it shares only some of its inputs with
  // `into` (MergeOnce's kOverlapping). `into` then lists it among its inputs that could not
  // be read, with `message`.
  bool failed = false;
  // Why it failed, or the inputs it shares when every one was counted already; "" when
  // it was added.
  std::string message;
};

// `loganalyze merge` for one report: parses the JSON report `json` (named `name` in
// messages and notes) and merges it into `into` with MergeOnce. The same reports merged
// one after the other, in the same order, give the same bytes as `loganalyze merge`
// (with the same `limits`: `loganalyze merge --limit`).
LOGANALYZE_API MergeJsonResult MergeJsonReport(Report* into, std::string_view json,
                                               std::string_view name,
                                               const ReportLimits* limits = nullptr);

// What MergeReportFiles says about one report file.
struct LOGANALYZE_API MergeFileNote {
  std::string file;
  std::string message;  // one line, for people (`loganalyze merge` prints it on stderr)
  // True for a remark on a file that was merged (or had nothing new); false for a file that
  // was not merged (it cannot be opened or read as a report, or it overlaps the others).
  bool merged = false;
};

struct LOGANALYZE_API MergedReports {
  Report report;
  std::vector<MergeFileNote> notes;  // in the order of the files
  bool complete = true;              // every file was merged
};

// `loganalyze merge`: reads each report file (JSON or JSON Lines; "-" is standard input) and
// merges it with MergeOnce, in the order given. A file that is not merged is also listed in
// the report, as an input whose error starts with "not merged:" and in Report::errors (with
// its kind: not_found, invalid_argument for a file that is not a report, failed_precondition
// for an overlap). Each merge is bounded by `limits` when given (which become the report's),
// else as Report::Merge(other) bounds it. Runs on the calling thread.
LOGANALYZE_API MergedReports MergeReportFiles(const std::vector<std::string>& files,
                                              const ReportLimits* limits = nullptr);

// Findings ordered for people: severity, then count, then the latest first_seen... (most
// important first); ties by id.
LOGANALYZE_API std::vector<const ReportFinding*> OrderedFindings(const Report& report);

enum class ReportFormat : uint8_t { kText, kJson, kJsonl, kMarkdown, kHtml };
LOGANALYZE_API std::optional<ReportFormat> ReportFormatFromName(std::string_view name);

struct LOGANALYZE_API RenderOptions {
  Language language = Language::kEnglish;
  bool color = false;       // ANSI colour (text only)
  size_t width = 100;       // terminal columns (text only)
  std::string tool_version; // "tool" block of JSON
};

// Renders `report`; titles, causes and actions come from `kb` in `options.language`.
LOGANALYZE_API std::string RenderReport(const Report& report, const KnowledgeBase& kb,
                                        ReportFormat format, const RenderOptions& options);

// Reads a report written by RenderReport as JSON or as JSON Lines (told apart by their
// first line), for `merge`. Fails with a message naming the problem (not JSON, truncated,
// another schema version) and, for JSON Lines, the line.
LOGANALYZE_API absl::StatusOr<Report> ParseJsonReport(std::string_view json);

// ---- What a rendered report says besides the Report's numbers ----------------------------

// A finding's words in one language: the knowledge-base entry's, or for a finding without an
// entry ("code:<canonical>" or an id the knowledge base does not hold), a fallback that says
// so (known false).
struct LOGANALYZE_API FindingText {
  std::string title, cause, docs;  // docs: a link, or empty
  std::vector<std::string> actions;
  bool known = false;
  friend bool operator==(const FindingText&, const FindingText&) = default;
};
LOGANALYZE_API FindingText DescribeFinding(const KnowledgeBase& kb, const ReportFinding& finding,
                                           Language language);

// A log that a bundle of the product found in the inputs should hold (CBEngineCurr.errlog
// when MARS logs are present, MSDPMCurr.errlog and DPMRACurr.errlog for DPM/MABS).
struct LOGANALYZE_API ExpectedLog {
  std::string name;
  bool present = false;
  friend bool operator==(const ExpectedLog&, const ExpectedLog&) = default;
};

// The totals every report format opens with (the JSON report's "summary").
struct LOGANALYZE_API ReportSummary {
  uint64_t inputs = 0;      // analysed or not, listed or not
  uint64_t analysed = 0;    // read as logs
  uint64_t skipped = 0;     // not analysed, with a reason (binary files, our own reports, ...)
  uint64_t unreadable = 0;  // could not be read fully (ReportInput::error)
  // Over the analysed inputs.
  uint64_t bytes = 0, lines = 0, records = 0, duplicate_records = 0, undated_records = 0;
  LogTime first_time, last_time;  // as logged (UTC); unset when no record has a time
  uint64_t findings = 0;          // distinct findings
  // Records (or failed-file items) of the findings of each severity.
  uint64_t critical = 0, errors = 0, warnings = 0, info = 0;
  uint64_t jobs = 0, unknown_templates = 0;
  uint64_t unknown_overflow = 0, jobs_overflow = 0, findings_overflow = 0;
  uint64_t unlisted_inputs = 0;  // of `inputs`, those past the bound on inputs listed
  uint64_t errors_overflow = 0;
  std::vector<ExpectedLog> expected_logs;
  friend bool operator==(const ReportSummary&, const ReportSummary&) = default;
};
LOGANALYZE_API ReportSummary Summarize(const Report& report);

// Everything a JSON or JSON Lines report holds: the Report, and what it says in words, in
// one language. Made from a Report with Describe(), or read back from a report file with
// ParseDescribedReport(), which keeps the words the file was written with (another version
// of the knowledge base may have other words).
struct LOGANALYZE_API DescribedReport {
  Report report;
  Language language = Language::kEnglish;
  std::string tool_version;  // of the loganalyze that wrote it; may be empty
  std::string kb_version;    // of the knowledge base the words come from
  ReportSummary summary;
  std::map<std::string, FindingText> texts;  // by finding id: one per report.findings entry

  // The words of a finding of `report`; a fallback (known false) if it has none.
  const FindingText& TextOf(const ReportFinding& finding) const;
};

LOGANALYZE_API DescribedReport Describe(Report report, const KnowledgeBase& kb, Language language,
                                        std::string_view tool_version = {});

// Reads a JSON or JSON Lines report, as ParseJsonReport does, with its words and summary.
LOGANALYZE_API absl::StatusOr<DescribedReport> ParseDescribedReport(std::string_view text);

}  // namespace loganalyze

#endif  // LOGANALYZE_REPORT_H_
