// Reads a two-line errlog from memory through the installed library and checks the result.
#include <cstdio>
#include <string>

#include "loganalyze/reader.h"

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
  const bool ok = s.status.ok() && s.format == loganalyze::Format::kErrlog && sink.records == 2 &&
                  sink.warnings == 1 && s.stats.Balanced();
  std::printf("consumer: %d records, %d warnings: %s\n", sink.records, sink.warnings,
              ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
