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
// structure. A line that would be a head but for a date that no year has (04/31) is unparsed
// wherever it is, and listed; so are the lines that continue it. A record is delivered when
// the next one starts, or at Finish().
class ErrlogParser : public Parser {
 public:
  // With `quiet` (the same sink as `sink`, which takes quiet records), the records that
  // qualify go to it as QuietRecords; all others, and all records without it, as Records.
  ErrlogParser(const ReadOptions& options, YearResolver years, InputStats* stats, RecordSink* sink,
               QuietRecordSink* quiet = nullptr);
  ErrlogParser(const ErrlogParser&) = delete;
  ErrlogParser& operator=(const ErrlogParser&) = delete;

  void OnLine(const Line& line) override;
  void Finish() override;
  void OnChunkEnd() override { Pin(); }
  const YearResolver* years() const override { return &years_; }
  const ImpossibleDateLines* impossible_date_lines() const override {
    return &impossible_date_lines_;
  }

 private:
  void Flush();
  // Copies the pending record's first line out of the chunk, into text_.
  void Pin();

  const size_t max_message_bytes_;
  YearResolver years_;
  InputStats* stats_;
  RecordSink* sink_;
  QuietRecordSink* quiet_;

  // The pending record's first line: a view into the chunk while possible (no copy for the
  // common record without continuations), else copied into text_ with its continuations.
  bool pending_ = false;
  std::string_view line_;
  bool in_text_ = false;
  // line_ is gone once the line after it has been seen (Line::survives_next): it is copied
  // then if the record is still pending.
  bool expires_ = false;
  std::string text_;
  // The pending record's head (views into the line as first seen; rebased at Flush) and
  // the one the next line is parsed into; they trade places when a new record starts, so
  // that no head is copied.
  ErrlogHead heads_[2];
  ErrlogHead* head_ = &heads_[0];
  ErrlogHead* next_head_ = &heads_[1];
  const char* head_base_ = nullptr;
  Record record_;  // path and code stay empty; the rest is set for each record
  ImpossibleDateLines impossible_date_lines_;
};

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_ERRLOG_PARSER_H_
