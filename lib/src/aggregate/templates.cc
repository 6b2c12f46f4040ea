#include "aggregate/templates.h"

#include <algorithm>

namespace loganalyze::internal {
namespace {

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsWordChar(char c) { return IsDigit(c) || IsAlpha(c) || c == '_'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }
// Characters that end a path: whitespace and the brackets and quotes around it.
bool EndsPath(char c) {
  return IsSpace(c) || c == ')' || c == ']' || c == '\'' || c == '"' || c == ',' || c == '>';
}

size_t GuidLength(std::string_view s, size_t i) {
  const size_t brace = (i < s.size() && s[i] == '{') ? 1 : 0;
  if (i + brace + 36 > s.size()) return 0;
  for (size_t k = 0; k < 36; ++k) {
    const char c = s[i + brace + k];
    const bool dash = k == 8 || k == 13 || k == 18 || k == 23;
    if (dash ? c != '-' : !IsHex(c)) return 0;
  }
  if (brace) return (i + 37 < s.size() && s[i + 37] == '}') ? 38 : 0;
  return 36;
}

}  // namespace

void MessageTemplate(std::string_view message, std::string* out) {
  out->clear();
  const size_t nl = message.find('\n');
  const std::string_view s = message.substr(0, nl);
  size_t i = 0;
  auto put = [out](std::string_view t) { out->append(t); };
  while (i < s.size() && out->size() < kMaxTemplateBytes) {
    const char c = s[i];
    const bool at_word_start = i == 0 || !IsWordChar(s[i - 1]);
    if (IsSpace(c)) {
      if (!out->empty() && out->back() != ' ') out->push_back(' ');
      while (i < s.size() && IsSpace(s[i])) ++i;
      continue;
    }
    if (at_word_start) {
      if (const size_t g = GuidLength(s, i)) {
        put("<GUID>");
        i += g;
        continue;
      }
      // Paths: C:\..., \\server\..., \\?\Volume{...}\ up to whitespace or a closing bracket.
      const bool drive = IsAlpha(c) && i + 2 < s.size() && s[i + 1] == ':' &&
                         (s[i + 2] == '\\' || s[i + 2] == '/');
      const bool unc = c == '\\' && i + 1 < s.size() && s[i + 1] == '\\';
      if (drive || unc) {
        for (;;) {
          while (i < s.size() && !EndsPath(s[i])) ++i;
          // "C:\Program Files\x.dll": a space inside a path, when the next word goes on
          // with a backslash.
          if (i >= s.size() || s[i] != ' ') break;
          size_t j = i + 1;
          while (j < s.size() && !EndsPath(s[j]) && s[j] != '\\') ++j;
          if (j >= s.size() || s[j] != '\\' || j == i + 1) break;
          i = j;
        }
        put("<PATH>");
        continue;
      }
      if (c == '0' && i + 2 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
          IsHex(s[i + 2])) {
        i += 2;
        while (i < s.size() && IsHex(s[i])) ++i;
        put("<HEX>");
        continue;
      }
      // A run of 8+ hex characters with a digit in it (object pointers, ids).
      size_t j = i;
      bool digit = false;
      while (j < s.size() && IsHex(s[j])) digit |= IsDigit(s[j++]);
      if (j - i >= 8 && digit && (j == s.size() || !IsWordChar(s[j]))) {
        put("<HEX>");
        i = j;
        continue;
      }
    }
    if (IsDigit(c)) {
      while (i < s.size() && IsDigit(s[i])) ++i;
      put("<N>");
      continue;
    }
    out->push_back(c);
    ++i;
    // The letters that follow a word character are neither at a word start nor digits:
    // they are copied as they stand, as many at once as the template has room for.
    if (IsWordChar(c)) {
      size_t j = i;
      while (j < s.size() && (IsAlpha(s[j]) || s[j] == '_')) ++j;
      const size_t room = kMaxTemplateBytes > out->size() ? kMaxTemplateBytes - out->size() : 0;
      const size_t n = std::min(j - i, room);
      out->append(s.data() + i, n);
      i += n;
    }
  }
  while (!out->empty() && out->back() == ' ') out->pop_back();
  if (out->size() > kMaxTemplateBytes) out->resize(kMaxTemplateBytes);
}

}  // namespace loganalyze::internal
