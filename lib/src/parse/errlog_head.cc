#include "parse/errlog_head.h"

#include <algorithm>
#include <cstring>

namespace loganalyze::internal {
namespace {

// Fields after the source column that may precede the level word: object pointer, task
// GUID, empty and unknown columns. More than this and the line is not a record head.
constexpr int kMaxFieldsBeforeLevel = 6;

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool IsHex(std::string_view s, size_t min_len, size_t max_len) {
  if (s.size() < min_len || s.size() > max_len) return false;
  for (char c : s) {
    if (!IsHexDigit(c)) return false;
  }
  return true;
}

int TwoDigits(const char* p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

// "MM/DD"
bool ParseDate(std::string_view s, int* month, int* day) {
  if (s.size() != 5 || s[2] != '/' || !IsDigit(s[0]) || !IsDigit(s[1]) || !IsDigit(s[3]) ||
      !IsDigit(s[4])) {
    return false;
  }
  *month = TwoDigits(s.data());
  *day = TwoDigits(s.data() + 3);
  return *month >= 1 && *month <= 12 && *day >= 1 && *day <= 31;
}

// "HH:MM:SS.mmm" (one to three fraction digits)
bool ParseTime(std::string_view s, int* millis) {
  if (s.size() < 10 || s.size() > 12 || s[2] != ':' || s[5] != ':' || s[8] != '.') return false;
  for (size_t i : {0, 1, 3, 4, 6, 7}) {
    if (!IsDigit(s[i])) return false;
  }
  int frac = 0;
  for (size_t i = 9; i < 12; ++i) {
    frac *= 10;
    if (i < s.size()) {
      if (!IsDigit(s[i])) return false;
      frac += s[i] - '0';
    }
  }
  const int h = TwoDigits(s.data()), m = TwoDigits(s.data() + 3), sec = TwoDigits(s.data() + 6);
  if (h > 23 || m > 59 || sec > 60) return false;
  *millis = ((h * 60 + m) * 60 + sec) * 1000 + frac;
  return true;
}

bool IsGuid(std::string_view s) {
  if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
  if (s.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !IsHexDigit(s[i])) return false;
  }
  return true;
}

bool IsObjectPointer(std::string_view s) {
  return s.size() >= 3 && s.front() == '[' && s.back() == ']' &&
         IsHex(s.substr(1, s.size() - 2), 1, 16);
}

// Splits fields on tabs.
class FieldCursor {
 public:
  explicit FieldCursor(std::string_view line) : line_(line) {}
  bool done() const { return pos_ > line_.size(); }
  size_t pos() const { return pos_; }
  std::string_view Next() {
    const size_t start = pos_;
    const void* tab = std::memchr(line_.data() + start, '\t', line_.size() - start);
    const size_t end = tab ? static_cast<const char*>(tab) - line_.data() : line_.size();
    pos_ = end + 1;
    return line_.substr(start, end - start);
  }

 private:
  std::string_view line_;
  size_t pos_ = 0;
};

}  // namespace

Level LevelFromWord(std::string_view w) {
  if (w.size() < 4 || w.size() > 8) return Level::kNone;
  switch (w[0]) {
    case 'N':
      if (w == "NORMAL") return Level::kInfo;
      break;
    case 'W':
      if (w == "WARNING") return Level::kWarning;
      break;
    case 'E':
      if (w == "ERROR") return Level::kError;
      break;
    case 'F':
      if (w == "FATAL") return Level::kFatal;
      break;
    case 'C':
      if (w == "CRITICAL") return Level::kCritical;
      break;
    case 'I':
      if (w == "INFO") return Level::kInfo;
      break;
    case 'A':
      if (w == "ACTIVITY") return Level::kActivity;
      break;
    case 'P':
      if (w == "PERF") return Level::kPerf;
      break;
    case 'V':
      if (w == "VERBOSE") return Level::kVerbose;
      break;
  }
  return Level::kNone;
}

bool ParseErrlogHead(std::string_view line, ErrlogHead* head) {
  // Cheap rejection: a record starts with a hex digit (PID) or a digit (date).
  if (line.size() < 18 || !IsHexDigit(line[0])) return false;
  FieldCursor f(line);
  *head = ErrlogHead();
  std::string_view field = f.Next();
  if (!ParseDate(field, &head->month, &head->day)) {
    if (!IsHex(field, 1, 8) || f.done()) return false;
    head->pid = field;
    field = f.Next();
    if (!IsHex(field, 1, 8) || f.done()) return false;
    head->tid = field;
    field = f.Next();
    if (!ParseDate(field, &head->month, &head->day)) return false;
  }
  if (f.done() || !ParseTime(f.Next(), &head->millis_of_day) || f.done()) return false;
  field = f.Next();
  if (!field.empty() && field.size() <= 4 && !f.done()) {
    bool alnum = true;
    for (char c : field) alnum = alnum && IsAlnum(c);
    if (alnum) {
      head->module = field;
      field = f.Next();
    }
  }
  head->source = field;
  size_t message_pos = f.pos();
  bool message_set = false;
  for (int i = 0; i < kMaxFieldsBeforeLevel && !f.done(); ++i) {
    const size_t field_pos = f.pos();
    field = f.Next();
    const Level level = LevelFromWord(field);
    if (level != Level::kNone) {
      head->level = level;
      head->message_pos = f.done() ? line.size() : f.pos();
      return true;
    }
    if (field.empty()) continue;
    if (head->object.empty() && IsObjectPointer(field)) {
      head->object = field;
    } else if (head->task_id.empty() && IsGuid(field)) {
      head->task_id = field;
    } else if (!message_set) {
      // An unknown column: if no level word follows, the message starts here.
      message_pos = field_pos;
      message_set = true;
    }
  }
  // No level word: still a record (the head matched); keep everything unclassified.
  head->message_pos = message_set ? message_pos : std::min(f.pos(), line.size());
  return true;
}

}  // namespace loganalyze::internal
