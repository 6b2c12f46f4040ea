// FindRecurring: the findings that several reports of one server share.
#include <algorithm>
#include <map>
#include <tuple>

#include "absl/status/status.h"
#include "compare/compared_report.h"
#include "fmt/format.h"
#include "loganalyze/diff.h"

namespace loganalyze {

absl::StatusOr<RecurringFindings> FindRecurring(const std::vector<Report>& reports,
                                                const std::vector<std::string>& names,
                                                const RecurringOptions& options) {
  if (reports.empty()) return absl::InvalidArgumentError("no reports to compare");
  if (names.size() != reports.size()) {
    return absl::InvalidArgumentError(
        fmt::format("{} reports but {} names", reports.size(), names.size()));
  }
  if (options.min_present == 0 || options.min_present > reports.size()) {
    return absl::InvalidArgumentError(
        fmt::format("the minimum number of reports a finding is in must be between 1 and {} "
                    "(the number of reports), not {}",
                    reports.size(), options.min_present));
  }
  RecurringFindings out;
  out.min_present = options.min_present;
  std::map<std::string, RecurringFinding> by_id;
  for (size_t i = 0; i < reports.size(); ++i) {
    out.reports.push_back(internal::DescribeReport(reports[i], names[i]));
    for (const auto& [id, f] : reports[i].findings) {
      RecurringFinding& r = by_id[id];
      if (r.counts.empty()) {
        r.id = id;
        r.counts.assign(reports.size(), 0);
        r.first_report = i;
        r.first_seen = f.first_seen;
      }
      r.severity = f.severity;
      r.codes.insert(f.codes.begin(), f.codes.end());
      r.counts[i] = f.count;
      ++r.present;
      r.in_latest = i + 1 == reports.size();
    }
  }
  for (auto& [id, r] : by_id) {
    if (r.present >= options.min_present) out.findings.push_back(std::move(r));
  }
  std::sort(out.findings.begin(), out.findings.end(),
            [](const RecurringFinding& a, const RecurringFinding& b) {
              return std::make_tuple(b.present, a.first_report, b.severity,
                                     std::string_view(a.id)) <
                     std::make_tuple(a.present, b.first_report, a.severity, std::string_view(b.id));
            });
  return out;
}

}  // namespace loganalyze
