// Errlog lines as people paste them (log-formats.md, sections 3.1 and 8): excerpts copied
// out of Notepad++ "Find All" and out of findstr, copies whose whitespace was collapsed to
// single spaces (so that empty columns vanished), several such records run together on one
// line, and dates and times re-rendered by Excel. Only an input found to be pasted is read
// this way (PastedErrlogParser); a log as the products write it never comes here.
#ifndef LOGANALYZE_PARSE_PASTED_LINE_H_
#define LOGANALYZE_PARSE_PASTED_LINE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "parse/errlog_head.h"

namespace loganalyze::internal {

// The tool whose output put a prefix before a line's record text.
enum class PasteTool : uint8_t {
  kNone,
  kNotepadFindAll,  // "\tLine 28: " (the tab may be spaces, or gone)
  kFindstr,         // "CBEngineCurr.errlog:", with /N "CBEngineCurr.errlog:123:", or "123:"
                    // (/N over a single file)
};

struct PastedPrefix {
  PasteTool tool = PasteTool::kNone;
  size_t length = 0;         // where the record text starts in the line
  std::string_view file;     // findstr: the file name as written before the colon
  uint64_t line_number = 0;  // the line in the original file, when the tool gave it; else 0
};

// The prefix of `line`, or {kNone, 0} when it has none. A findstr file name is text without a
// tab that ends in an extension (".errlog", ".Crash", ".txt", ...) before the first colon that
// follows one, so that "C:\Temp\x.errlog:" is a name and "C:" alone is not. Only the text
// after the prefix says whether the line holds a record: see ParsePastedText.
PastedPrefix ParsePastedPrefix(std::string_view line);

// Whether `line` is a heading of Notepad++ "Find All" output, which is structure, not data:
//   Search "Failed" (12 hits in 1 file of 1 searched)
//     C:\Program Files\...\Temp\CBEngineCurr.errlog (12 hits)
bool IsNotepadFindAllHeading(std::string_view line);

// One record found in the text of a pasted line.
struct PastedRecord {
  ErrlogHead head;           // views into the text; message_pos is where `message` starts
  std::string_view message;  // up to the next record on the line, trailing blanks trimmed
  bool collapsed = false;    // its columns were separated by spaces, not by tabs
  bool excel_time = false;   // its date or time was re-rendered by Excel ("9-May 4:00:45 PM")
};

enum class PastedText : uint8_t {
  kRecords,         // one or more records
  kImpossibleDate,  // a record head but for a date that no year has (04/31, 31-Apr, 13/01)
  kOther,           // no record head: a continuation line, a heading, any other text
};

// Parses the record text of a line (the line after its prefix, if any). Decoration before the
// record is skipped: blanks and up to 16 bytes of `.`, `"`, `'`, `>`, `*`, `#`, `-`, backquote,
// "…" and "•" (the "... " and "> " of pasted copies). Then either a head in the written layout
// (tab-separated, see ParseErrlogHead) gives one record, or a head whose columns are separated
// by any run of spaces and tabs, each column classified by its shape:
//   [PID [TID]] {MM/DD | D-Mon} {HH:MM:SS.mmm | H:MM:SS[.mmm] [AM|PM]} [NN] name.ext(line)
//   {[pointer] | GUID}* [LEVEL] message
// gives one record, and every further head of that shape inside its message splits off
// another record (several collapsed records on one line), if its PID and TID (when present)
// are 4 to 8 upper-case hex digits and it has a level word. Without a level word, the message
// starts at the first column that is not a pointer or a GUID. `records` is cleared and, for
// kRecords, filled in order. Times are validated as in ParseErrlogHead.
PastedText ParsePastedText(std::string_view text, std::vector<PastedRecord>* records);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_PASTED_LINE_H_
