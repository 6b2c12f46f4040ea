#include "report/text_layout.h"

#include <cstdint>

namespace loganalyze::internal {

std::string StripTrailingSpaces(std::string_view s) {
  std::string clean;
  clean.reserve(s.size());
  for (size_t start = 0; start < s.size();) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    size_t stop = end;
    while (stop > start && s[stop - 1] == ' ') --stop;
    clean.append(s, start, stop - start);
    if (end < s.size()) clean += '\n';
    start = end + 1;
  }
  return clean;
}
namespace {

// Decodes one UTF-8 character at s[i]; returns its length (1 for invalid bytes).
size_t Next(std::string_view s, size_t i, uint32_t* cp) {
  const auto b = static_cast<uint8_t>(s[i]);
  size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + len > s.size()) len = 1;
  uint32_t v = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < len; ++k) v = v << 6 | (static_cast<uint8_t>(s[i + k]) & 0x3F);
  *cp = v;
  return len;
}

int Columns(uint32_t cp) {
  if (cp < 0x20) return 0;
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

// The length of the terminal control sequence (ESC '[' parameters, a final byte from '@' to
// '~') at s[i], or 0. The report's own colours are such sequences; they take no column.
// Text from logs never has one: EscapeControls shows its ESC as "^[".
size_t SequenceLength(std::string_view s, size_t i) {
  if (s[i] != '\x1b' || i + 1 >= s.size() || s[i + 1] != '[') return 0;
  for (size_t j = i + 2; j < s.size(); ++j) {
    if (s[j] >= '@' && s[j] <= '~') return j + 1 - i;
  }
  return 0;
}

}  // namespace

size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    if (const size_t n = SequenceLength(s, i); n > 0) {
      i += n;
      continue;
    }
    uint32_t cp;
    i += Next(s, i, &cp);
    w += Columns(cp);
  }
  return w;
}

std::string Ellipsize(std::string_view s, size_t width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  std::string out;
  size_t w = 0;
  bool styled = false;
  for (size_t i = 0; i < s.size();) {
    if (const size_t n = SequenceLength(s, i); n > 0) {
      out.append(s.substr(i, n));
      styled = true;
      i += n;
      continue;
    }
    uint32_t cp;
    const size_t len = Next(s, i, &cp);
    const int c = Columns(cp);
    if (w + c + 1 > width) break;
    out.append(s.substr(i, len));
    w += c;
    i += len;
  }
  // A cut may fall inside a colour: end it, so that it does not run on.
  return out + (styled ? "\x1b[0m…" : "…");
}

std::vector<std::string> Wrap(std::string_view s, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t line_w = 0;
  size_t i = 0;
  while (i < s.size()) {
    // The next word: up to a space, or one wide character.
    size_t j = i;
    size_t word_w = 0;
    while (j < s.size() && s[j] != ' ') {
      uint32_t cp;
      const size_t len = Next(s, j, &cp);
      const int c = Columns(cp);
      if (c == 2 && j > i) break;  // wide characters stand alone
      j += len;
      word_w += c;
      if (c == 2) break;
    }
    const std::string_view word = s.substr(i, j - i);
    const bool space_before = !line.empty() && i > 0 && s[i - 1] == ' ';
    const size_t need = word_w + (space_before ? 1 : 0);
    if (line_w + need > width && !line.empty()) {
      lines.push_back(line);
      line.clear();
      line_w = 0;
    }
    if (!line.empty() && space_before) {
      line += ' ';
      ++line_w;
    }
    line.append(word);
    line_w += word_w;
    i = j;
    while (i < s.size() && s[i] == ' ') ++i;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace loganalyze::internal
