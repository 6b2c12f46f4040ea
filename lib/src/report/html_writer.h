// The HTML report: one self-contained page (no external assets, no network).
#ifndef LOGANALYZE_REPORT_HTML_WRITER_H_
#define LOGANALYZE_REPORT_HTML_WRITER_H_

#include <string>

#include "loganalyze/knowledge_base.h"
#include "loganalyze/report.h"

namespace loganalyze::internal {

// Renders the whole report as one HTML document: the timeline as an inline SVG chart,
// findings and jobs in collapsible sections, both languages in the page with a selector
// (`options.language` is the one shown first).
std::string RenderHtml(const Report& report, const KnowledgeBase& kb,
                       const RenderOptions& options);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_REPORT_HTML_WRITER_H_
