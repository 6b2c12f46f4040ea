// LoadReportOrBundle: a JSON report of an earlier run, or a bundle analysed now.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "loganalyze/diff.h"
#include "loganalyze/status_text.h"

namespace loganalyze {
namespace {

// Whether the file at `path` starts as a JSON report does: '{' after a UTF-8 BOM and blanks.
// (Logs start with a BOM of UTF-16, a digit or a letter; archives with their magic bytes.)
bool LooksLikeJsonReport(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  char head[64];
  in.read(head, sizeof head);
  std::string_view s(head, static_cast<size_t>(in.gcount()));
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  const size_t start = s.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && s[start] == '{';
}

}  // namespace

absl::StatusOr<Report> LoadReportOrBundle(const Analyzer& analyzer, const std::string& path,
                                          const BundleOptions& options) {
  if (!LooksLikeJsonReport(path)) return AnalyzeBundle(analyzer, {path}, options);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return absl::NotFoundError(fmt::format("{}: cannot read this report", path));
  }
  std::string_view json = text.view();
  if (json.starts_with("\xEF\xBB\xBF")) json.remove_prefix(3);  // an editor's UTF-8 BOM
  absl::StatusOr<Report> report = ParseJsonReport(json);
  if (!report.ok()) {
    return absl::InvalidArgumentError(
        fmt::format("{}: not a loganalyze JSON report: {}", path, StatusMessage(report.status())));
  }
  return report;
}

}  // namespace loganalyze
