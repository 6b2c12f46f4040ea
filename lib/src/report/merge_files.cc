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

MergedReports MergeReportFiles(const std::vector<std::string>& files) {
  MergedReports out;
  // A file that is not merged is listed in the report as an input with its reason, as an
  // analysis lists an input it cannot read.
  auto not_merged = [&out](const std::string& file, absl::StatusCode code, std::string told,
                           std::string why) {
    out.notes.push_back({file, std::move(told), /*merged=*/false});
    out.report.Merge(Analyzer::Unreadable(file, "", absl::Status(code, "not merged: " + why)));
    out.complete = false;
  };
  for (const std::string& file : files) {
    absl::StatusOr<std::string> text = ReadAll(file);
    if (!text.ok()) {
      not_merged(file, text.status().code(), "cannot open", "cannot open this report");
      continue;
    }
    absl::StatusOr<Report> r = ParseJsonReport(*text);
    if (!r.ok()) {
      const std::string why(StatusMessage(r.status()));
      not_merged(file, r.status().code(), why, why);
      continue;
    }
    const MergeOnceResult once = MergeOnce(&out.report, *r, file);
    std::string shared;
    for (const std::string& key : once.shared) shared += (shared.empty() ? "" : ", ") + key;
    if (once.outcome == MergeOnceResult::Outcome::kAlreadyCounted) {
      out.notes.push_back(
          {file,
           fmt::format("every input it covers is in the merge already ({}); not counted again",
                       shared),
           /*merged=*/true});
    } else if (once.outcome == MergeOnceResult::Outcome::kOverlapping) {
      const std::string why = fmt::format(
          "it shares {} input(s) with the reports before it ({}) and covers others too, so the "
          "counts of the shared inputs cannot be told apart from the rest. Analyse the inputs "
          "together, or merge reports of separate inputs",
          once.shared.size(), shared);
      not_merged(file, absl::StatusCode::kFailedPrecondition, "not merged: " + why, why);
    }
  }
  return out;
}

}  // namespace loganalyze
