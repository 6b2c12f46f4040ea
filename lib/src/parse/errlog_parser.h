// ErrlogParser: MARS / DPM / MABS trace logs.
#ifndef LOGANALYZE_PARSE_ERRLOG_PARSER_H_
#define LOGANALYZE_PARSE_ERRLOG_PARSER_H_

#include <string>

#include "parse/errlog_head.h"
#include "parse/parser.h"
#include "parse/year_resolver.h"

namespace loganalyze::internal {

// A line whose head parses starts a record; any other line continues the previous record's
// message (joined by '\n'), or is unparsed when no record has started yet. Blank lines are
// structure. A record is delivered when the next one starts, or at Finish().
class ErrlogParser : public Parser {
 public:
  ErrlogParser(const ReadOptions& options, YearResolver years, InputStats* stats,
               RecordSink* sink);

  void OnLine(const Line& line) override;
  void Finish() override;
  int year_shift() const override { return years_.Shift(); }

 private:
  void Flush();

  const size_t max_message_bytes_;
  YearResolver years_;
  InputStats* stats_;
  RecordSink* sink_;

  bool pending_ = false;
  std::string text_;  // the first line of the pending record, then its continuations
  ErrlogHead head_;   // views into the line it was parsed from; rebased on text_ at Flush
  const char* head_base_ = nullptr;
  Record record_;
};

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_ERRLOG_PARSER_H_
