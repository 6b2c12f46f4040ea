// The vocabulary of the streaming core: what an input is decoded as, the records it yields,
// and the accounting that says where every byte and line of it went.
//
// Thread safety: these are plain values; the functions here may run on any thread.
#ifndef LOGANALYZE_RECORD_H_
#define LOGANALYZE_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "loganalyze/export.h"

namespace loganalyze {

// The text encoding an input was decoded from. Names are the report's fixed vocabulary.
enum class Encoding : uint8_t { kUtf8, kUtf16Le, kUtf16Be, kWindows1252 };
// "utf-8", "utf-16le", "utf-16be", "windows-1252"
LOGANALYZE_API std::string_view EncodingName(Encoding e);

// The layout an input was parsed as.
enum class Format : uint8_t {
  kErrlog,       // MARS / DPM / MABS trace log (*.errlog, *.Crash copies)
  kFailedFiles,  // MARS LastBackupFailedFiles*.txt
  kText,         // anything else: one record per line
};
LOGANALYZE_API std::string_view FormatName(Format f);  // "errlog", "failed-files", "text"

// How an errlog excerpt pasted out of another tool was laid out (README, "Pasted excerpts").
// Several can hold at once; none does for a log read as the products write it.
struct LOGANALYZE_API PastedLayout {
  bool notepad_find_all = false;  // Notepad++ "Find All": "Line 28: " before each record
  bool findstr = false;           // findstr: "file.errlog:" (with /N "file.errlog:123:")
  bool collapsed = false;         // whitespace collapsed to spaces: empty columns gone
  bool several_per_line = false;  // collapsed records run together on one line
  bool excel_times = false;       // dates and times as Excel renders them: "9-May 4:00:45 PM"

  bool any() const {
    return notepad_find_all || findstr || collapsed || several_per_line || excel_times;
  }
  // In English, for logs and tests: "Notepad++ Find All excerpt, whitespace collapsed"; ""
  // when none holds. Reports in other languages name the fields themselves.
  std::string Describe() const;
  bool operator==(const PastedLayout&) const = default;
};

// The level word of an errlog record, found by its word, not its column.
enum class Level : uint8_t {
  kNone,  // no level (plain text, failed-files items) or an unrecognised word
  kVerbose,
  kInfo,  // NORMAL, INFO
  kActivity,
  kPerf,
  kWarning,
  kError,
  kFatal,
  kCritical,
};
// the word as logged: "NORMAL", "WARNING", ...; "" for kNone
LOGANALYZE_API std::string_view LevelName(Level l);

// A civil date and time as logged (the errlog clock is UTC), packed so that comparisons and
// year shifts are integer operations. An unset time is 0 and compares before every set time.
class LOGANALYZE_API LogTime {
 public:
  constexpr LogTime() = default;
  static LogTime FromCivil(int year, int month, int day, int hour, int minute, int second,
                           int millisecond);
  static constexpr LogTime FromPacked(int64_t packed) { return LogTime(packed); }
  // `millis` is the time of day in milliseconds (0 .. 86'399'999).
  static constexpr LogTime FromDayMillis(int year, int month, int day, int millis) {
    return LogTime((static_cast<int64_t>(year) << kYearShift) |
                   (static_cast<int64_t>(month) << kMonthShift) |
                   (static_cast<int64_t>(day) << kDayShift) | millis);
  }

  bool is_set() const { return packed_ != 0; }
  int year() const { return static_cast<int>(packed_ >> kYearShift); }
  int month() const { return static_cast<int>((packed_ >> kMonthShift) & 0xF); }
  int day() const { return static_cast<int>((packed_ >> kDayShift) & 0x1F); }
  int millis_of_day() const { return static_cast<int>(packed_ & kMillisMask); }
  int64_t packed() const { return packed_; }

  // The same wall-clock time `years` later (negative: earlier). 02/29 is kept as is.
  LogTime AddYears(int years) const {
    return is_set() ? LogTime(packed_ + (static_cast<int64_t>(years) << kYearShift)) : *this;
  }

  // "YYYY-MM-DDTHH:MM:SS.mmm", or "" when unset.
  std::string ToString() const;

  // A bound of a time window as people write it (--since, --until): YYYY-MM-DD, then
  // optionally T or a space and HH:MM[:SS]. A day alone is its first moment, or with
  // `end_of_day` its last (23:59:59.999); a time without seconds, with `end_of_day`, ends at
  // HH:MM:00.999. Returns nullopt, with `*error` saying
  // what is wrong, for text of another shape and for a day or time that does not exist
  // (2026-02-30, 2026-13-01, 24:00). The message reads after the name of the option:
  // "--since " + *error.
  static std::optional<LogTime> ParseBound(std::string_view text, bool end_of_day,
                                           std::string* error);

  friend constexpr bool operator==(LogTime a, LogTime b) { return a.packed_ == b.packed_; }
  friend constexpr auto operator<=>(LogTime a, LogTime b) { return a.packed_ <=> b.packed_; }

 private:
  static constexpr int kYearShift = 36;
  static constexpr int kMonthShift = 32;
  static constexpr int kDayShift = 27;
  static constexpr int64_t kMillisMask = (int64_t{1} << kDayShift) - 1;
  constexpr explicit LogTime(int64_t packed) : packed_(packed) {}
  int64_t packed_ = 0;
};

// One record of an input. Every string_view points into the reader's buffers and is valid only
// during the RecordSink::OnRecord call that receives it: copy what you keep.
struct LOGANALYZE_API Record {
  uint64_t line = 0;        // 1-based line number of the record's first line
  uint64_t offset = 0;      // byte offset of that line in the original (undecoded) input
  uint32_t line_count = 1;  // the first line plus its continuation lines
  bool truncated = false;   // a line was cut at the line limit, or the message at its limit
  Format format = Format::kText;
  Level level = Level::kNone;
  LogTime time;  // unset for plain text; provisional year until the input ends (see reader.h)

  // Errlog columns; empty when the line does not carry them.
  std::string_view pid, tid, module, source, object, task_id;
  // The message: for errlog records the text after the level word, with continuation lines
  // joined by '\n'; for failed-files items the whole item line; for text, the line.
  std::string_view message;
  // Failed-files items: the path and the error code as the line writes it (may be empty).
  std::string_view path, code;
};

// Where every byte and line of one input went. Invariants, asserted by the tests:
//   lines + joined_records == records + continuation_lines + structure_lines + unparsed_lines
//   bytes == bom_bytes + line_bytes
// (joined_records is 0 except in pasted excerpts that run several records into one line.)
struct LOGANALYZE_API InputStats {
  uint64_t bytes = 0;               // bytes read from the source
  uint64_t bom_bytes = 0;           // byte-order mark, if any
  uint64_t line_bytes = 0;          // bytes of all lines, terminators and cut tails included
  uint64_t lines = 0;               // lines, the last one counted even without a newline
  uint64_t records = 0;             // records: lines that start one, plus joined_records
  uint64_t joined_records = 0;      // records that start on the line of the record before
  uint64_t continuation_lines = 0;  // lines appended to the previous record's message
  uint64_t structure_lines = 0;     // blank lines and known headers / trailers
  uint64_t unparsed_lines = 0;      // lines that fit no record (e.g. before the first record)
  uint64_t truncated_lines = 0;     // lines cut at the line limit
  uint64_t replaced_sequences = 0;  // invalid or truncated sequences decoded as U+FFFD
  // Of the records: those already counted from an earlier input (a .Crash copy of a log,
  // overlapping rotated files, the same file twice), which the analysis does not count again.
  uint64_t duplicate_records = 0;
  // Of the records: those whose date exists in no year they can be placed in (02/29 of a
  // common year): counted, but without a date.
  uint64_t undated_records = 0;

  void Add(const InputStats& o);
  bool Balanced() const {
    return lines + joined_records ==
               records + continuation_lines + structure_lines + unparsed_lines &&
           bytes == bom_bytes + line_bytes;
  }
};

}  // namespace loganalyze

#endif  // LOGANALYZE_RECORD_H_
