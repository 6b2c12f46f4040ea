#include "parse/failed_files_parser.h"

#include <cctype>

namespace loganalyze::internal {
namespace {

constexpr std::string_view kHeaderStart = "Consider adding these to exclusion list";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Strips brackets around a token: [0x..], (0x..), "0x..",
std::string_view StripPunctuation(std::string_view t) {
  while (!t.empty() && (t.front() == '[' || t.front() == '(' || t.front() == '"')) {
    t.remove_prefix(1);
  }
  while (!t.empty() && (t.back() == ']' || t.back() == ')' || t.back() == '"' ||
                        t.back() == ',' || t.back() == '.' || t.back() == ';')) {
    t.remove_suffix(1);
  }
  return t;
}

// 0x-hex (1-8 digits), 8 bare hex digits, or a decimal number: any in a column of its own
// (`in_column`), else only the signed or unsigned 10-digit forms of an HRESULT, so that a
// number at the end of a path ("Photos 2024") is not taken for a code.
bool IsCodeToken(std::string_view t, bool in_column = false) {
  if (t.size() >= 3 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
    if (t.size() > 10) return false;
    for (char c : t.substr(2)) {
      if (!IsHexDigit(c)) return false;
    }
    return true;
  }
  std::string_view digits = t;
  if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
  if (!digits.empty() && digits.size() <= 10) {
    bool all_digits = true;
    for (char c : digits) all_digits = all_digits && IsDigit(c);
    if (all_digits && (in_column || digits.size() == 10)) return true;
  }
  if (t.size() == 8) {
    bool has_digit = false;
    for (char c : t) {
      if (!IsHexDigit(c)) return false;
      has_digit = has_digit || IsDigit(c);
    }
    return has_digit;  // "deadbeef" alone is more likely a word than a code
  }
  return false;
}

// Removes a trailing label ("Error:", "- hr =", ...) left after the code was taken away.
std::string_view StripTrailingLabel(std::string_view s) {
  for (;;) {
    s = Trim(s);
    if (s.empty()) return s;
    const char c = s.back();
    if (c == ':' || c == '=' || c == '-' || c == ',' || c == '(' || c == '[' || c == '|') {
      s.remove_suffix(1);
      continue;
    }
    const size_t sp = s.find_last_of(" \t");
    const std::string_view word = sp == std::string_view::npos ? s : s.substr(sp + 1);
    if (sp != std::string_view::npos &&
        (EqualsIgnoreCase(word, "error") || EqualsIgnoreCase(word, "hr") ||
         EqualsIgnoreCase(word, "code") || EqualsIgnoreCase(word, "errorcode") ||
         EqualsIgnoreCase(word, "hresult"))) {
      s = s.substr(0, sp);
      continue;
    }
    return s;
  }
}

}  // namespace

bool IsFailedFilesHeader(std::string_view line) {
  return Trim(line).substr(0, kHeaderStart.size()) == kHeaderStart;
}

LogTime DateFromFailedFilesName(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  // Look for _M_D_YYYY (1-2, 1-2 and 4 digits) anywhere after the prefix.
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '_') continue;
    size_t p = i + 1;
    int parts[3] = {0, 0, 0};
    int k = 0;
    for (; k < 3; ++k) {
      const size_t start = p;
      int v = 0;
      while (p < name.size() && IsDigit(name[p]) && p - start < 4) v = v * 10 + (name[p++] - '0');
      const size_t len = p - start;
      if (k < 2 ? (len < 1 || len > 2) : len != 4) break;
      parts[k] = v;
      if (k < 2) {
        if (p >= name.size() || name[p] != '_') break;
        ++p;
      } else if (p < name.size() && IsDigit(name[p])) {
        break;  // more than four year digits
      }
    }
    if (k == 3 && parts[0] >= 1 && parts[0] <= 12 && parts[1] >= 1 && parts[1] <= 31) {
      return LogTime::FromCivil(parts[2], parts[0], parts[1], 0, 0, 0, 0);
    }
  }
  return LogTime();
}

bool SplitFailedItem(std::string_view line, std::string_view* path, std::string_view* code) {
  line = Trim(line);
  *path = line;
  *code = {};
  // path<TAB>code or code<TAB>path
  const size_t tab = line.find_last_of('\t');
  if (tab != std::string_view::npos) {
    const std::string_view left = Trim(line.substr(0, tab));
    const std::string_view right = StripPunctuation(Trim(line.substr(tab + 1)));
    if (IsCodeToken(right, /*in_column=*/true)) {
      *path = StripTrailingLabel(left);
      *code = right;
      return true;
    }
    const size_t first_tab = line.find('\t');
    const std::string_view head = StripPunctuation(Trim(line.substr(0, first_tab)));
    if (IsCodeToken(head, /*in_column=*/true)) {
      *path = Trim(line.substr(first_tab + 1));
      *code = head;
      return true;
    }
  }
  // path (Error: code) / path (code) / path code
  std::string_view rest = line;
  if (!rest.empty() && rest.back() == ')') {
    const size_t open = rest.find_last_of('(');
    if (open != std::string_view::npos) {
      std::string_view inner = Trim(rest.substr(open + 1, rest.size() - open - 2));
      const size_t sp = inner.find_last_of(" \t:=");
      const std::string_view token =
          StripPunctuation(sp == std::string_view::npos ? inner : inner.substr(sp + 1));
      if (IsCodeToken(token)) {
        *path = StripTrailingLabel(rest.substr(0, open));
        *code = token;
        return true;
      }
    }
  }
  const size_t sp = rest.find_last_of(" \t");
  if (sp != std::string_view::npos) {
    const std::string_view token = StripPunctuation(rest.substr(sp + 1));
    if (IsCodeToken(token)) {
      *path = StripTrailingLabel(rest.substr(0, sp));
      *code = token;
      return true;
    }
    const size_t first = rest.find_first_of(" \t");
    const std::string_view head = StripPunctuation(rest.substr(0, first));
    if (IsCodeToken(head)) {
      *path = Trim(rest.substr(first + 1));
      *code = head;
      return true;
    }
  }
  return false;
}

FailedFilesParser::FailedFilesParser(std::string_view name, InputStats* stats, RecordSink* sink)
    : date_(DateFromFailedFilesName(name)), stats_(stats), sink_(sink) {}

void FailedFilesParser::OnLine(const Line& line) {
  const std::string_view t = Trim(line.text);
  if (t.empty() || IsFailedFilesHeader(t) ||
      (t.size() >= 10 && t.find_first_not_of('-') == std::string_view::npos)) {
    ++stats_->structure_lines;
    return;
  }
  ++stats_->records;
  Record r;
  r.format = Format::kFailedFiles;
  r.line = line.number;
  r.offset = line.offset;
  r.truncated = line.truncated;
  r.time = date_;
  r.message = t;
  SplitFailedItem(t, &r.path, &r.code);
  sink_->OnRecord(r);
}

}  // namespace loganalyze::internal
