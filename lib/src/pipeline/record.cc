// Names and small value types of the public vocabulary (loganalyze/record.h).
#include "loganalyze/record.h"

#include "fmt/format.h"

namespace loganalyze {

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kUtf16Le:
      return "utf-16le";
    case Encoding::kUtf16Be:
      return "utf-16be";
    case Encoding::kWindows1252:
      return "windows-1252";
  }
  return "utf-8";
}

std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kErrlog:
      return "errlog";
    case Format::kFailedFiles:
      return "failed-files";
    case Format::kText:
      return "text";
  }
  return "text";
}

std::string PastedLayout::Describe() const {
  std::string out;
  auto add = [&out](bool holds, std::string_view name) {
    if (!holds) return;
    if (!out.empty()) out += ", ";
    out += name;
  };
  add(notepad_find_all, "Notepad++ Find All excerpt");
  add(findstr, "findstr output");
  add(collapsed, "whitespace collapsed");
  add(several_per_line, "several records per line");
  add(excel_times, "times rendered by Excel");
  return out;
}

std::string_view LevelName(Level l) {
  switch (l) {
    case Level::kNone:
      return "";
    case Level::kVerbose:
      return "VERBOSE";
    case Level::kInfo:
      return "NORMAL";
    case Level::kActivity:
      return "ACTIVITY";
    case Level::kPerf:
      return "PERF";
    case Level::kWarning:
      return "WARNING";
    case Level::kError:
      return "ERROR";
    case Level::kFatal:
      return "FATAL";
    case Level::kCritical:
      return "CRITICAL";
  }
  return "";
}

LogTime LogTime::FromCivil(int year, int month, int day, int hour, int minute, int second,
                           int millisecond) {
  const int64_t ms = ((static_cast<int64_t>(hour) * 60 + minute) * 60 + second) * 1000 +
                     millisecond;
  return LogTime((static_cast<int64_t>(year) << kYearShift) |
                 (static_cast<int64_t>(month) << kMonthShift) |
                 (static_cast<int64_t>(day) << kDayShift) | ms);
}

std::string LogTime::ToString() const {
  if (!is_set()) return std::string();
  const int ms = millis_of_day();
  constexpr int kDayMillis = 86'400'000;
  if (ms >= kDayMillis) {
    // A leap second, 23:59:60.mmm (errlog heads and reports accept second 60): written as
    // logged, not as "24:00:00", which no reader of these times accepts.
    return fmt::format("{:04}-{:02}-{:02}T23:59:{:02}.{:03}", year(), month(), day(),
                       60 + (ms - kDayMillis) / 1000, ms % 1000);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}", year(), month(), day(),
                     ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

void InputStats::Add(const InputStats& o) {
  bytes += o.bytes;
  bom_bytes += o.bom_bytes;
  line_bytes += o.line_bytes;
  lines += o.lines;
  records += o.records;
  joined_records += o.joined_records;
  continuation_lines += o.continuation_lines;
  structure_lines += o.structure_lines;
  unparsed_lines += o.unparsed_lines;
  truncated_lines += o.truncated_lines;
  replaced_sequences += o.replaced_sequences;
  duplicate_records += o.duplicate_records;
  undated_records += o.undated_records;
}

}  // namespace loganalyze
