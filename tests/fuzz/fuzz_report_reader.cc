// The JSON report reader used by `merge`: any text is read or refused with a message. A
// report that is read renders in every format, the text and Markdown ones without control
// characters; rendered to JSON, it reads back, and reading and rendering again gives the
// same JSON (the reader and the writer agree).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/report.h"

namespace {

const loganalyze::KnowledgeBase& Kb() {
  static const loganalyze::KnowledgeBase* kb =
      new loganalyze::KnowledgeBase(*loganalyze::KnowledgeBase::Default());
  return *kb;
}

std::string Render(const loganalyze::Report& r, loganalyze::ReportFormat format) {
  loganalyze::RenderOptions o;
  o.tool_version = "fuzz";
  return loganalyze::RenderReport(r, Kb(), format, o);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json = loganalyze::fuzz::Bytes(data, size);
  const absl::StatusOr<loganalyze::Report> report = loganalyze::ParseJsonReport(json);
  if (!report.ok()) {
    FUZZ_CHECK(!report.status().message().empty());
    return 0;
  }
  for (loganalyze::ReportFormat f :
       {loganalyze::ReportFormat::kText, loganalyze::ReportFormat::kJsonl,
        loganalyze::ReportFormat::kMarkdown, loganalyze::ReportFormat::kHtml}) {
    const std::string out = Render(*report, f);
    // The reports read in terminals hold no control character but line ends, whatever
    // the strings of the report hold.
    if (f == loganalyze::ReportFormat::kText || f == loganalyze::ReportFormat::kMarkdown) {
      for (size_t i = 0; i < out.size(); ++i) {
        const auto b = static_cast<uint8_t>(out[i]);
        FUZZ_CHECK(b >= 0x20 || b == '\n');
        FUZZ_CHECK(b != 0x7F);
        FUZZ_CHECK(!(b == 0xC2 && i + 1 < out.size() && static_cast<uint8_t>(out[i + 1]) < 0xA0));
      }
    }
  }
  const std::string once = Render(*report, loganalyze::ReportFormat::kJson);
  const absl::StatusOr<loganalyze::Report> back = loganalyze::ParseJsonReport(once);
  if (!back.ok()) {
    std::fprintf(stderr, "rendered report does not read back: %s\n%s\n",
                 std::string(back.status().message()).c_str(), once.c_str());
  }
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(Render(*back, loganalyze::ReportFormat::kJson) == once);
  // Merging a report with nothing changes nothing.
  loganalyze::Report merged;
  merged.Merge(*back);
  FUZZ_CHECK(Render(merged, loganalyze::ReportFormat::kJson) == once);
  return 0;
}
