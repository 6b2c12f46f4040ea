#include "compare/compared_report.h"

#include <chrono>

namespace loganalyze::internal {
namespace {

std::chrono::sys_days DayOf(LogTime t) {
  return std::chrono::sys_days(std::chrono::year_month_day(
      std::chrono::year(t.year()), std::chrono::month(static_cast<unsigned>(t.month())),
      std::chrono::day(static_cast<unsigned>(t.day()))));
}

}  // namespace

ComparedReport DescribeReport(const Report& report, std::string_view name) {
  ComparedReport c;
  c.name = std::string(name);
  c.inputs = report.inputs.size();
  for (const ReportInput& in : report.inputs) {
    if (!in.skipped.empty() || !in.format) continue;
    ++c.analysed;
    if (*in.format == Format::kFailedFiles) c.has_failed_file_lists = true;
    if (in.first_time.is_set() && (!c.first_time.is_set() || in.first_time < c.first_time)) {
      c.first_time = in.first_time;
    }
    if (in.last_time.is_set() && in.last_time > c.last_time) c.last_time = in.last_time;
  }
  // Calendar days rather than hours between the first and last record: a bundle of one
  // busy afternoon is one day of log, not a tenth of one, and rates stay comparable with
  // the per-day timeline.
  if (c.first_time.is_set() && c.last_time.is_set()) {
    c.days = (DayOf(c.last_time) - DayOf(c.first_time)).count() + 1;
  }
  c.errors = report.errors;
  return c;
}

std::optional<double> RatePerDay(uint64_t count, std::optional<int64_t> days) {
  if (!days || *days <= 0) return std::nullopt;
  return static_cast<double>(count) / static_cast<double>(*days);
}

}  // namespace loganalyze::internal
