// The terminal forms of a comparison and of recurring findings, in the style of the text
// report: headings ruled to the width, severity badges, names escaped (EscapeControls).
#include <algorithm>
#include <string>

#include "fmt/format.h"
#include "report/diff_writers.h"
#include "report/escape_controls.h"
#include "report/labels.h"
#include "report/text_layout.h"
#include "report/views.h"

namespace loganalyze::internal {
namespace {

class Writer {
 public:
  explicit Writer(const RenderOptions& o)
      : o_(o), lang_(o.language), width_(std::max<size_t>(60, o.width)) {}

  std::string Style(std::string_view code, std::string_view text) const {
    if (!o_.color) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  void Title(const KnowledgeBase& kb, std::string_view what) {
    out_ += Style("1", fmt::format("loganalyze {}", o_.tool_version));
    out_ += fmt::format(" · {} {} · {} · {}\n", Tr(lang_, "knowledge base", "知識庫"), kb.version(),
                        what, L(lang_, Label::kTimesNote));
  }
  void Heading(std::string_view title) {
    const std::string t = fmt::format("━━ {} ", title);
    std::string rule;
    for (size_t i = DisplayWidth(t); i < width_; ++i) rule += "━";
    out_ += "\n" + Style("1", t + rule) + "\n";
  }
  // A change label padded to one column width, coloured by what it means.
  std::string Tag(std::string_view label, std::string_view color) const {
    std::string padded(label);
    for (size_t w = DisplayWidth(label); w < 10; ++w) padded += ' ';
    return Style(color, padded);
  }
  std::string Badge(Severity s) const {
    static constexpr std::string_view kCodes[] = {"36", "33", "31", "1;35"};
    return Style(kCodes[static_cast<int>(s)], fmt::format("[{}]", SeverityLabel(lang_, s)));
  }
  // `text` (escaped here) cut to what is left of the line after `used` columns.
  std::string Fit(std::string_view text, size_t used) const {
    return Ellipsize(EscapeControls(text), used < width_ ? width_ - used : 10);
  }
  void Problems(const std::vector<const ComparedReport*>& reports) {
    bool any = false;
    for (const ComparedReport* c : reports) any = any || !c->errors.empty();
    if (!any) return;
    Heading(L(lang_, Label::kProblems));
    for (const ComparedReport* c : reports) {
      for (const ReportError& e : c->errors) {
        const std::string name = e.member.empty() ? e.path : e.path + "!/" + e.member;
        out_ += "  " + EscapeControls(c->name) + ": " + EscapeControls(name) + ": " +
                EscapeControls(e.message) + "\n";
      }
    }
  }
  // No trailing spaces (a padded label before an empty column).
  std::string Finish() const { return StripTrailingSpaces(out_); }

  const RenderOptions& o_;
  Language lang_;
  size_t width_;
  std::string out_;
};

std::string_view ColorOf(FindingChange c) {
  return c == FindingChange::kNew || c == FindingChange::kWorse ? "31"
         : c == FindingChange::kSame                            ? "2"
                                                                : "32";
}

}  // namespace

std::string RenderDiffText(const ReportDiff& d, const KnowledgeBase& kb, const RenderOptions& o) {
  Writer w(o);
  const Language lang = o.language;
  w.Title(kb, Tr(lang, "changes since the older report", "與舊報告相比的變化"));
  w.Heading(Tr(lang, "Compared", "比較對象"));
  for (const auto& [label, c] : {std::pair{Tr(lang, "older", "舊"), &d.older},
                                 std::pair{Tr(lang, "newer", "新"), &d.newer}}) {
    w.out_ += fmt::format("  {} {}\n", w.Tag(label, "1"), EscapeControls(c->name));
    w.out_ += fmt::format("  {} {} · {}\n", w.Tag("", ""), Span(*c, lang),
                          lang == Language::kEnglish
                              ? fmt::format("inputs: {} ({} analysed)", c->inputs, c->analysed)
                              : fmt::format("輸入 {} 個（已分析 {} 個）", c->inputs, c->analysed));
  }
  for (const std::string& line : Wrap(ThresholdNote(d.threshold, lang), w.width_ - 2)) {
    w.out_ += "  " + line + "\n";
  }

  w.Heading(fmt::format("{}: {}", L(lang, Label::kFindings), FindingCounts(d, lang)));
  if (d.findings.empty()) w.out_ += fmt::format("  {}\n", L(lang, Label::kNone));
  for (const FindingDiff& f : d.findings) {
    const std::string badge = fmt::format("[{}]", SeverityLabel(lang, f.severity));
    w.out_ += fmt::format("  {} {} {}\n", w.Tag(ChangeLabel(lang, f.change), ColorOf(f.change)),
                          w.Badge(f.severity),
                          w.Fit(FindingTitle(kb, f.id, f.codes, lang), 14 + DisplayWidth(badge)));
    w.out_ += fmt::format("  {} ×{} → ×{} · {} · {}\n", w.Tag("", ""), f.old_count, f.new_count,
                          RateChange(f, lang), EscapeControls(f.id));
  }

  w.Heading(fmt::format("{}: {}", L(lang, Label::kFailedFiles), FailedFileCounts(d, lang)));
  if (d.failed_files.empty()) w.out_ += fmt::format("  {}\n", L(lang, Label::kNone));
  for (const FailedFileDiff& f : d.failed_files) {
    const std::string tail =
        fmt::format("  {} ×{} → ×{}", EscapeControls(f.code), f.old_count, f.new_count);
    w.out_ += fmt::format(
        "  {} {}{}\n",
        w.Tag(ChangeLabel(lang, f.change), f.change == FailedFileChange::kNew     ? "31"
                                           : f.change == FailedFileChange::kFixed ? "32"
                                                                                  : "33"),
        w.Fit(f.path, 13 + DisplayWidth(tail)), tail);
  }
  if (!d.newer.has_failed_file_lists && !d.failed_files.empty()) {
    w.out_ +=
        std::string(Tr(lang,
                       "  The newer report read no LastBackupFailedFiles list: files of the "
                       "older one are not called fixed.",
                       "  新報告沒有讀到 LastBackupFailedFiles 清單：舊報告的檔案不視為已修復。")) +
        "\n";
  }

  w.Heading(fmt::format("{}: {}", Tr(lang, "Job failures", "作業失敗"), JobFailureCounts(d, lang)));
  if (d.job_failures.empty()) w.out_ += fmt::format("  {}\n", L(lang, Label::kNone));
  for (const JobFailureDiff& j : d.job_failures) {
    std::string tasks;
    for (const std::string& t : j.new_task_ids)
      tasks += (tasks.empty() ? "" : " ") + t.substr(0, 8);
    w.out_ += fmt::format(
        "  {} {} · {} {} · {}\n",
        w.Tag(ChangeLabel(lang, j.change), j.change == JobFailureChange::kNew    ? "31"
                                           : j.change == JobFailureChange::kGone ? "32"
                                                                                 : "33"),
        EscapeControls(j.kind), L(lang, Label::kFailedPhase),
        j.phase.empty() ? "-" : EscapeControls(j.phase), EscapeControls(JoinCodes(j.codes)));
    w.out_ += fmt::format(
        "  {} {} {} → {} · {} {}{}\n", w.Tag("", ""), Tr(lang, "failed jobs", "失敗作業"),
        j.old_jobs, j.new_jobs, L(lang, Label::kFirst), Minute(j.first_failed),
        tasks.empty() ? ""
                      : fmt::format(" · {} {}", Tr(lang, "tasks", "工作"), EscapeControls(tasks)));
  }
  w.Problems({&d.older, &d.newer});
  return w.Finish();
}

std::string RenderRecurringText(const RecurringFindings& r, const KnowledgeBase& kb,
                                const RenderOptions& o) {
  Writer w(o);
  const Language lang = o.language;
  w.Title(kb, Tr(lang, "recurring findings", "重複出現的問題"));
  w.Heading(fmt::format("{} ({})", Tr(lang, "Reports, oldest first", "報告（由舊到新）"),
                        r.reports.size()));
  for (size_t i = 0; i < r.reports.size(); ++i) {
    w.out_ += fmt::format("  {:>2}  {} · {}\n", i + 1, EscapeControls(r.reports[i].name),
                          Span(r.reports[i], lang));
  }
  w.Heading(lang == Language::kEnglish
                ? fmt::format("Findings in at least {} of {} reports ({})", r.min_present,
                              r.reports.size(), r.findings.size())
                : fmt::format("至少出現在 {} 份報告（共 {} 份）的問題（{}）", r.min_present,
                              r.reports.size(), r.findings.size()));
  if (r.findings.empty()) w.out_ += fmt::format("  {}\n", L(lang, Label::kNone));
  for (const RecurringFinding& f : r.findings) {
    const std::string badge = fmt::format("[{}]", SeverityLabel(lang, f.severity));
    const std::string share = fmt::format("{}/{}", f.present, r.reports.size());
    w.out_ += fmt::format("  {:<6} {} {}\n", share, w.Badge(f.severity),
                          w.Fit(FindingTitle(kb, f.id, f.codes, lang), 10 + DisplayWidth(badge)));
    std::string counts;
    for (uint64_t c : f.counts) counts += fmt::format(" {}", c);
    w.out_ += fmt::format(
        "         {} #{} ({}) {}{}\n", Tr(lang, "first in", "首次出現於"), f.first_report + 1,
        w.Fit(r.reports[f.first_report].name, 60), Minute(f.first_seen),
        f.in_latest ? std::string(Tr(lang, " · in the latest", " · 最新報告仍有")) : "");
    w.out_ += fmt::format("         {}:{} · {}\n", Tr(lang, "per report", "各報告次數"), counts,
                          EscapeControls(f.id));
  }
  std::vector<const ComparedReport*> reports;
  for (const ComparedReport& c : r.reports) reports.push_back(&c);
  w.Problems(reports);
  return w.Finish();
}

}  // namespace loganalyze::internal
