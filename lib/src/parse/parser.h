// The parser stage: decoded lines in, records out.
#ifndef LOGANALYZE_PARSE_PARSER_H_
#define LOGANALYZE_PARSE_PARSER_H_

#include <cstdint>
#include <string_view>

#include "loganalyze/reader.h"
#include "loganalyze/record.h"
#include "parse/year_resolver.h"

namespace loganalyze::internal {

// One decoded line. `text` is valid UTF-8, valid only during the call that receives it.
struct Line {
  std::string_view text;
  uint64_t number = 0;
  uint64_t offset = 0;
  bool truncated = false;
  // `text` points into the current chunk and stays valid until OnChunkEnd() (otherwise it
  // is valid during the call only, e.g. a transcoded line in the decoder's buffer).
  bool stable = false;
  // Not stable, but `text` stays valid until the OnLine() call of the next line returns (a
  // transcoded line: see Decoder::Decode).
  bool survives_next = false;
};

// Receives every line of one input in order and emits records to a sink. Each line is
// counted exactly once in `stats` as a record, continuation, structure or unparsed line.
class Parser {
 public:
  virtual ~Parser() = default;
  virtual void OnLine(const Line& line) = 0;
  // Flushes a pending record. Called once, after the last line.
  virtual void Finish() = 0;
  // The chunk that stable lines point into is about to be reused.
  virtual void OnChunkEnd() {}
  // The years given to the records' dates (errlog parsers only): its Shift() is the
  // correction to add to the provisional year of every delivered record.
  virtual const YearResolver* years() const { return nullptr; }
  // The lines rejected for a date that no year has (errlog parsers only).
  virtual const ImpossibleDateLines* impossible_date_lines() const { return nullptr; }
  // How a pasted errlog excerpt was laid out (PastedErrlogParser only).
  virtual PastedLayout pasted_layout() const { return {}; }
};

inline bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_PARSER_H_
