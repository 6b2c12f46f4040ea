// The shapes of the columns of an errlog head (log-formats.md, section 3.2), shared by the
// head parser and the parser of pasted excerpts. Inline: they run on every line.
#ifndef LOGANALYZE_PARSE_ERRLOG_FIELDS_H_
#define LOGANALYZE_PARSE_ERRLOG_FIELDS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace loganalyze::internal {

constexpr std::array<bool, 256> MakeHexTable() {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'F'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'f'; ++c) t[c] = true;
  return t;
}
inline constexpr std::array<bool, 256> kHex = MakeHexTable();
inline bool IsHexDigit(char c) { return kHex[static_cast<uint8_t>(c)]; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlnum(char c) {
  return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// No early exit: the fields are short, and a branch per byte costs more than it saves.
inline bool AllHex(const char* p, int n) {
  bool ok = true;
  for (int k = 0; k < n; ++k) ok &= IsHexDigit(p[k]);
  return ok;
}

inline bool IsHex(std::string_view s, size_t min_len, size_t max_len) {
  return s.size() >= min_len && s.size() <= max_len && AllHex(s.data(), static_cast<int>(s.size()));
}

inline int TwoDigits(const char* p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

// The last day of each month in a leap year, indexed by month; 0 for months that do not exist.
// Indexed with a two-digit month (0..99).
constexpr std::array<uint8_t, 100> MakeLastDays() {
  std::array<uint8_t, 100> t{};
  constexpr uint8_t kLast[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) t[m] = kLast[m - 1];
  return t;
}
inline constexpr std::array<uint8_t, 100> kLastDay = MakeLastDays();

// Whether MM/DD is a day of some year: 02/29 is (leap years are the year resolver's
// business); 02/30, 04/31, 13/01 and 00/10 are not.
inline bool DateExists(int month, int day) {
  return month >= 0 && month < 100 && day >= 1 && day <= kLastDay[month];
}

// "MM/DD", any two digits each; whether the date exists is the caller's question.
inline bool ParseDateShape(std::string_view s, int* month, int* day) {
  if (s.size() != 5 || s[2] != '/' || !IsDigit(s[0]) || !IsDigit(s[1]) || !IsDigit(s[3]) ||
      !IsDigit(s[4])) {
    return false;
  }
  *month = TwoDigits(s.data());
  *day = TwoDigits(s.data() + 3);
  return true;
}

// Whether a time of day exists (a leap second allowed); the milliseconds since midnight.
inline bool TimeOfDay(int h, int m, int sec, int frac_millis, int* millis) {
  if (h > 23 || m > 59 || sec > 60) return false;
  *millis = ((h * 60 + m) * 60 + sec) * 1000 + frac_millis;
  return true;
}

// "HH:MM:SS.mmm" (one to three fraction digits)
inline bool ParseTime(std::string_view s, int* millis) {
  if (s.size() < 10 || s.size() > 12 || s[2] != ':' || s[5] != ':' || s[8] != '.') return false;
  if (!IsDigit(s[0]) || !IsDigit(s[1]) || !IsDigit(s[3]) || !IsDigit(s[4]) || !IsDigit(s[6]) ||
      !IsDigit(s[7])) {
    return false;
  }
  int frac = 0;
  for (size_t i = 9; i < 12; ++i) {
    frac *= 10;
    if (i < s.size()) {
      if (!IsDigit(s[i])) return false;
      frac += s[i] - '0';
    }
  }
  return TimeOfDay(TwoDigits(s.data()), TwoDigits(s.data() + 3), TwoDigits(s.data() + 6), frac,
                   millis);
}

// Shapes, not full validation: these run on every line, and a column that looks like a GUID
// or an object pointer by its length and punctuation is one in these logs.
inline bool IsGuid(std::string_view s) {
  if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
  return s.size() == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-' &&
         IsHexDigit(s[0]) && IsHexDigit(s[35]);
}

inline bool IsObjectPointer(std::string_view s) {
  return s.size() >= 3 && s.size() <= 18 && s.front() == '[' && s.back() == ']' && IsHexDigit(s[1]);
}

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_ERRLOG_FIELDS_H_
