// What one report of a comparison covers (its time span, inputs, problems): shared by
// DiffReports and FindRecurring.
#ifndef LOGANALYZE_COMPARE_COMPARED_REPORT_H_
#define LOGANALYZE_COMPARE_COMPARED_REPORT_H_

#include <optional>
#include <string_view>

#include "loganalyze/diff.h"

namespace loganalyze::internal {

ComparedReport DescribeReport(const Report& report, std::string_view name);

// `count` per day of log, or unset when `days` is.
std::optional<double> RatePerDay(uint64_t count, std::optional<int64_t> days);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_COMPARE_COMPARED_REPORT_H_
