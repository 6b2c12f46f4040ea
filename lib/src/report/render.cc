// RenderReport: one entry point for every format.
#include "loganalyze/report.h"
#include "report/html_writer.h"
#include "report/writers.h"

namespace loganalyze {

std::string RenderReport(const Report& report, const KnowledgeBase& kb, ReportFormat format,
                         const RenderOptions& options) {
  switch (format) {
    case ReportFormat::kText:
      return internal::RenderText(report, kb, options);
    case ReportFormat::kJson:
      return internal::RenderJson(report, kb, options);
    case ReportFormat::kJsonl:
      return internal::RenderJsonl(report, kb, options);
    case ReportFormat::kMarkdown:
      return internal::RenderMarkdown(report, kb, options);
    case ReportFormat::kHtml:
      return internal::RenderHtml(report, kb, options);
  }
  return std::string();
}

}  // namespace loganalyze
