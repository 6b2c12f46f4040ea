// RenderDiff and RenderRecurring: one entry point each, and what their formats share.
#include <algorithm>
#include <iterator>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "loganalyze/diff.h"
#include "report/diff_writers.h"
#include "report/views.h"

namespace loganalyze {
namespace internal {
namespace {

template <typename Enum>
std::string Counts(const std::vector<Enum>& changes, std::initializer_list<Enum> order,
                   Language lang) {
  std::string out;
  for (Enum c : order) {
    const auto n = std::count(changes.begin(), changes.end(), c);
    std::string label(ChangeLabel(lang, c));
    std::transform(label.begin(), label.end(), label.begin(),
                   [](char ch) { return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch; });
    fmt::format_to(std::back_inserter(out), "{}{} {}", out.empty() ? "" : " · ", n, label);
  }
  return out;
}

template <typename Item, typename Enum>
std::vector<Enum> ChangesOf(const std::vector<Item>& items) {
  std::vector<Enum> out;
  for (const Item& i : items) out.push_back(i.change);
  return out;
}

}  // namespace

std::string_view ChangeLabel(Language lang, FindingChange c) {
  switch (c) {
    case FindingChange::kNew:
      return Tr(lang, "NEW", "新增");
    case FindingChange::kWorse:
      return Tr(lang, "WORSE", "惡化");
    case FindingChange::kBetter:
      return Tr(lang, "BETTER", "改善");
    case FindingChange::kGone:
      return Tr(lang, "GONE", "消失");
    case FindingChange::kSame:
      return Tr(lang, "SAME", "持平");
  }
  return "";
}

std::string_view ChangeLabel(Language lang, FailedFileChange c) {
  switch (c) {
    case FailedFileChange::kNew:
      return Tr(lang, "NEW", "新增");
    case FailedFileChange::kStill:
      return Tr(lang, "STILL", "仍失敗");
    case FailedFileChange::kFixed:
      return Tr(lang, "FIXED", "已修復");
    case FailedFileChange::kNotListed:
      return Tr(lang, "NOT LISTED", "無清單");
  }
  return "";
}

std::string_view ChangeLabel(Language lang, JobFailureChange c) {
  switch (c) {
    case JobFailureChange::kNew:
      return Tr(lang, "NEW", "新增");
    case JobFailureChange::kStill:
      return Tr(lang, "STILL", "仍失敗");
    case JobFailureChange::kGone:
      return Tr(lang, "GONE", "不再失敗");
  }
  return "";
}

std::string FindingTitle(const KnowledgeBase& kb, const std::string& id,
                         const std::set<std::string>& codes, Language lang) {
  ReportFinding f;
  f.id = id;
  f.codes = codes;
  return DescribeFinding(kb, f, lang).title;
}

std::string RateChange(const FindingDiff& f, Language lang) {
  auto rate = [](const std::optional<double>& r) {
    return r ? fmt::format("{:.2f}", *r) : std::string("?");
  };
  std::string out = lang == Language::kEnglish
                        ? fmt::format("{} → {} per day", rate(f.old_rate), rate(f.new_rate))
                        : fmt::format("每日 {} → {}", rate(f.old_rate), rate(f.new_rate));
  if (!f.old_rate || !f.new_rate) {
    out += Tr(lang, " (rate unknown: no dated records in the ", "（無法計算每日比率：");
    if (!f.old_rate && !f.new_rate) {
      out += Tr(lang, "older and newer reports; compared by count)",
                "舊報告與新報告都沒有含日期的記錄；改以次數比較）");
    } else {
      out += !f.old_rate ? Tr(lang, "older report; compared by count)",
                              "舊報告沒有含日期的記錄；改以次數比較）")
                         : Tr(lang, "newer report; compared by count)",
                              "新報告沒有含日期的記錄；改以次數比較）");
    }
  }
  return out;
}

std::string Span(const ComparedReport& c, Language lang) {
  if (!c.days) {
    return std::string(Tr(lang, "no dated records (rates per day unknown)",
                          "沒有含日期的記錄（無法計算每日比率）"));
  }
  return fmt::format("{} .. {} · {} {}", Minute(c.first_time), Minute(c.last_time), *c.days,
                     Tr(lang, *c.days == 1 ? "day of log" : "days of log", "天的記錄"));
}

std::string JoinCodes(const std::set<std::string>& codes) {
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : " ") + c;
  return out.empty() ? "-" : out;
}

std::string ThresholdNote(double threshold, Language lang) {
  const double pct = threshold * 100;
  return lang == Language::kEnglish
             ? fmt::format(
                   "Worse or better: a rate per day of log (calendar days from the first "
                   "to the last dated record) more than {:g}% higher or lower; the count "
                   "when a rate is unknown.",
                   pct)
             : fmt::format(
                   "惡化或改善：每日比率（以第一筆到最後一筆含日期記錄的日曆天數計）增減超過 "
                   "{:g}%；無法計算比率時改以次數比較。",
                   pct);
}

std::string FindingCounts(const ReportDiff& d, Language lang) {
  return Counts(ChangesOf<FindingDiff, FindingChange>(d.findings),
                {FindingChange::kNew, FindingChange::kWorse, FindingChange::kBetter,
                 FindingChange::kGone, FindingChange::kSame},
                lang);
}

std::string FailedFileCounts(const ReportDiff& d, Language lang) {
  return Counts(ChangesOf<FailedFileDiff, FailedFileChange>(d.failed_files),
                {FailedFileChange::kNew, FailedFileChange::kStill, FailedFileChange::kFixed,
                 FailedFileChange::kNotListed},
                lang);
}

std::string JobFailureCounts(const ReportDiff& d, Language lang) {
  return Counts(ChangesOf<JobFailureDiff, JobFailureChange>(d.job_failures),
                {JobFailureChange::kNew, JobFailureChange::kStill, JobFailureChange::kGone}, lang);
}

}  // namespace internal

absl::StatusOr<std::string> RenderDiff(const ReportDiff& diff, const KnowledgeBase& kb,
                                       ReportFormat format, const RenderOptions& options) {
  switch (format) {
    case ReportFormat::kText:
      return internal::RenderDiffText(diff, kb, options);
    case ReportFormat::kJson:
      return internal::RenderDiffJson(diff, kb, options);
    case ReportFormat::kMarkdown:
      return internal::RenderDiffMarkdown(diff, kb, options);
    case ReportFormat::kHtml:
      return internal::RenderDiffHtml(diff, kb, options);
    case ReportFormat::kJsonl:
      break;
  }
  return absl::InvalidArgumentError("a comparison is written as text, json, markdown or html");
}

absl::StatusOr<std::string> RenderRecurring(const RecurringFindings& recurring,
                                            const KnowledgeBase& kb, ReportFormat format,
                                            const RenderOptions& options) {
  switch (format) {
    case ReportFormat::kText:
      return internal::RenderRecurringText(recurring, kb, options);
    case ReportFormat::kJson:
      return internal::RenderRecurringJson(recurring, kb, options);
    case ReportFormat::kMarkdown:
      return internal::RenderRecurringMarkdown(recurring, kb, options);
    case ReportFormat::kHtml:
      return internal::RenderRecurringHtml(recurring, kb, options);
    case ReportFormat::kJsonl:
      break;
  }
  return absl::InvalidArgumentError(
      "recurring findings are written as text, json, markdown or html");
}

}  // namespace loganalyze
