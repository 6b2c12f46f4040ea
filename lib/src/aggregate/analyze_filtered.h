// The analysis of one input with a say over which of its records count: the hook through
// which a bundle counts the records that copies of a log share only once.
#ifndef LOGANALYZE_AGGREGATE_ANALYZE_FILTERED_H_
#define LOGANALYZE_AGGREGATE_ANALYZE_FILTERED_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
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

class AggregatingSink;

// The records of one input, aggregated into the parts of a report: the sink that
// AnalyzeFiltered reads an input into, for callers that drive the reading themselves (one
// input read in ranges, each into an aggregator of its own).
class RecordAggregator {
 public:
  RecordAggregator(const Analyzer& analyzer, std::string_view path, std::string_view member,
                   std::string_view name, RecordFilter* filter);
  ~RecordAggregator();
  RecordAggregator(const RecordAggregator&) = delete;
  RecordAggregator& operator=(const RecordAggregator&) = delete;

  RecordSink& sink();
  // Moves the findings, jobs, templates and timeline into `report`, `years` added to every
  // provisional year (InputSummary::year_shift, plus a range's correction).
  void Finish(int years, Report* report);
  // The first error of matching, if any.
  const absl::Status& status() const;

 private:
  std::unique_ptr<AggregatingSink> sink_;
};

// The report of one input: its ReportInput from `summary` (and the records `filter`
// dropped), and what `finish` adds (RecordAggregator::Finish) unless it was skipped.
Report InputReport(const AnalyzeOptions& options, std::string_view path,
                   std::string_view member, const InputSummary& summary,
                   const RecordFilter* filter, const absl::Status& records_status,
                   absl::FunctionRef<void(Report*)> finish);

// Analyzer::Analyze with `filter` (may be null) consulted for every record. The dropped
// records are the input's stats.duplicate_records and ReportInput::duplicates. When
// `year_shift` is given, it receives InputSummary::year_shift.
Report AnalyzeFiltered(const Analyzer& analyzer, ByteSource& source, const InputInfo& info,
                       std::string_view path, std::string_view member, RecordFilter* filter,
                       int* year_shift = nullptr);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_AGGREGATE_ANALYZE_FILTERED_H_
