// Uses the installed library as a tool builder would: streams a two-line errlog from memory,
// then analyses it into a JSON report, and checks both. Linked against the static or the
// shared library, it shows that the public API is complete in either.
#include <cstdio>
#include <string>

#include "loganalyze/analyzer.h"
#include "loganalyze/reader.h"
#include "loganalyze/report.h"
#include "loganalyze/version.h"

namespace {
class Count : public loganalyze::RecordSink {
 public:
  void OnRecord(const loganalyze::Record& r) override {
    ++records;
    if (r.level == loganalyze::Level::kWarning) ++warnings;
  }
  int records = 0, warnings = 0;
};
}  // namespace

int main() {
  const std::string text =
      "0AB0\t0974\t01/04\t13:16:29.206\t18\tmtffile.cpp(1372)\t\t\tWARNING\tFailed: Hr: = "
      "[0x80070005]\r\n"
      "0AB0\t0974\t01/04\t13:16:30.000\t18\tbackupasync.cpp(1338)\t\t\tNORMAL\tBackup "
      "Progress: Succeeded\r\n";
  auto source = loganalyze::MemorySource(text);
  Count sink;
  loganalyze::InputInfo info;
  info.name = "CBEngineCurr.errlog";
  const loganalyze::InputSummary s = loganalyze::ReadLog(*source, info, {}, sink);
  const bool read_ok = s.status.ok() && s.format == loganalyze::Format::kErrlog &&
                       sink.records == 2 && sink.warnings == 1 && s.stats.Balanced();

  // The knowledge base may be a temporary: the analyzer keeps its own handle.
  auto analyzer = loganalyze::Analyzer::Create(*loganalyze::KnowledgeBase::Default(), {});
  bool report_ok = analyzer.ok();
  if (report_ok) {
    auto again = loganalyze::MemorySource(text);
    info.mtime = 1767484800;  // 2026-01-04
    const loganalyze::Report r = (*analyzer)->Analyze(*again, info, info.name, "");
    const auto kb = loganalyze::KnowledgeBase::Default();
    const std::string json =
        loganalyze::RenderReport(r, *kb, loganalyze::ReportFormat::kJson, {});
    report_ok = r.findings.size() == 1 && r.findings.begin()->second.count == 1 &&
                json.find("\"codes\":[\"0x80070005\"]") != std::string::npos &&
                loganalyze::Version() == LOGANALYZE_VERSION_STRING;
  }
  std::printf("consumer %s: %d records, %d warnings: %s\n",
              std::string(loganalyze::Version()).c_str(), sink.records, sink.warnings,
              read_ok && report_ok ? "ok" : "FAILED");
  return read_ok && report_ok ? 0 : 1;
}
