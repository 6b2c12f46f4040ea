// The analysis of one input with a say over which of its records count: the hook through
// which a bundle counts the records that copies of a log share only once.
#ifndef LOGANALYZE_AGGREGATE_ANALYZE_FILTERED_H_
#define LOGANALYZE_AGGREGATE_ANALYZE_FILTERED_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "loganalyze/analyzer.h"

namespace loganalyze::internal {

class RecordFilter {
 public:
  virtual ~RecordFilter() = default;
  // Called for every record of the input, in order, before it is counted: true when it was
  // counted from another input already, and must not be counted again.
  virtual bool Drop(const Record& record) = 0;
  // The records dropped so far, by the InputKey() of the input they were counted in.
  virtual const std::map<std::string, uint64_t>& dropped() const = 0;
};

// Analyzer::Analyze with `filter` (may be null) consulted for every record. The dropped
// records are the input's stats.duplicate_records and ReportInput::duplicates. When
// `year_shift` is given, it receives InputSummary::year_shift.
Report AnalyzeFiltered(const Analyzer& analyzer, ByteSource& source, const InputInfo& info,
                       std::string_view path, std::string_view member, RecordFilter* filter,
                       int* year_shift = nullptr);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_AGGREGATE_ANALYZE_FILTERED_H_
