#include "parse/pasted_line.h"

#include <algorithm>

#include "parse/errlog_fields.h"

namespace loganalyze::internal {
namespace {

// Longer than any path findstr prints before its colon.
constexpr size_t kMaxFileName = 300;
// Decoration skipped before a record ("... ", "> ", "* "), in bytes besides blanks.
constexpr size_t kMaxDecoration = 16;

bool IsBlankChar(char c) { return c == ' ' || c == '\t'; }

size_t SkipBlanks(std::string_view s, size_t i) {
  while (i < s.size() && IsBlankChar(s[i])) ++i;
  return i;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && IsBlankChar(s.back())) s.remove_suffix(1);
  return s;
}

// Digits at `i` (1 to 10 of them): their value and where they end, or npos.
size_t ParseNumber(std::string_view s, size_t i, uint64_t* value) {
  size_t j = i;
  uint64_t v = 0;
  while (j < s.size() && j - i < 10 && IsDigit(s[j])) {
    v = v * 10 + static_cast<uint64_t>(s[j++] - '0');
  }
  if (j == i || (j < s.size() && IsDigit(s[j]))) return std::string_view::npos;
  *value = v;
  return j;
}

// Where the record text starts after the decoration of a pasted copy.
size_t SkipDecoration(std::string_view s) {
  size_t i = 0, decoration = 0;
  while (i < s.size()) {
    if (IsBlankChar(s[i])) {
      ++i;
      continue;
    }
    if (decoration >= kMaxDecoration) break;
    size_t n = 0;
    if (std::string_view(".\"'>*#-`").find(s[i]) != std::string_view::npos) {
      n = 1;
    } else if (s.substr(i).starts_with("\xE2\x80\xA6") || s.substr(i).starts_with("\xE2\x80\xA2")) {
      n = 3;  // "…" and "•"
    } else {
      break;
    }
    i += n;
    decoration += n;
  }
  return i;
}

// "name.ext": text that ends in a dot and 1 to 10 letters or digits.
bool EndsWithExtension(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || IsBlankChar(name[dot - 1])) return false;
  const std::string_view ext = name.substr(dot + 1);
  return !ext.empty() && ext.size() <= 10 && std::all_of(ext.begin(), ext.end(), IsAlnum);
}

// Whitespace-separated tokens of a text, from a position on. Copyable, to look ahead.
class Tokens {
 public:
  Tokens(std::string_view text, size_t pos) : text_(text), pos_(pos) {}
  // The next token, or an empty view at the end.
  std::string_view Next() {
    start_ = SkipBlanks(text_, pos_);
    pos_ = start_;
    while (pos_ < text_.size() && !IsBlankChar(text_[pos_])) ++pos_;
    return text_.substr(start_, pos_ - start_);
  }
  size_t start() const { return start_; }  // where the last token began
  size_t next_start() const { return SkipBlanks(text_, pos_); }

 private:
  std::string_view text_;
  size_t pos_, start_ = 0;
};

// A PID or TID. Inside a message only the form the products write counts: 4 to 8
// upper-case hex digits (a word such as "be" or "cafe" is not a PID there).
bool IsIdToken(std::string_view t, bool embedded) {
  if (!embedded) return IsHex(t, 1, 8);
  return t.size() >= 4 && t.size() <= 8 && std::all_of(t.begin(), t.end(), [](char c) {
           return IsDigit(c) || (c >= 'A' && c <= 'F');
         });
}

// "MM/DD", or Excel's "D-Mon" ("9-May", "21-Oct").
bool ParseDateToken(std::string_view t, int* month, int* day, bool* excel) {
  if (ParseDateShape(t, month, day)) return true;
  const size_t dash = t.find('-');
  if (dash < 1 || dash > 2 || t.size() != dash + 4 || !IsDigit(t[0]) || !IsDigit(t[dash - 1])) {
    return false;
  }
  static constexpr std::string_view kMonths = "janfebmaraprmayjunjulaugsepoctnovdec";
  char name[3];
  for (int k = 0; k < 3; ++k) {
    name[k] = static_cast<char>(t[dash + 1 + k] | 0x20);  // ASCII lower case
  }
  const size_t at = kMonths.find(std::string_view(name, 3));
  if (at == std::string_view::npos || at % 3 != 0) return false;
  *month = static_cast<int>(at / 3) + 1;
  *day = dash == 1 ? t[0] - '0' : TwoDigits(t.data());
  *excel = true;
  return true;
}

// The time token and, for Excel's 12-hour rendering, the AM/PM token after it:
// "HH:MM:SS.mmm" as written, or "H:MM:SS[.mmm]" with or without AM/PM as Excel shows it.
bool ParseTimeTokens(Tokens* tokens, int* millis, bool* excel) {
  const std::string_view t = tokens->Next();
  if (ParseTime(t, millis)) return true;
  const size_t colon = t.find(':');
  if (colon < 1 || colon > 2 || t.size() < colon + 6 || t[colon + 3] != ':') return false;
  const std::string_view rest = t.substr(colon + 1);  // "MM:SS[.mmm]"
  if (!IsDigit(t[0]) || !IsDigit(t[colon - 1]) || !IsDigit(rest[0]) || !IsDigit(rest[1]) ||
      !IsDigit(rest[3]) || !IsDigit(rest[4])) {
    return false;
  }
  int frac = 0;
  if (rest.size() > 5) {
    if (rest[5] != '.' || rest.size() < 7 || rest.size() > 9) return false;
    for (size_t i = 6; i < 9; ++i) {
      frac *= 10;
      if (i < rest.size()) {
        if (!IsDigit(rest[i])) return false;
        frac += rest[i] - '0';
      }
    }
  }
  int hour = colon == 1 ? t[0] - '0' : TwoDigits(t.data());
  Tokens after = *tokens;
  const std::string_view half = after.Next();
  if (half.size() == 2 && (half[1] | 0x20) == 'm' &&
      ((half[0] | 0x20) == 'a' || (half[0] | 0x20) == 'p')) {
    if (hour < 1 || hour > 12) return false;
    hour = hour % 12 + ((half[0] | 0x20) == 'p' ? 12 : 0);
    *tokens = after;
  }
  *excel = true;
  return TimeOfDay(hour, TwoDigits(rest.data()), TwoDigits(rest.data() + 3), frac, millis);
}

// "name.ext(123)": the source column, the one column a collapsed head cannot do without.
bool IsSourceToken(std::string_view t) {
  if (t.size() < 4 || t.back() != ')') return false;
  const size_t open = t.rfind('(');
  if (open == std::string_view::npos || open == 0 || open + 2 >= t.size() || t.size() - open > 11) {
    return false;
  }
  return std::all_of(t.begin() + static_cast<ptrdiff_t>(open) + 1, t.end() - 1, IsDigit);
}

bool IsModuleToken(std::string_view t) {
  return !t.empty() && t.size() <= 4 && std::all_of(t.begin(), t.end(), IsAlnum);
}

// A head whose columns are separated by blanks, starting at the token at `from` (see
// ParsePastedText). `embedded`: inside another record's message (stricter). `any_date`:
// accept dates that no year has, to recognise them.
bool ParseSpacedHead(std::string_view text, size_t from, bool embedded, bool any_date,
                     PastedRecord* r) {
  *r = PastedRecord();
  ErrlogHead& h = r->head;
  Tokens t(text, from);
  std::string_view tok = t.Next();
  const size_t start = t.start();
  for (std::string_view* id : {&h.pid, &h.tid}) {
    if (!IsIdToken(tok, embedded)) break;
    *id = tok;
    tok = t.Next();
  }
  if (!ParseDateToken(tok, &h.month, &h.day, &r->excel_time)) return false;
  if (!any_date && !DateExists(h.month, h.day)) return false;
  if (!ParseTimeTokens(&t, &h.millis_of_day, &r->excel_time)) return false;
  tok = t.Next();
  if (!IsSourceToken(tok)) {
    if (!IsModuleToken(tok)) return false;
    h.module = tok;
    tok = t.Next();
    if (!IsSourceToken(tok)) return false;
  }
  h.source = tok;
  h.message_pos = text.size();
  for (int i = 0;; ++i) {
    tok = t.Next();
    if (tok.empty()) break;
    if (i < kMaxFieldsBeforeLevel) {
      const Level level = LevelFromWord(tok);
      if (level != Level::kNone) {
        h.level = level;
        h.message_pos = t.next_start();
        break;
      }
      if (FileKnownField(tok, &h)) continue;
    }
    h.message_pos = t.start();  // no level word: the message starts at the first other column
    break;
  }
  if (embedded && h.level == Level::kNone) return false;
  r->collapsed = text.substr(start, h.message_pos - start).find('\t') == std::string_view::npos;
  return true;
}

// `first` and the records that follow it inside its message, each message ending where the
// next head starts.
void SplitRun(std::string_view text, const PastedRecord& first,
              std::vector<PastedRecord>* records) {
  PastedRecord current = first, next;
  for (;;) {
    size_t next_at = text.size();
    Tokens t(text, current.head.message_pos);
    for (std::string_view tok = t.Next(); !tok.empty(); tok = t.Next()) {
      // A head inside a message starts with a PID (upper-case hex) or a date (digits).
      if (!IsDigit(tok[0]) && !(tok[0] >= 'A' && tok[0] <= 'F')) continue;
      if (ParseSpacedHead(text, t.start(), /*embedded=*/true, /*any_date=*/false, &next)) {
        next_at = t.start();
        break;
      }
    }
    const size_t pos = current.head.message_pos;
    current.message = TrimRight(text.substr(pos, next_at - pos));
    records->push_back(current);
    if (next_at == text.size()) return;
    current = next;
  }
}

}  // namespace

PastedPrefix ParsePastedPrefix(std::string_view line) {
  PastedPrefix p;
  uint64_t number = 0;
  // Notepad++: "\tLine 28: ".
  const size_t lead = SkipBlanks(line, 0);
  if (line.substr(lead).starts_with("Line ")) {
    size_t i = lead + 5;
    while (i < line.size() && line[i] == ' ') ++i;
    const size_t end = ParseNumber(line, i, &number);
    if (end < line.size() && line[end] == ':') {
      p.tool = PasteTool::kNotepadFindAll;
      p.length = SkipBlanks(line, end + 1);
      p.line_number = number;
      return p;
    }
  }
  // findstr /N over one file: "123:".
  size_t end = ParseNumber(line, 0, &number);
  if (end < line.size() && line[end] == ':') {
    p.tool = PasteTool::kFindstr;
    p.length = end + 1;
    p.line_number = number;
    return p;
  }
  // findstr: "name.ext:" or, with /N, "name.ext:123:". The name holds no tab and starts in
  // the first column.
  if (line.empty() || IsBlankChar(line[0])) return p;
  const size_t limit = std::min({line.size(), line.find('\t'), kMaxFileName});
  for (size_t colon = line.find(':'); colon < limit; colon = line.find(':', colon + 1)) {
    const std::string_view name = line.substr(0, colon);
    if (!EndsWithExtension(name)) continue;
    p.tool = PasteTool::kFindstr;
    p.file = name;
    p.length = colon + 1;
    end = ParseNumber(line, colon + 1, &number);
    if (end < line.size() && line[end] == ':') {
      p.length = end + 1;
      p.line_number = number;
    }
    return p;
  }
  return p;
}

bool IsNotepadFindAllHeading(std::string_view line) {
  const std::string_view s = TrimRight(line.substr(SkipBlanks(line, 0)));
  // Search "Failed" (12 hits in 1 file of 1 searched), maybe followed by " [Normal]".
  if (s.starts_with("Search \"") && s.find(" searched)") != std::string_view::npos) return true;
  // C:\...\CBEngineCurr.errlog (12 hits)
  if (!s.ends_with(" hit)") && !s.ends_with(" hits)")) return false;
  const size_t open = s.rfind(" (");
  if (open == std::string_view::npos || open == 0) return false;
  uint64_t hits = 0;
  const size_t end = ParseNumber(s, open + 2, &hits);
  return end != std::string_view::npos && s[end] == ' ' && s.find(')', end) == s.size() - 1;
}

PastedText ParsePastedText(std::string_view text, std::vector<PastedRecord>* records) {
  records->clear();
  const size_t body = SkipDecoration(text);
  const std::string_view rest = text.substr(body);
  PastedRecord r;
  if (ParseErrlogHead(rest, &r.head)) {
    // The written layout: one record, its message as in an errlog.
    r.head.message_pos += body;
    r.message = text.substr(r.head.message_pos);
    records->push_back(r);
    return PastedText::kRecords;
  }
  if (ParseSpacedHead(text, body, /*embedded=*/false, /*any_date=*/false, &r)) {
    SplitRun(text, r, records);
    return PastedText::kRecords;
  }
  if (ErrlogHeadHasImpossibleDate(rest) ||
      ParseSpacedHead(text, body, /*embedded=*/false, /*any_date=*/true, &r)) {
    return PastedText::kImpossibleDate;
  }
  return PastedText::kOther;
}

}  // namespace loganalyze::internal
