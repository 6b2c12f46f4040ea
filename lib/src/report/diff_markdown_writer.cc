// The Markdown forms of a comparison and of recurring findings: tables to paste into a case.
#include <iterator>
#include <string>

#include "fmt/format.h"
#include "report/diff_writers.h"
#include "report/labels.h"
#include "report/views.h"
#include "report/writers.h"

namespace loganalyze::internal {
namespace {

const auto& Cell = MarkdownCell;

template <typename... Args>
void Put(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

void Header(std::string& out, const KnowledgeBase& kb, const RenderOptions& o,
            std::string_view title) {
  Put(out, "# {}\n\n*loganalyze {} · {} {} · {}*\n", title, o.tool_version,
      Tr(o.language, "knowledge base", "知識庫"), kb.version(), L(o.language, Label::kTimesNote));
}

void Problems(std::string& out, const std::vector<const ComparedReport*>& reports, Language lang) {
  std::string rows;
  for (const ComparedReport* c : reports) {
    for (const ReportError& e : c->errors) {
      Put(rows, "| {} | {} | {} |\n", Cell(c->name),
          Cell(e.member.empty() ? e.path : e.path + "!/" + e.member), Cell(e.message));
    }
  }
  if (rows.empty()) return;
  Put(out, "\n## {}\n\n| report | input | problem |\n|---|---|---|\n{}", L(lang, Label::kProblems),
      rows);
}

}  // namespace

std::string RenderDiffMarkdown(const ReportDiff& d, const KnowledgeBase& kb,
                               const RenderOptions& o) {
  const Language lang = o.language;
  std::string out;
  Header(out, kb, o,
         Tr(lang, "loganalyze: changes since the older report", "loganalyze：與舊報告相比的變化"));
  Put(out, "\n## {}\n\n| | {} | {} | {} |\n|---|---|---|---:|\n", Tr(lang, "Compared", "比較對象"),
      Tr(lang, "report", "報告"), Tr(lang, "time span", "時間範圍"), L(lang, Label::kInputs));
  Put(out, "| {} | {} | {} | {} |\n", Tr(lang, "older", "舊"), Cell(d.older.name),
      Span(d.older, lang), d.older.inputs);
  Put(out, "| {} | {} | {} | {} |\n", Tr(lang, "newer", "新"), Cell(d.newer.name),
      Span(d.newer, lang), d.newer.inputs);
  Put(out, "\n{}\n", ThresholdNote(d.threshold, lang));

  Put(out, "\n## {}: {}\n\n", L(lang, Label::kFindings), FindingCounts(d, lang));
  if (!d.findings.empty()) {
    Put(out, "| {} | {} | {} | {} | {} | id |\n|---|---|---|---:|---|---|\n",
        Tr(lang, "change", "變化"), Tr(lang, "severity", "嚴重度"), Tr(lang, "finding", "問題"),
        Tr(lang, "count", "次數"), Tr(lang, "rate", "比率"));
  }
  for (const FindingDiff& f : d.findings) {
    Put(out, "| **{}** | {} | {} | {} → {} | {} | {} |\n", ChangeLabel(lang, f.change),
        SeverityLabel(lang, f.severity), Cell(FindingTitle(kb, f.id, f.codes, lang)), f.old_count,
        f.new_count, Cell(RateChange(f, lang)), Cell(f.id));
  }

  Put(out, "\n## {}: {}\n\n", L(lang, Label::kFailedFiles), FailedFileCounts(d, lang));
  if (!d.failed_files.empty()) {
    Put(out, "| {} | {} | {} | {} |\n|---|---|---|---:|\n", Tr(lang, "change", "變化"),
        Tr(lang, "path", "路徑"), L(lang, Label::kCodes), Tr(lang, "count", "次數"));
  }
  for (const FailedFileDiff& f : d.failed_files) {
    Put(out, "| **{}** | {} | {} | {} → {} |\n", ChangeLabel(lang, f.change), Cell(f.path),
        Cell(f.code), f.old_count, f.new_count);
  }

  Put(out, "\n## {}: {}\n\n", Tr(lang, "Job failures", "作業失敗"), JobFailureCounts(d, lang));
  if (!d.job_failures.empty()) {
    Put(out, "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---:|---|\n",
        Tr(lang, "change", "變化"), Tr(lang, "kind", "類型"), L(lang, Label::kFailedPhase),
        L(lang, Label::kCodes), Tr(lang, "failed jobs", "失敗作業"), L(lang, Label::kFirst));
  }
  for (const JobFailureDiff& j : d.job_failures) {
    Put(out, "| **{}** | {} | {} | {} | {} → {} | {} |\n", ChangeLabel(lang, j.change),
        Cell(j.kind), Cell(j.phase.empty() ? "-" : j.phase), Cell(JoinCodes(j.codes)), j.old_jobs,
        j.new_jobs, Minute(j.first_failed));
  }
  Problems(out, {&d.older, &d.newer}, lang);
  return out;
}

std::string RenderRecurringMarkdown(const RecurringFindings& r, const KnowledgeBase& kb,
                                    const RenderOptions& o) {
  const Language lang = o.language;
  std::string out;
  Header(out, kb, o, Tr(lang, "loganalyze: recurring findings", "loganalyze：重複出現的問題"));
  Put(out, "\n## {}\n\n| # | {} | {} |\n|---:|---|---|\n",
      Tr(lang, "Reports, oldest first", "報告（由舊到新）"), Tr(lang, "report", "報告"),
      Tr(lang, "time span", "時間範圍"));
  for (size_t i = 0; i < r.reports.size(); ++i) {
    Put(out, "| {} | {} | {} |\n", i + 1, Cell(r.reports[i].name), Span(r.reports[i], lang));
  }
  Put(out, "\n## {}\n\n",
      lang == Language::kEnglish
          ? fmt::format("Findings in at least {} of {} reports", r.min_present, r.reports.size())
          : fmt::format("至少出現在 {} 份報告（共 {} 份）的問題", r.min_present, r.reports.size()));
  if (r.findings.empty()) Put(out, "{}\n", L(lang, Label::kNone));
  if (!r.findings.empty()) {
    Put(out, "| {} | {} | {} | {} | {} | id |\n|---:|---|---|---|---|---|\n",
        Tr(lang, "in", "出現"), Tr(lang, "severity", "嚴重度"), Tr(lang, "finding", "問題"),
        Tr(lang, "first appearance", "首次出現"), Tr(lang, "per report", "各報告次數"));
  }
  for (const RecurringFinding& f : r.findings) {
    std::string counts;
    for (uint64_t c : f.counts) counts += fmt::format("{}{}", counts.empty() ? "" : " ", c);
    Put(out, "| {}/{} | {} | {} | #{} {} ({}) | {} | {} |\n", f.present, r.reports.size(),
        SeverityLabel(lang, f.severity), Cell(FindingTitle(kb, f.id, f.codes, lang)),
        f.first_report + 1, Cell(r.reports[f.first_report].name), Minute(f.first_seen), counts,
        Cell(f.id));
  }
  std::vector<const ComparedReport*> reports;
  for (const ComparedReport& c : r.reports) reports.push_back(&c);
  Problems(out, reports, lang);
  return out;
}

}  // namespace loganalyze::internal
