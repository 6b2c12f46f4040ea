// The column head of an errlog line: the part before the message.
#ifndef LOGANALYZE_PARSE_ERRLOG_HEAD_H_
#define LOGANALYZE_PARSE_ERRLOG_HEAD_H_

#include <cstddef>
#include <string_view>

#include "loganalyze/record.h"
#include "parse/errlog_fields.h"

namespace loganalyze::internal {

// Views into the parsed line.
struct ErrlogHead {
  std::string_view pid, tid, module, source, object, task_id;
  int month = 0, day = 0, millis_of_day = 0;
  Level level = Level::kNone;
  size_t message_pos = 0;  // where the message starts in the line (== size when none)

  bool operator==(const ErrlogHead&) const = default;
};

// Fields after the source column that may precede the level word: object pointer, task
// GUID, empty and unknown columns. More than this and the line is not a record head.
inline constexpr int kMaxFieldsBeforeLevel = 6;

// A field between the source and the level word: empty, or the first object pointer, or the
// first GUID, filed into `head`. Returns false for any other (unknown) column.
inline bool FileKnownField(std::string_view field, ErrlogHead* head) {
  if (field.empty()) return true;
  if (head->object.empty() && IsObjectPointer(field)) {
    head->object = field;
    return true;
  }
  if (head->task_id.empty() && IsGuid(field)) {
    head->task_id = field;
    return true;
  }
  return false;
}

// Parses `line` as the start of an errlog record:
//   [PID \t TID \t] MM/DD \t HH:MM:SS.mmm \t [NN \t] source(line) \t {[obj] | GUID | ""} \t
//   LEVEL \t message
// where MM/DD is a date that exists in some year (see DateExists).
// The level is found by its word among the fields after the source, not by its position;
// the fields before it are classified by shape. Returns false if the line does not start a
// record (a continuation line, a header, another format).
// Lines in the common layout (PID, TID, date, time, module, source, object, GUID, level) take
// a fast path; any other line goes to ParseErrlogHeadGeneral, which defines the result.
bool ParseErrlogHead(std::string_view line, ErrlogHead* head);

// The general parser alone, for the tests and fuzz target that compare it with the fast path.
bool ParseErrlogHeadGeneral(std::string_view line, ErrlogHead* head);

// Whether `line` would start a record but for its date, which no year has (04/31, 02/30,
// 13/01, 00/10): a line that is neither a record nor a continuation. Times are validated as
// for a record. Slower than ParseErrlogHead; meant for lines that it rejected.
bool ErrlogHeadHasImpossibleDate(std::string_view line);

// Maps a level word (NORMAL, WARNING, ERROR, FATAL, CRITICAL, INFO, ACTIVITY, PERF, VERBOSE)
// to its Level, or kNone.
Level LevelFromWord(std::string_view word);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_ERRLOG_HEAD_H_
