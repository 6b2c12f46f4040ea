// The report formats (render.cc dispatches to them).
#ifndef LOGANALYZE_REPORT_WRITERS_H_
#define LOGANALYZE_REPORT_WRITERS_H_

#include <string>
#include <string_view>

#include "loganalyze/knowledge_base.h"
#include "loganalyze/report.h"

namespace loganalyze::internal {

std::string RenderJson(const Report& report, const KnowledgeBase& kb, const RenderOptions& o);
std::string RenderJsonl(const Report& report, const KnowledgeBase& kb, const RenderOptions& o);
std::string RenderText(const Report& report, const KnowledgeBase& kb, const RenderOptions& o);
// Escapes the characters that would break a Markdown table cell or start Markdown syntax;
// line ends become spaces, other control characters are escaped.
std::string MarkdownCell(std::string_view s);
std::string RenderMarkdown(const Report& report, const KnowledgeBase& kb,
                           const RenderOptions& o);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_REPORT_WRITERS_H_
