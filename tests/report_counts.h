// Everything a report counts, as one comparable text: the tests that show a number is the same
// whatever the copies, threads or archive around the logs compare these.
#ifndef LOGANALYZE_TESTS_REPORT_COUNTS_H_
#define LOGANALYZE_TESTS_REPORT_COUNTS_H_

#include <string>

#include "loganalyze/report.h"

namespace loganalyze::testing {

// Findings (count, first and last seen), jobs (records, outcome, failed phase), the hourly
// timeline, the failed-files total and the unknown errors.
inline std::string ReportCounts(const Report& r) {
  std::string out;
  for (const auto& [id, f] : r.findings) {
    out += id + " x" + std::to_string(f.count) + " " + f.first_seen.ToString() + ".." +
           f.last_seen.ToString() + "\n";
  }
  for (const auto& [id, j] : r.jobs) {
    out += "job " + id + " records " + std::to_string(j.records) + " " +
           std::string(j.Outcome()) + " " + j.FailedPhase() + "\n";
  }
  for (const auto& [hour, c] : r.timeline) {
    out += hour + " " + std::to_string(c.errors) + "/" + std::to_string(c.warnings) + "\n";
  }
  out += "failed files " + std::to_string(r.failed_files.total) + "\n";
  for (const auto& [text, u] : r.unknown) out += "unknown x" + std::to_string(u.count) + "\n";
  return out;
}

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_REPORT_COUNTS_H_
