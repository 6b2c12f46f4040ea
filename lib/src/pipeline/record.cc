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

namespace {

// Reads a number of `min` to `max` digits at the front of `*s` and removes them.
bool TakeNumber(std::string_view* s, size_t min, size_t max, int* out) {
  size_t n = 0;
  int v = 0;
  while (n < max && n < s->size() && (*s)[n] >= '0' && (*s)[n] <= '9') {
    v = v * 10 + ((*s)[n++] - '0');
  }
  if (n < min) return false;
  s->remove_prefix(n);
  *out = v;
  return true;
}

bool TakeChar(std::string_view* s, std::string_view any_of) {
  if (s->empty() || any_of.find(s->front()) == std::string_view::npos) return false;
  s->remove_prefix(1);
  return true;
}

}  // namespace

std::optional<LogTime> LogTime::ParseBound(std::string_view text, bool end_of_day,
                                           std::string* error) {
  std::string_view s = text;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  bool time = false, seconds = false;
  bool ok = TakeNumber(&s, 4, 4, &y) && TakeChar(&s, "-") && TakeNumber(&s, 1, 2, &mo) &&
            TakeChar(&s, "-") && TakeNumber(&s, 1, 2, &d);
  if (ok && !s.empty()) {
    time = true;
    ok = TakeChar(&s, "T ") && TakeNumber(&s, 1, 2, &h) && TakeChar(&s, ":") &&
         TakeNumber(&s, 1, 2, &mi);
    if (ok && !s.empty()) seconds = ok = TakeChar(&s, ":") && TakeNumber(&s, 1, 2, &se);
  }
  if (!ok || !s.empty()) {
    *error = fmt::format("takes YYYY-MM-DD[THH:MM[:SS]], not '{}'", text);
    return std::nullopt;
  }
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  if (y == 0) {
    *error = fmt::format("{}: there is no year 0", text);
  } else if (mo < 1 || mo > 12) {
    *error = fmt::format("{}: there is no month {}", text, mo);
  } else if (const int days = kDays[mo - 1] + (mo == 2 && leap); d < 1 || d > days) {
    *error = fmt::format("{}: there is no such day ({} {} has {} days)", text, kMonths[mo - 1],
                         y, days);
  } else if (h > 23 || mi > 59 || se > 59) {
    *error = fmt::format("{}: there is no such time of day (00:00:00 to 23:59:59)", text);
  } else if (!time) {
    return end_of_day ? FromCivil(y, mo, d, 23, 59, 59, 999) : FromCivil(y, mo, d, 0, 0, 0, 0);
  } else {
    return FromCivil(y, mo, d, h, mi, se, end_of_day && !seconds ? 999 : 0);
  }
  return std::nullopt;
}

}  // namespace loganalyze
