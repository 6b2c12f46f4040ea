#include "cli/run.h"

#include <atomic>
#include <cctype>
#include <filesystem>
#include <set>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

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

RenderOptions MakeRenderOptions(const Options& opt) {
  RenderOptions r;
  r.language = opt.language;
  r.color = opt.color;
  r.tool_version = kVersion;
  return r;
}

// The paths that --files-from names; a list that cannot be read goes to `errors`.
std::vector<std::string> ReadFilesFrom(const std::string& from, std::vector<std::string>* errors) {
  absl::StatusOr<std::unique_ptr<ByteSource>> source =
      from == "-" ? absl::StatusOr<std::unique_ptr<ByteSource>>(OpenStdin()) : OpenFile(from);
  absl::StatusOr<std::vector<std::string>> paths =
      source.ok() ? ReadInputList(**source) : source.status();
  if (paths.ok()) return *std::move(paths);
  errors->push_back(fmt::format("--files-from {}: {}", from, StatusMessage(paths.status())));
  return {};
}

int ExitCode(const Report& report, const Options& opt) {
  if (opt.fail_on) {
    for (const auto& [id, f] : report.findings) {
      if (f.severity >= *opt.fail_on) return 1;
    }
  }
  return report.errors.empty() ? 0 : 3;
}

}  // namespace

absl::StatusOr<KnowledgeBase> LoadKnowledgeBase(const Options& opt) {
  if (opt.kb_replace && opt.kb_dir.empty()) {
    return absl::InvalidArgumentError("--kb-replace needs --kb-dir DIR");
  }
  if (opt.kb_replace) return KnowledgeBase::FromDirectory(opt.kb_dir);
  absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::Default();
  if (!kb.ok() || opt.kb_dir.empty()) return kb;
  absl::StatusOr<KnowledgeBase> extra = KnowledgeBase::FromDirectory(opt.kb_dir);
  if (!extra.ok()) return extra.status();
  return kb->CombinedWith(*extra);
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

int Merge(const KnowledgeBase& kb, const std::vector<std::string>& files, const Options& opt) {
  Report merged;
  bool failed = false;
  for (const std::string& f : files) {
    std::string text;
    if (f == "-") {
      std::ostringstream s;
      s << std::cin.rdbuf();
      text = s.str();
    } else {
      std::ifstream in(f, std::ios::binary);
      if (!in) {
        PrintError("loganalyze: {}: cannot open\n", f);
        // The merged report says what it could not read, as an analysis does.
        merged.Merge(Analyzer::Unreadable(f, "", "not merged: cannot open this report"));
        failed = true;
        continue;
      }
      std::ostringstream s;
      s << in.rdbuf();
      text = s.str();
    }
    absl::StatusOr<Report> r = ParseJsonReport(text);
    if (!r.ok()) {
      PrintError("loganalyze: {}: {}\n", f, StatusMessage(r.status()));
      merged.Merge(Analyzer::Unreadable(
          f, "", fmt::format("not merged: {}", StatusMessage(r.status()))));
      failed = true;
      continue;
    }
    const MergeOnceResult once = MergeOnce(&merged, *r, f);
    std::string shared;
    for (const std::string& key : once.shared) shared += (shared.empty() ? "" : ", ") + key;
    if (once.outcome == MergeOnceResult::Outcome::kAlreadyCounted) {
      if (!opt.quiet) {
        fmt::print(stderr,
                   "loganalyze: {}: every input it covers is in the merge already ({}); not "
                   "counted again\n",
                   f, shared);
      }
    } else if (once.outcome == MergeOnceResult::Outcome::kOverlapping) {
      const std::string why = fmt::format(
          "not merged: it shares {} input(s) with the reports before it ({}) and covers others "
          "too, so the counts of the shared inputs cannot be told apart from the rest. "
          "Analyse the inputs together, or merge reports of separate inputs",
          once.shared.size(), shared);
      fmt::print(stderr, "loganalyze: {}: {}\n", f, why);
      merged.Merge(Analyzer::Unreadable(f, "", why));
      failed = true;
    }
  }
  const std::string out = RenderReport(merged, kb, opt.format, MakeRenderOptions(opt));
  return ExitCodeAfter(WriteOutput(opt.output, out), failed ? 3 : ExitCode(merged, opt));
}

int Analyze(const KnowledgeBase& kb, const Options& opt) {
  AnalyzeOptions aopt;
  aopt.read.year = opt.year;
  aopt.min_severity = opt.min_severity;
  if (opt.since) aopt.since = *opt.since;
  if (opt.until) aopt.until = *opt.until;
  absl::StatusOr<std::unique_ptr<const Analyzer>> analyzer = Analyzer::Create(kb, aopt);
  if (!analyzer.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(analyzer.status()));
    return 2;
  }
  std::vector<std::string> args = opt.inputs;
  std::vector<std::string> list_errors;
  if (!opt.files_from.empty()) {
    for (std::string& p : ReadFilesFrom(opt.files_from, &list_errors)) args.push_back(p);
  }

  Progress progress(!opt.quiet && StderrIsTerminal());
  BundleOptions bopt;
  bopt.limits = opt.limits;
  bopt.jobs = opt.jobs;
  bopt.output = opt.output;
  bopt.progress = [&progress](const BundleProgress& p) {
    progress.Update(p.files_done, p.files_total, p.bytes_done, p.bytes_total);
  };
  absl::StatusOr<Report> report = AnalyzeBundle(**analyzer, args, bopt);
  progress.Finish();
  if (!report.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(report.status()));
    return 2;
  }
  for (const std::string& e : list_errors) {
    report->Merge(Analyzer::Unreadable(opt.files_from, "", e));
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
