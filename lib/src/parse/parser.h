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

// Whether a message starts with what may be a job marker: the first byte of "Backup
// Progress:", "Task state change" or "Job ..."/"job ..." (JobTracker). Records below WARNING
// without one are read only for their time and task.
inline bool StartsWithJobMarker(std::string_view message) {
  if (message.empty()) return false;
  const char c = message[0];
  return c == 'B' || c == 'T' || c == 'J' || c == 'j';
}

// Whether an errlog record of `level` with `message` is read by the analysis only for its
// time and task: its level is below WARNING (and not kNone) and its message starts with no
// job marker.
inline bool IsQuiet(Level level, std::string_view message) {
  return level != Level::kNone && level < Level::kWarning && !StartsWithJobMarker(message);
}

// A record for which IsQuiet() holds, as the analysis reads it. Most records of a log are
// such; handing over these two fields instead of a Record saves building one and most of
// what a sink does with it.
struct QuietRecord {
  LogTime time;              // the year provisional, as in Record::time
  std::string_view task_id;  // valid during the call only
};

// Implemented, besides RecordSink, by the sinks that take quiet records this way (the
// analysis, and the pipeline's own sink in front of it). ReadLog finds it with dynamic_cast
// on the sink it is given; a caller's own RecordSink receives every record as a Record.
// A sink that takes quiet records gets the others through OnRecord, in the order of the
// input, and is asked Stopped() after each record of either kind.
class QuietRecordSink {
 public:
  // Whether quiet records may go to OnQuietRecord for this input. Asked once, before the
  // first record.
  virtual bool TakesQuietRecords() const = 0;
  virtual void OnQuietRecord(const QuietRecord& record) = 0;

 protected:
  ~QuietRecordSink() = default;
};

inline bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_PARSER_H_
