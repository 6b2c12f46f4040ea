// The analysis of one input with every record handed to it whole: the reference that the
// quiet-record path (parse/parser.h) is compared with.
#ifndef LOGANALYZE_TESTS_WHOLE_RECORDS_H_
#define LOGANALYZE_TESTS_WHOLE_RECORDS_H_

#include <string_view>

#include "aggregate/analyze_filtered.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/reader.h"
#include "loganalyze/report.h"

namespace loganalyze::testing {

// Hands every record on whole: a sink that does not take quiet records.
class PlainSink : public RecordSink {
 public:
  explicit PlainSink(RecordSink* inner) : inner_(inner) {}
  void OnRecord(const Record& r) override { inner_->OnRecord(r); }

 private:
  RecordSink* inner_;
};

// Analyzer::Analyze(source, info, path, ""), with the records reaching the analysis through
// a PlainSink.
inline Report AnalyzeWholeRecords(const Analyzer& analyzer, ByteSource& source,
                                  const InputInfo& info, std::string_view path) {
  internal::RecordAggregator aggregator(analyzer, path, "", info.name, nullptr);
  PlainSink plain(&aggregator.sink());
  const InputSummary summary = ReadLog(source, info, analyzer.options().read, plain);
  return internal::InputReport(analyzer.options(), path, "", summary, nullptr, aggregator.status(),
                               [&](Report* out) { aggregator.Finish(summary.year_shift, out); });
}

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_WHOLE_RECORDS_H_
