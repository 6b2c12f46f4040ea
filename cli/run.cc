#include "cli/run.h"

#include <cstdio>

#include "cli/console.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "fmt/format.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/bundle.h"
#include "loganalyze/matcher.h"
#include "loganalyze/status_text.h"

namespace loganalyze::cli {
namespace {

int ExitCode(const Report& report, const Options& opt) {
  if (opt.fail_on) {
    for (const auto& [id, f] : report.findings) {
      if (f.severity >= *opt.fail_on) return 1;
    }
  }
  return report.errors.empty() ? 0 : 3;
}

}  // namespace

RenderOptions MakeRenderOptions(const Options& opt) {
  RenderOptions r;
  r.language = opt.language;
  r.color = opt.color;
  r.tool_version = kVersion;
  return r;
}

absl::StatusOr<std::unique_ptr<const Analyzer>> CreateAnalyzer(const KnowledgeBase& kb,
                                                               const Options& opt) {
  AnalyzeOptions aopt;
  aopt.read.year = opt.year;
  aopt.min_severity = opt.min_severity;
  if (opt.since) aopt.since = *opt.since;
  if (opt.until) aopt.until = *opt.until;
  return Analyzer::Create(kb, aopt);
}

absl::StatusOr<KnowledgeBase> LoadKnowledgeBase(const Options& opt) {
  if (opt.kb_replace && opt.kb_dir.empty()) {
    return absl::InvalidArgumentError("--kb-replace needs --kb-dir DIR");
  }
  if (opt.kb_replace) return KnowledgeBase::FromDirectory(opt.kb_dir);
  if (opt.kb_dir.empty()) return KnowledgeBase::Default();
  return KnowledgeBase::DefaultExtendedBy(opt.kb_dir);
}

int ExportPatterns(const KnowledgeBase& kb, PatternDialect dialect) {
  absl::StatusOr<std::unique_ptr<const Matcher>> matcher = Matcher::Create(kb);
  if (!matcher.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(matcher.status()));
    return 2;
  }
  std::string out;
  for (const std::string& p : loganalyze::ExportPatterns(**matcher, dialect)) out += p + "\n";
  return ExitCodeAfter(WriteOutput("", out), 0);
}

int Merge(const KnowledgeBase& kb, const std::vector<std::string>& files, const Options& opt,
          const ReportLimits* limits) {
  const MergedReports merged = MergeReportFiles(files, limits);
  for (const MergeFileNote& note : merged.notes) {
    if (!note.merged) {
      PrintError("loganalyze: {}: {}\n", note.file, note.message);
    } else if (!opt.quiet) {
      fmt::print(stderr, "loganalyze: {}: {}\n", note.file, note.message);
    }
  }
  const std::string out = RenderReport(merged.report, kb, opt.format, MakeRenderOptions(opt));
  return ExitCodeAfter(WriteOutput(opt.output, out),
                       merged.complete ? ExitCode(merged.report, opt) : 3);
}

int Analyze(const KnowledgeBase& kb, const Options& opt) {
  absl::StatusOr<std::unique_ptr<const Analyzer>> analyzer = CreateAnalyzer(kb, opt);
  if (!analyzer.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(analyzer.status()));
    return 2;
  }

  Progress progress(!opt.quiet && StderrIsTerminal());
  BundleOptions bopt;
  bopt.limits = opt.limits;
  bopt.jobs = opt.jobs;
  bopt.output = opt.output;
  if (!opt.files_from.empty()) bopt.input_lists.push_back(opt.files_from);
  bopt.progress = [&progress](const BundleProgress& p) {
    progress.Update(p.files_done, p.files_total, p.bytes_done, p.bytes_total);
  };
  absl::StatusOr<Report> report = AnalyzeBundle(**analyzer, opt.inputs, bopt);
  progress.Finish();
  if (!report.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(report.status()));
    return 2;
  }

  const std::string out = RenderReport(*report, kb, opt.format, MakeRenderOptions(opt));
  const WriteResult written = WriteOutput(opt.output, out);
  if (written == WriteResult::kFailed) return 2;
  if (!opt.quiet && !report->errors.empty()) {
    PrintError("loganalyze: {} input(s) could not be read fully (see the report)\n",
               report->errors.size());
  }
  return ExitCode(*report, opt);
}

}  // namespace loganalyze::cli
