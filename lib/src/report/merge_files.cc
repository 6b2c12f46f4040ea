// MergeReportFiles: `loganalyze merge` as a library call.
#include <memory>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/reader.h"
#include "loganalyze/report.h"
#include "loganalyze/status_text.h"

namespace loganalyze {
namespace {

// The whole text of a report file, or standard input for "-".
absl::StatusOr<std::string> ReadAll(const std::string& file) {
  absl::StatusOr<std::unique_ptr<ByteSource>> source =
      file == "-" ? absl::StatusOr<std::unique_ptr<ByteSource>>(OpenStdin()) : OpenFile(file);
  if (!source.ok()) return source.status();
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    absl::StatusOr<size_t> n = (*source)->Read(buffer, sizeof buffer);
    if (!n.ok()) return n.status();
    if (*n == 0) return text;
    text.append(buffer, *n);
  }
}

}  // namespace

MergedReports MergeReportFiles(const std::vector<std::string>& files,
                               const ReportLimits* limits) {
  MergedReports out;
  for (const std::string& file : files) {
    absl::StatusOr<std::string> text = ReadAll(file);
    if (!text.ok()) {
      // Listed in the report as an input it could not read, as an analysis does.
      out.notes.push_back({file, "cannot open", /*merged=*/false});
      const Report unreadable = Analyzer::Unreadable(
          file, "", absl::Status(text.status().code(), "not merged: cannot open this report"));
      limits != nullptr ? out.report.Merge(unreadable, *limits) : out.report.Merge(unreadable);
      out.complete = false;
      continue;
    }
    const MergeJsonResult r = MergeJsonReport(&out.report, *text, file, limits);
    if (r.failed) {
      out.notes.push_back({file, r.message, /*merged=*/false});
      out.complete = false;
    } else if (!r.message.empty()) {
      out.notes.push_back(
          {file,
           fmt::format("every input it covers is in the merge already ({}); not counted again",
                       r.message),
           /*merged=*/true});
    }
  }
  return out;
}

}  // namespace loganalyze
