#include "cli/compare.h"

#include <optional>

#include "cli/output.h"
#include "loganalyze/bundle.h"
#include "loganalyze/diff.h"
#include "loganalyze/status_text.h"

namespace loganalyze::cli {
namespace {

// Every operand as a report, in order; nullopt after a message when one cannot be read or
// the analyzer cannot be made.
std::optional<std::vector<Report>> LoadAll(const KnowledgeBase& kb,
                                           const std::vector<std::string>& paths,
                                           const Options& opt) {
  absl::StatusOr<std::unique_ptr<const Analyzer>> analyzer = CreateAnalyzer(kb, opt);
  if (!analyzer.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(analyzer.status()));
    return std::nullopt;
  }
  BundleOptions bopt;
  bopt.limits = opt.limits;
  bopt.jobs = opt.jobs;
  bopt.output = opt.output;
  std::vector<Report> reports;
  for (const std::string& path : paths) {
    absl::StatusOr<Report> r = LoadReportOrBundle(**analyzer, path, bopt);
    if (!r.ok()) {
      PrintError("loganalyze: {}\n", StatusMessage(r.status()));
      return std::nullopt;
    }
    if (!opt.quiet && !r->errors.empty()) {
      PrintError("loganalyze: {}: {} input(s) could not be read fully (see the output)\n", path,
                 r->errors.size());
    }
    reports.push_back(*std::move(r));
  }
  return reports;
}

bool Incomplete(const std::vector<Report>& reports) {
  for (const Report& r : reports) {
    if (!r.errors.empty()) return true;
  }
  return false;
}

int Write(const absl::StatusOr<std::string>& text, const Options& opt, int code) {
  if (!text.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(text.status()));
    return 2;
  }
  return ExitCodeAfter(WriteOutput(opt.output, *text), code);
}

}  // namespace

int Diff(const KnowledgeBase& kb, const std::string& older, const std::string& newer,
         const Options& opt, const CompareOptions& copt) {
  const std::optional<std::vector<Report>> reports = LoadAll(kb, {older, newer}, opt);
  if (!reports) return 2;
  absl::StatusOr<ReportDiff> diff =
      DiffReports((*reports)[0], older, (*reports)[1], newer, DiffOptions{copt.threshold});
  if (!diff.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(diff.status()));
    return 2;
  }
  // As the main command: --fail-on first, then inputs that could not be read.
  const int code = copt.fail_on_new && diff->HasNew() ? 1 : Incomplete(*reports) ? 3 : 0;
  return Write(RenderDiff(*diff, kb, opt.format, MakeRenderOptions(opt)), opt, code);
}

int Recurring(const KnowledgeBase& kb, const std::vector<std::string>& paths, const Options& opt,
              const CompareOptions& copt) {
  const std::optional<std::vector<Report>> reports = LoadAll(kb, paths, opt);
  if (!reports) return 2;
  absl::StatusOr<RecurringFindings> recurring =
      FindRecurring(*reports, paths, RecurringOptions{copt.min_present});
  if (!recurring.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(recurring.status()));
    return 2;
  }
  return Write(RenderRecurring(*recurring, kb, opt.format, MakeRenderOptions(opt)), opt,
               Incomplete(*reports) ? 3 : 0);
}

}  // namespace loganalyze::cli
