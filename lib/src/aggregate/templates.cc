#include "aggregate/templates.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace loganalyze::internal {
namespace {

// Character classes, one table lookup each: templates are made for every unknown warning.
enum : uint8_t {
  kDigit = 1,
  kAlpha = 2,
  kHex = 4,
  kSpace = 8,      // ' ', '\t', '\r'
  kEndsPath = 16,  // whitespace and the brackets and quotes around a path
  kUnderscore = 32,
};
constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit | kHex;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kAlpha;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kAlpha;
  for (int c = 'a'; c <= 'f'; ++c) t[c] |= kHex;
  for (int c = 'A'; c <= 'F'; ++c) t[c] |= kHex;
  for (int c : {' ', '\t', '\r'}) t[c] = kSpace | kEndsPath;
  for (int c : {')', ']', '\'', '"', ',', '>'}) t[c] = kEndsPath;
  t['_'] = kUnderscore;
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = MakeClasses();
inline bool Is(char c, uint8_t classes) { return kClasses[static_cast<uint8_t>(c)] & classes; }
inline bool IsWordChar(char c) { return Is(c, kDigit | kAlpha | kUnderscore); }

size_t GuidLength(std::string_view s, size_t i) {
  const size_t brace = (i < s.size() && s[i] == '{') ? 1 : 0;
  if (i + brace + 36 > s.size()) return 0;
  for (size_t k = 0; k < 36; ++k) {
    const char c = s[i + brace + k];
    const bool dash = k == 8 || k == 13 || k == 18 || k == 23;
    if (dash ? c != '-' : !Is(c, kHex)) return 0;
  }
  if (brace) return (i + 37 < s.size() && s[i + 37] == '}') ? 38 : 0;
  return 36;
}

// The template as it is built: at most kMaxTemplateBytes plus one token, no allocation.
class Buffer {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char back() const { return bytes_[size_ - 1]; }
  void push_back(char c) { bytes_[size_++] = c; }
  void append(const char* p, size_t n) {
    std::memcpy(bytes_ + size_, p, n);
    size_ += n;
  }
  template <size_t N>
  void put(const char (&token)[N]) {
    append(token, N - 1);
  }
  void pop_back() { --size_; }
  std::string_view view() const { return std::string_view(bytes_, size_); }

 private:
  static constexpr size_t kLongestToken = 6;  // "<GUID>", "<PATH>"
  char bytes_[kMaxTemplateBytes + kLongestToken];
  size_t size_ = 0;
};

}  // namespace

void MessageTemplate(std::string_view message, std::string* out) {
  const size_t nl = message.find('\n');
  const std::string_view s = message.substr(0, nl);
  Buffer t;
  size_t i = 0;
  // Every step starts below the bound, and adds one byte, one token, or letters up to it.
  while (i < s.size() && t.size() < kMaxTemplateBytes) {
    const char c = s[i];
    const bool at_word_start = i == 0 || !IsWordChar(s[i - 1]);
    if (Is(c, kSpace)) {
      if (!t.empty() && t.back() != ' ') t.push_back(' ');
      while (i < s.size() && Is(s[i], kSpace)) ++i;
      continue;
    }
    // Only a hex digit, '{', a letter or a backslash can start a masked part.
    if (at_word_start && (Is(c, kHex | kAlpha) || c == '{' || c == '\\')) {
      if (const size_t g = GuidLength(s, i)) {
        t.put("<GUID>");
        i += g;
        continue;
      }
      // Paths: C:\..., \\server\..., \\?\Volume{...}\ up to whitespace or a closing bracket.
      const bool drive = Is(c, kAlpha) && i + 2 < s.size() && s[i + 1] == ':' &&
                         (s[i + 2] == '\\' || s[i + 2] == '/');
      const bool unc = c == '\\' && i + 1 < s.size() && s[i + 1] == '\\';
      if (drive || unc) {
        for (;;) {
          while (i < s.size() && !Is(s[i], kEndsPath)) ++i;
          // "C:\Program Files\x.dll": a space inside a path, when the next word goes on
          // with a backslash.
          if (i >= s.size() || s[i] != ' ') break;
          size_t j = i + 1;
          while (j < s.size() && !Is(s[j], kEndsPath) && s[j] != '\\') ++j;
          if (j >= s.size() || s[j] != '\\' || j == i + 1) break;
          i = j;
        }
        t.put("<PATH>");
        continue;
      }
      if (c == '0' && i + 2 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
          Is(s[i + 2], kHex)) {
        i += 2;
        while (i < s.size() && Is(s[i], kHex)) ++i;
        t.put("<HEX>");
        continue;
      }
      // A run of 8+ hex characters with a digit in it (object pointers, ids).
      size_t j = i;
      bool digit = false;
      while (j < s.size() && Is(s[j], kHex)) digit |= Is(s[j++], kDigit);
      if (j - i >= 8 && digit && (j == s.size() || !IsWordChar(s[j]))) {
        t.put("<HEX>");
        i = j;
        continue;
      }
    }
    if (Is(c, kDigit)) {
      while (i < s.size() && Is(s[i], kDigit)) ++i;
      t.put("<N>");
      continue;
    }
    t.push_back(c);
    ++i;
    // The letters that follow a word character are neither at a word start nor digits:
    // they are copied as they stand, as many at once as the template has room for.
    if (IsWordChar(c)) {
      size_t j = i;
      while (j < s.size() && Is(s[j], kAlpha | kUnderscore)) ++j;
      const size_t n = std::min(j - i, kMaxTemplateBytes - t.size());
      t.append(s.data() + i, n);
      i += n;
    }
  }
  while (!t.empty() && t.back() == ' ') t.pop_back();
  out->assign(t.view().substr(0, kMaxTemplateBytes));
}

}  // namespace loganalyze::internal
