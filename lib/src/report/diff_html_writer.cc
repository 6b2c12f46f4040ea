// The HTML forms of a comparison and of recurring findings: one self-contained page each, in
// the style of the HTML report (its style sheet, both languages in the page, the one of
// `options.language` shown; a CSP that forbids every load). They need no script.
#include <iterator>
#include <string>
#include <tuple>
#include <utility>

#include "fmt/format.h"
#include "report/diff_writers.h"
#include "report/labels.h"
#include "report/views.h"

namespace loganalyze::internal {

// html_writer.cc and html_chart.cc.
namespace html {
void AppendEscaped(std::string& out, std::string_view s);
std::string Bilingual(std::string_view en, std::string_view zh);
extern const char kStyle[];
}  // namespace html

namespace {

constexpr Language kEn = Language::kEnglish, kZh = Language::kTraditionalChinese;

template <typename... Args>
void Put(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

std::string Esc(std::string_view s) {
  std::string out;
  html::AppendEscaped(out, s);
  return out;
}

// A text that the shared helpers give per language, in both.
template <typename F>
std::string Both(F&& text) {
  return html::Bilingual(text(kEn), text(kZh));
}

std::string Badge(std::string_view cls, std::string_view en, std::string_view zh) {
  return fmt::format(R"(<span class="badge {}">{}</span>)", cls, html::Bilingual(en, zh));
}

std::string SeverityBadge(Severity s) {
  return Badge(fmt::format("s-{}", SeverityName(s)), SeverityLabel(kEn, s), SeverityLabel(kZh, s));
}

template <typename Enum>
std::string ChangeBadge(Enum c, bool bad, bool good) {
  return Badge(bad    ? "s-error"
               : good ? "o-ok"
                      : "o-unknown",
               ChangeLabel(kEn, c), ChangeLabel(kZh, c));
}

void Head(std::string& out, const KnowledgeBase& kb, const RenderOptions& o,
          std::string_view en_title, std::string_view zh_title,
          std::initializer_list<std::pair<std::string_view, std::string>> nav) {
  const bool zh = o.language == kZh;
  Put(out,
      "<!DOCTYPE html>\n<html lang=\"{0}\" class=\"{1}\" data-lang=\"{0}\">\n<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n"
      "<title>loganalyze – {2}</title>\n<style>\n{3}</style>\n</head>\n<body>\n"
      R"(<header class="top"><div class="bar"><span class="brand">loganalyze</span><nav>)",
      zh ? "zh-TW" : "en", zh ? "lang-zh" : "lang-en", Esc(zh ? zh_title : en_title), html::kStyle);
  for (const auto& [id, label] : nav) Put(out, R"(<a href="#{}">{}</a>)", id, label);
  Put(out,
      "</nav></div></header>\n<main>\n<h1>{}</h1>\n<p class=\"sub\">loganalyze {} · {} {} · "
      "{}</p>\n",
      html::Bilingual(en_title, zh_title), Esc(o.tool_version),
      html::Bilingual("knowledge base", "知識庫版本"), Esc(kb.version()),
      html::Bilingual("times as logged (UTC)", "時間依記錄原樣顯示（UTC）"));
}

void Problems(std::string& out, const std::vector<const ComparedReport*>& reports) {
  std::string rows;
  for (const ComparedReport* c : reports) {
    for (const ReportError& e : c->errors) {
      Put(rows, "<tr><td class=\"path\">{}</td><td class=\"path\">{}</td><td>{}</td></tr>\n",
          Esc(c->name), Esc(e.member.empty() ? e.path : e.path + "!/" + e.member), Esc(e.message));
    }
  }
  if (rows.empty()) return;
  Put(out,
      "<section id=\"errors\"><h2>{}</h2>\n<div class=\"wrap\"><table><thead><tr><th>{}</th>"
      "<th>{}</th><th>{}</th></tr></thead><tbody>\n{}</tbody></table></div></section>\n",
      html::Bilingual("Problems reading inputs", "讀取輸入時發生的問題"),
      html::Bilingual("report", "報告"), html::Bilingual("input", "輸入"),
      html::Bilingual("problem", "問題"), rows);
}

std::string Title(const KnowledgeBase& kb, const std::string& id,
                  const std::set<std::string>& codes) {
  return html::Bilingual(FindingTitle(kb, id, codes, kEn), FindingTitle(kb, id, codes, kZh));
}

void Foot(std::string& out) { out += "</main>\n</body>\n</html>\n"; }

}  // namespace

std::string RenderDiffHtml(const ReportDiff& d, const KnowledgeBase& kb, const RenderOptions& o) {
  std::string out;
  const std::string findings_h = html::Bilingual("Findings", "發現的問題");
  const std::string files_h = html::Bilingual("Failed files", "備份失敗的檔案");
  const std::string jobs_h = html::Bilingual("Job failures", "作業失敗");
  Head(out, kb, o, "changes since the older report", "與舊報告相比的變化",
       {{"compared", html::Bilingual("Compared", "比較對象")},
        {"findings", findings_h},
        {"failed-files", files_h},
        {"job-failures", jobs_h}});

  Put(out,
      "<section id=\"compared\"><h2>{}</h2>\n<div class=\"wrap\"><table><thead><tr><th></th>"
      "<th>{}</th><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
      html::Bilingual("Compared", "比較對象"), html::Bilingual("report", "報告"),
      html::Bilingual("time span", "時間範圍"), html::Bilingual("inputs", "輸入"));
  for (const auto& [en, zh, c] :
       {std::tuple{"older", "舊", &d.older}, std::tuple{"newer", "新", &d.newer}}) {
    Put(out,
        "<tr><td>{}</td><td class=\"path\">{}</td><td class=\"t\">{}</td><td "
        "class=\"n\">{}</td></tr>\n",
        // `r`, not the binding `c`: clang 14 lets no lambda capture a structured binding.
        html::Bilingual(en, zh), Esc(c->name),
        Both([&, r = c](Language l) { return Span(*r, l); }), c->inputs);
  }
  Put(out, "</tbody></table></div>\n<p class=\"note\">{}</p></section>\n",
      Both([&](Language l) { return ThresholdNote(d.threshold, l); }));

  Put(out, "<section id=\"findings\"><h2>{} <span class=\"count\">{}</span></h2>\n", findings_h,
      Both([&](Language l) { return FindingCounts(d, l); }));
  if (!d.findings.empty()) {
    Put(out,
        "<div class=\"wrap\"><table class=\"changes\"><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
        "<th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>\n",
        html::Bilingual("change", "變化"), html::Bilingual("severity", "嚴重度"),
        html::Bilingual("finding", "問題"), html::Bilingual("count", "次數"),
        html::Bilingual("rate", "比率"));
    for (const FindingDiff& f : d.findings) {
      Put(out,
          "<tr data-change=\"{}\"><td>{}</td><td>{}</td><td>{}<br><span class=\"mono "
          "muted\">{}</span>"
          "</td><td class=\"n\">{} → {}</td><td>{}</td></tr>\n",
          FindingChangeName(f.change),
          ChangeBadge(f.change,
                      f.change == FindingChange::kNew || f.change == FindingChange::kWorse,
                      f.change == FindingChange::kGone || f.change == FindingChange::kBetter),
          SeverityBadge(f.severity), Title(kb, f.id, f.codes), Esc(f.id), f.old_count, f.new_count,
          Both([&](Language l) { return RateChange(f, l); }));
    }
    out += "</tbody></table></div>\n";
  }
  out += "</section>\n";

  Put(out, "<section id=\"failed-files\"><h2>{} <span class=\"count\">{}</span></h2>\n", files_h,
      Both([&](Language l) { return FailedFileCounts(d, l); }));
  if (!d.failed_files.empty()) {
    Put(out,
        "<div class=\"wrap\"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
        "<th class=\"n\">{}</th></tr></thead><tbody>\n",
        html::Bilingual("change", "變化"), html::Bilingual("path", "路徑"),
        html::Bilingual("code", "代碼"), html::Bilingual("count", "次數"));
    for (const FailedFileDiff& f : d.failed_files) {
      Put(out,
          "<tr data-change=\"{}\"><td>{}</td><td class=\"path\">{}</td><td class=\"mono\">{}</td>"
          "<td class=\"n\">{} → {}</td></tr>\n",
          FailedFileChangeName(f.change),
          ChangeBadge(f.change, f.change == FailedFileChange::kNew,
                      f.change == FailedFileChange::kFixed),
          Esc(f.path), Esc(f.code), f.old_count, f.new_count);
    }
    out += "</tbody></table></div>\n";
  }
  out += "</section>\n";

  Put(out, "<section id=\"job-failures\"><h2>{} <span class=\"count\">{}</span></h2>\n", jobs_h,
      Both([&](Language l) { return JobFailureCounts(d, l); }));
  if (!d.job_failures.empty()) {
    Put(out,
        "<div class=\"wrap\"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
        "<th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>\n",
        html::Bilingual("change", "變化"), html::Bilingual("kind", "類型"),
        html::Bilingual("failed in", "失敗階段"), html::Bilingual("codes", "代碼"),
        html::Bilingual("failed jobs", "失敗作業"), html::Bilingual("first", "首次"));
    for (const JobFailureDiff& j : d.job_failures) {
      Put(out,
          "<tr data-change=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"mono\">{}</td>"
          "<td class=\"n\">{} → {}</td><td class=\"t\">{}</td></tr>\n",
          JobFailureChangeName(j.change),
          ChangeBadge(j.change, j.change == JobFailureChange::kNew,
                      j.change == JobFailureChange::kGone),
          Esc(j.kind), Esc(j.phase.empty() ? "-" : j.phase), Esc(JoinCodes(j.codes)), j.old_jobs,
          j.new_jobs, Minute(j.first_failed));
    }
    out += "</tbody></table></div>\n";
  }
  out += "</section>\n";
  Problems(out, {&d.older, &d.newer});
  Foot(out);
  return out;
}

std::string RenderRecurringHtml(const RecurringFindings& r, const KnowledgeBase& kb,
                                const RenderOptions& o) {
  std::string out;
  const std::string findings_h = html::Bilingual("Recurring findings", "重複出現的問題");
  Head(out, kb, o, "recurring findings", "重複出現的問題",
       {{"reports", html::Bilingual("Reports", "報告")}, {"findings", findings_h}});
  Put(out,
      "<section id=\"reports\"><h2>{}</h2>\n<div class=\"wrap\"><table><thead><tr>"
      "<th class=\"n\">#</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
      html::Bilingual("Reports, oldest first", "報告（由舊到新）"),
      html::Bilingual("report", "報告"), html::Bilingual("time span", "時間範圍"));
  for (size_t i = 0; i < r.reports.size(); ++i) {
    Put(out, "<tr><td class=\"n\">{}</td><td class=\"path\">{}</td><td class=\"t\">{}</td></tr>\n",
        i + 1, Esc(r.reports[i].name), Both([&](Language l) { return Span(r.reports[i], l); }));
  }
  out += "</tbody></table></div></section>\n";
  Put(out,
      "<section id=\"findings\"><h2>{} <span class=\"count\">{}</span></h2>\n<p "
      "class=\"note\">{}</p>\n",
      findings_h, r.findings.size(),
      html::Bilingual(
          fmt::format("In at least {} of {} reports.", r.min_present, r.reports.size()),
          fmt::format("至少出現在 {} 份報告（共 {} 份）。", r.min_present, r.reports.size())));
  if (!r.findings.empty()) {
    Put(out,
        "<div class=\"wrap\"><table><thead><tr><th class=\"n\">{}</th><th>{}</th><th>{}</th>"
        "<th>{}</th><th>{}</th></tr></thead><tbody>\n",
        html::Bilingual("in", "出現"), html::Bilingual("severity", "嚴重度"),
        html::Bilingual("finding", "問題"), html::Bilingual("first appearance", "首次出現"),
        html::Bilingual("per report", "各報告次數"));
    for (const RecurringFinding& f : r.findings) {
      std::string counts;
      for (uint64_t c : f.counts) counts += fmt::format("{}{}", counts.empty() ? "" : " ", c);
      Put(out,
          "<tr><td class=\"n\">{}/{}</td><td>{}</td><td>{}<br><span class=\"mono muted\">{}</span>"
          "</td><td>#{} <span class=\"path\">{}</span><br><span class=\"t\">{}</span></td>"
          "<td class=\"mono\">{}</td></tr>\n",
          f.present, r.reports.size(), SeverityBadge(f.severity), Title(kb, f.id, f.codes),
          Esc(f.id), f.first_report + 1, Esc(r.reports[f.first_report].name), Minute(f.first_seen),
          counts);
    }
    out += "</tbody></table></div>\n";
  }
  out += "</section>\n";
  std::vector<const ComparedReport*> reports;
  for (const ComparedReport& c : r.reports) reports.push_back(&c);
  Problems(out, reports);
  Foot(out);
  return out;
}

}  // namespace loganalyze::internal
