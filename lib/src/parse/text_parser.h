// TextParser: any other text log; every non-blank line is a record with no columns.
#ifndef LOGANALYZE_PARSE_TEXT_PARSER_H_
#define LOGANALYZE_PARSE_TEXT_PARSER_H_

#include "parse/parser.h"

namespace loganalyze::internal {

class TextParser : public Parser {
 public:
  TextParser(InputStats* stats, RecordSink* sink) : stats_(stats), sink_(sink) {}

  void OnLine(const Line& line) override {
    if (IsBlank(line.text)) {
      ++stats_->structure_lines;
      return;
    }
    ++stats_->records;
    Record r;
    r.format = Format::kText;
    r.line = line.number;
    r.offset = line.offset;
    r.truncated = line.truncated;
    r.message = line.text;
    sink_->OnRecord(r);
  }
  void Finish() override {}

 private:
  InputStats* stats_;
  RecordSink* sink_;
};

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_TEXT_PARSER_H_
