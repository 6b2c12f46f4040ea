// The formats of a comparison (RenderDiff) and of recurring findings (RenderRecurring), and
// the words they share in both languages.
#ifndef LOGANALYZE_REPORT_DIFF_WRITERS_H_
#define LOGANALYZE_REPORT_DIFF_WRITERS_H_

#include <optional>
#include <string>
#include <string_view>

#include "loganalyze/diff.h"

namespace loganalyze::internal {

std::string RenderDiffText(const ReportDiff& d, const KnowledgeBase& kb, const RenderOptions& o);
std::string RenderDiffMarkdown(const ReportDiff& d, const KnowledgeBase& kb,
                               const RenderOptions& o);
std::string RenderDiffJson(const ReportDiff& d, const KnowledgeBase& kb, const RenderOptions& o);
std::string RenderDiffHtml(const ReportDiff& d, const KnowledgeBase& kb, const RenderOptions& o);

std::string RenderRecurringText(const RecurringFindings& r, const KnowledgeBase& kb,
                                const RenderOptions& o);
std::string RenderRecurringMarkdown(const RecurringFindings& r, const KnowledgeBase& kb,
                                    const RenderOptions& o);
std::string RenderRecurringJson(const RecurringFindings& r, const KnowledgeBase& kb,
                                const RenderOptions& o);
std::string RenderRecurringHtml(const RecurringFindings& r, const KnowledgeBase& kb,
                                const RenderOptions& o);

// English or Traditional Chinese.
inline std::string_view Tr(Language lang, std::string_view en, std::string_view zh) {
  return lang == Language::kEnglish ? en : zh;
}
// "NEW", "WORSE", ... / "新增", "惡化", ...
std::string_view ChangeLabel(Language lang, FindingChange c);
std::string_view ChangeLabel(Language lang, FailedFileChange c);
std::string_view ChangeLabel(Language lang, JobFailureChange c);
// The title of finding `id` (with `codes`) in `lang`, from the knowledge base or a fallback.
std::string FindingTitle(const KnowledgeBase& kb, const std::string& id,
                         const std::set<std::string>& codes, Language lang);
// "1.50 → 3.00 per day", or why a rate is unknown.
std::string RateChange(const FindingDiff& f, Language lang);
// "2026-01-03 10:00 .. 2026-01-04 12:00 · 2 days of log", or "no dated records".
std::string Span(const ComparedReport& c, Language lang);
// "0x80070005 0x80042306", or "-".
std::string JoinCodes(const std::set<std::string>& codes);
// The sentence that says what worse and better mean.
std::string ThresholdNote(double threshold, Language lang);
// Counts per change, in the order of the enum: "1 new · 2 worse ...".
std::string FindingCounts(const ReportDiff& d, Language lang);
std::string FailedFileCounts(const ReportDiff& d, Language lang);
std::string JobFailureCounts(const ReportDiff& d, Language lang);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_REPORT_DIFF_WRITERS_H_
