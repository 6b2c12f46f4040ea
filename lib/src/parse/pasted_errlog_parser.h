// PastedErrlogParser: errlog excerpts as people paste them (see pasted_line.h).
#ifndef LOGANALYZE_PARSE_PASTED_ERRLOG_PARSER_H_
#define LOGANALYZE_PARSE_PASTED_ERRLOG_PARSER_H_

#include <string>
#include <vector>

#include "parse/parser.h"
#include "parse/pasted_line.h"
#include "parse/year_resolver.h"

namespace loganalyze::internal {

// Chosen per input, instead of ErrlogParser, when the first lines of an errlog are pasted
// shapes; the written layout stays ErrlogParser's alone, and its fast path is not touched.
//
// Each line, whole or after a Notepad++ or findstr prefix, is read with ParsePastedText:
// - its records (one or several) are delivered with time, level, columns and message; all
//   but the first of a line count as InputStats::joined_records;
// - a record head with a date that no year has is unparsed and listed, as in ErrlogParser;
// - blank lines and Notepad++ "Find All" headings are structure;
// - any other line continues the pending record if that record had no prefix (as in an
//   errlog), or if the line came next to it in the original file: from the same tool and
//   file, and, where the tool numbers lines, with the next number (Notepad++ "Line 29:" after
//   "Line 28:"). Otherwise it is unparsed. A heading or an unparsed line ends the pending
//   record.
// Not copyable. The pending record is kept in copies, so lines need not be stable.
class PastedErrlogParser : public Parser {
 public:
  PastedErrlogParser(const ReadOptions& options, YearResolver years, InputStats* stats,
                     RecordSink* sink);
  PastedErrlogParser(const PastedErrlogParser&) = delete;
  PastedErrlogParser& operator=(const PastedErrlogParser&) = delete;

  void OnLine(const Line& line) override;
  void Finish() override { Flush(); }
  const YearResolver* years() const override { return &years_; }
  const ImpossibleDateLines* impossible_date_lines() const override {
    return &impossible_date_lines_;
  }
  PastedLayout pasted_layout() const override { return layout_; }

 private:
  // Fills `out` from `r`, found in `line`; its views point where r's do.
  void Fill(const PastedRecord& r, const Line& line, Record* out);
  void StartRecords(const Line& line, const PastedPrefix& prefix);
  bool Continues(const PastedPrefix& prefix) const;
  void Continue(const Line& line, std::string_view text);
  void Flush();

  const size_t max_message_bytes_;
  YearResolver years_;
  InputStats* stats_;
  RecordSink* sink_;
  PastedLayout layout_;
  ImpossibleDateLines impossible_date_lines_;
  std::vector<PastedRecord> records_;  // the records of the current line (reused)

  // The pending record: the last one of its line. Its views point into first_line_; its
  // continuation lines wait in continuations_, each after a '\n'.
  bool pending_ = false;
  Record record_;
  std::string first_line_;
  std::string continuations_;
  std::string message_;  // the message with its continuations, when there are any
  // Where the pending record's last line came from, to tell a continuation.
  PasteTool tool_ = PasteTool::kNone;
  std::string file_;
  uint64_t original_line_ = 0;
};

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_PASTED_ERRLOG_PARSER_H_
