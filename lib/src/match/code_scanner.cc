// Code extraction: every form in which these logs write an error code (matcher.h).
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loganalyze/matcher.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace loganalyze {
namespace {

// MARS ids written in hex, `[0x1FC07]`, lie in this range (the product's id catalogue).
constexpr uint32_t kMinHexId = 0x10000;
constexpr uint32_t kMaxHexId = 0x7FFFF;
// A signed decimal HRESULT has the severity bit set: -2^31 .. about -2.0e9.
constexpr int64_t kMinSignedHresult = 2000000000;

constexpr std::array<uint8_t, 256> MakeClassTable() {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = 1 | 2 | 4;  // word, digit, hex
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = 1 | 8;      // word, upper
  for (int c = 'a'; c <= 'z'; ++c) t[c] = 1;
  for (int c : {'A', 'B', 'C', 'D', 'E', 'F', 'a', 'b', 'c', 'd', 'e', 'f'}) t[c] |= 4;
  t['_'] = 1;
  // Words that start with these are no code and no keyword: the keywords start with
  // e, h, d, c or s in either case, or are "ID"; codes with a digit or a capital.
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= 16;
  for (int c : {'e', 'h', 'd', 'c', 's'}) t[c] &= ~16;
  t['_'] |= 16;
  // Capitals that start no keyword and no named-code prefix (IsNamedCode): a word that
  // starts with one is a code only as <Name>FaultFault, longer than ten bytes.
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= 32;
  for (int c : {'E', 'H', 'D', 'C', 'S', 'I', 'A', 'V', 'R', 'W'}) t[c] &= ~32;
  return t;
}
constexpr std::array<uint8_t, 256> kClass = MakeClassTable();
inline bool IsWord(char c) { return kClass[static_cast<uint8_t>(c)] & 1; }
inline bool IsDigit(char c) { return kClass[static_cast<uint8_t>(c)] & 2; }
inline bool IsHex(char c) { return kClass[static_cast<uint8_t>(c)] & 4; }
inline bool IsUpper(char c) { return kClass[static_cast<uint8_t>(c)] & 8; }
// Whether the word [start, end) of a message is no code and no keyword, by its first byte
// and length alone (most words of a message).
inline bool IsNothing(const char* start, const char* end) {
  const uint8_t c = kClass[static_cast<uint8_t>(*start)];
  return (c & 16) || ((c & 32) && end - start <= 10);
}

inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsLower(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (Lower(w[i]) != lower[i]) return false;
  }
  return true;
}

bool AllOf(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return !s.empty();
}

uint64_t ParseDecimal(std::string_view digits) {
  uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

uint32_t ParseHex(std::string_view hex) {
  uint32_t v = 0;
  for (char c : hex) {
    const char l = Lower(c);
    v = v << 4 | static_cast<uint32_t>(l <= '9' ? l - '0' : l - 'a' + 10);
  }
  return v;
}

enum class Keyword : uint8_t { kNone, kId, kError, kHr, kCode };

Keyword KeywordOf(std::string_view w) {
  if (w == "ID") return Keyword::kId;
  if (w.size() < 2 || w.size() > 15) return Keyword::kNone;
  switch (Lower(w[0])) {
    case 'e':
      if (EqualsLower(w, "error") || EqualsLower(w, "errorcode")) return Keyword::kError;
      break;
    case 'h':
      if (EqualsLower(w, "hr") || EqualsLower(w, "hresult")) return Keyword::kHr;
      break;
    case 'd':
      if (EqualsLower(w, "detailedhresult")) return Keyword::kHr;
      break;
    case 'c':
      if (EqualsLower(w, "code")) return Keyword::kCode;
      break;
    case 's':
      if (EqualsLower(w, "status")) return Keyword::kCode;
      break;
  }
  return Keyword::kNone;
}

bool IsUpperOrDigitOrUnderscore(char c) { return IsUpper(c) || IsDigit(c) || c == '_'; }

// Whether `w` starts (ends) with `affix`, a literal: compared byte by byte, which the
// compiler unrolls (a call to memcmp for each prefix was a tenth of ScanCodes on coded lines).
template <size_t N>
inline bool HasPrefix(std::string_view w, const char (&affix)[N]) {
  if (w.size() < N - 1) return false;
  for (size_t i = 0; i < N - 1; ++i) {
    if (w[i] != affix[i]) return false;
  }
  return true;
}
template <size_t N>
inline bool HasSuffix(std::string_view w, const char (&affix)[N]) {
  return w.size() >= N - 1 && HasPrefix(w.substr(w.size() - (N - 1)), affix);
}

// Named codes: Sal*, CBP*, AADSTS<digits>, *FaultFault, VSS_E_*, ERROR_*, RPC_S_*, RPC_E_*,
// E_*, WSAE*, tried in that order. Runs for every word of a matched message: the first
// letter picks the prefixes to try.
bool IsNamedCode(std::string_view w) {
  if (w.size() < 3 || !IsUpper(w[0])) return false;
  switch (w[0]) {
    case 'S':
      if (HasPrefix(w, "Sal")) return w.size() >= 6 && IsUpper(w[3]) && AllOf(w, IsWord);
      break;
    case 'C':
      if (HasPrefix(w, "CBP")) return w.size() >= 6 && IsUpper(w[3]) && AllOf(w, IsWord);
      break;
    case 'A':
      if (HasPrefix(w, "AADSTS")) return AllOf(w.substr(6), IsDigit);
      break;
  }
  if (HasSuffix(w, "FaultFault")) return w.size() > 10;
  switch (w[0]) {
    case 'V':
    case 'R':
    case 'E':
      if (HasPrefix(w, "VSS_E_") || HasPrefix(w, "ERROR_") || HasPrefix(w, "RPC_S_") ||
          HasPrefix(w, "RPC_E_")) {
        return w.size() > 6 && AllOf(w.substr(6), IsUpperOrDigitOrUnderscore);
      }
      return HasPrefix(w, "E_") && AllOf(w.substr(2), IsUpperOrDigitOrUnderscore);
    case 'W':
      return HasPrefix(w, "WSAE") && w.size() > 5 && AllOf(w.substr(4), IsUpper);
  }
  return false;
}

// The words of a text ([0-9A-Za-z_]+), front to back, found 64 bytes at a time: a message
// is mostly words, and a loop over their bytes was a third of ScanCodes.
class Words {
 public:
  Words(const char* p, size_t n) : p_(p), n_(n), block_(Block(0)), bits_(block_) {}

  // The next word, [*start, *end); false when there is none.
  bool Next(size_t* start, size_t* end) {
    while (bits_ == 0) {
      base_ += 64;
      if (base_ >= n_) return false;
      bits_ = block_ = Block(base_);
    }
    const size_t s = base_ + static_cast<size_t>(__builtin_ctzll(bits_));
    // The word ends at the first byte after s that is not a word byte, in this block or a
    // later one (a byte past the end is none).
    uint64_t other = ~block_ & (~uint64_t{0} << (s - base_));
    while (other == 0) {
      base_ += 64;
      block_ = Block(base_);
      other = ~block_;
    }
    const size_t e = static_cast<size_t>(__builtin_ctzll(other));
    bits_ = block_ & (~uint64_t{0} << e);  // bit e is not a word byte: no shift by 64
    *start = s;
    *end = base_ + e;
    return true;
  }

 private:
  // Bit k: whether byte at + k is a word byte; bytes at and past the end are not.
  uint64_t Block(size_t at) const {
    if (at >= n_) return 0;
    if (n_ - at >= 64) return Bits64(p_ + at);
    char tail[64] = {};
    std::memcpy(tail, p_ + at, n_ - at);
    return Bits64(tail);
  }
  static uint64_t Bits64(const char* q) {
#if defined(__SSE2__)
    auto bits16 = [](const char* b) -> uint64_t {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
      const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
      // Upper case folded to lower; bytes of 0x80 and above are negative and stay out.
      const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
      const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                           _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
      const __m128i under = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
      return static_cast<uint32_t>(
          _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(digit, letter), under)));
    };
    return bits16(q) | bits16(q + 16) << 16 | bits16(q + 32) << 32 | bits16(q + 48) << 48;
#else
    uint64_t bits = 0;
    for (int k = 0; k < 64; ++k) bits |= uint64_t{IsWord(q[k])} << k;
    return bits;
#endif
  }

  const char* p_;
  size_t n_;
  size_t base_ = 0;  // the block's first byte
  uint64_t block_;   // the block's word bytes
  uint64_t bits_;    // the same, less the words already returned
};

void Add(const Code& c, std::vector<Code>* out, size_t first) {
  for (size_t i = first; i < out->size(); ++i) {
    if ((*out)[i] == c) return;
  }
  out->push_back(c);
}

Code Hresult(uint32_t v) { return Code{Code::Kind::kHresult, v, {}}; }
Code Id(uint32_t v) { return Code{Code::Kind::kId, v, {}}; }

}  // namespace

std::string Code::ToString() const {
  switch (kind) {
    case Kind::kHresult: {
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string s = "0x00000000";
      for (int i = 0; i < 8; ++i) s[9 - i] = kHex[(value >> (4 * i)) & 0xF];
      return s;
    }
    case Kind::kId:
      return std::to_string(value);
    case Kind::kName:
      return std::string(name);
  }
  return std::string();
}

void ScanCodes(std::string_view text, std::vector<Code>* out) {
  const size_t first = out->size();
  const char* p = text.data();
  const size_t n = text.size();
  Keyword keyword = Keyword::kNone;
  size_t keyword_end = 0;  // where the pending keyword ended
  Words words(p, n);
  size_t start, i;
  while (words.Next(&start, &i)) {
    // Most words of a message: with no keyword before them (which would make a hex word of
    // "deadbeef" a code), nothing below can take them.
    if (keyword == Keyword::kNone && IsNothing(p + start, p + i)) continue;
    const std::string_view w(p + start, i - start);
    // A '-' before the word, not after another word: the sign of a decimal HRESULT.
    const bool negative = start > 0 && p[start - 1] == '-' && (start < 2 || !IsWord(p[start - 2]));

    // Is a keyword pending, with only separators between it and this word?
    Keyword kw = Keyword::kNone;
    if (keyword != Keyword::kNone) {
      bool only_separators = true;
      for (size_t k = keyword_end; k < start; ++k) {
        const char c = p[k];
        const bool sign = negative && k == start - 1;
        if (!(c == ' ' || c == '\t' || c == ':' || c == '=' || c == '[' || c == '(' ||
              c == '#' || sign)) {
          only_separators = false;
          break;
        }
      }
      if (only_separators) kw = keyword;
    }
    keyword = Keyword::kNone;

    if (w.size() >= 3 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
      const std::string_view hex = w.substr(2);
      if (AllOf(hex, IsHex)) {
        if (hex.size() == 8) {
          Add(Hresult(ParseHex(hex)), out, first);
        } else if (hex.size() == 5 && start > 0 && (p[start - 1] == '[' || p[start - 1] == '(') &&
                   i < n && (p[i] == ']' || p[i] == ')')) {
          const uint32_t v = ParseHex(hex);
          if (v >= kMinHexId && v <= kMaxHexId) Add(Id(v), out, first);
        }
      }
      continue;
    }
    if (AllOf(w, IsDigit)) {
      const uint64_t v = w.size() <= 10 ? ParseDecimal(w) : 0;
      if (negative) {
        if (w.size() == 10 && v >= kMinSignedHresult && v <= 0x80000000ULL) {
          Add(Hresult(static_cast<uint32_t>(0x100000000ULL - v)), out, first);
        }
      } else if (kw != Keyword::kNone) {
        if (w.size() == 10 && v >= 0x80000000ULL && v <= 0xFFFFFFFFULL) {
          Add(Hresult(static_cast<uint32_t>(v)), out, first);
        } else if (w.size() == 8 && kw != Keyword::kId) {
          Add(Hresult(ParseHex(w)), out, first);  // HResult: 80780049
        } else if (kw == Keyword::kId && w.size() <= 6) {
          Add(Id(static_cast<uint32_t>(v)), out, first);
        } else if ((kw == Keyword::kError || kw == Keyword::kCode) && w.size() >= 3 &&
                   w.size() <= 6) {
          Add(Id(static_cast<uint32_t>(v)), out, first);
        }
      }
      continue;
    }
    if (kw != Keyword::kNone && kw != Keyword::kId && w.size() == 8 && AllOf(w, IsHex)) {
      Add(Hresult(ParseHex(w)), out, first);  // DetailedHResult: 8007007B
      continue;
    }
    const Keyword own = KeywordOf(w);
    if (own != Keyword::kNone) {
      keyword = own;
      keyword_end = i;
      continue;
    }
    if (IsNamedCode(w)) Add(Code{Code::Kind::kName, 0, w}, out, first);
  }
}

std::optional<Code> ParseCode(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::vector<Code> found;
  ScanCodes(text, &found);
  if (!found.empty()) return found.front();
  // A bare token: strip brackets and quotes, then read it by its shape.
  while (!text.empty() && (text.front() == '[' || text.front() == '(' || text.front() == '"')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ']' || text.back() == ')' || text.back() == '"')) {
    text.remove_suffix(1);
  }
  if (text.size() >= 3 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    const std::string_view hex = text.substr(2);
    if (hex.size() > 8 || !AllOf(hex, IsHex)) return std::nullopt;
    const uint32_t v = ParseHex(hex);
    if (hex.size() <= 5 && v >= kMinHexId && v <= kMaxHexId) return Id(v);
    return Hresult(v);
  }
  if (text.size() > 1 && text[0] == '-' && AllOf(text.substr(1), IsDigit) && text.size() <= 11) {
    const uint64_t v = ParseDecimal(text.substr(1));
    if (v == 0 || v > 0x80000000ULL) return std::nullopt;
    return Hresult(static_cast<uint32_t>(0x100000000ULL - v));
  }
  if (AllOf(text, IsDigit)) {
    if (text.size() == 8) return Hresult(ParseHex(text));
    if (text.size() > 10) return std::nullopt;
    const uint64_t v = ParseDecimal(text);
    if (v >= 0x80000000ULL && v <= 0xFFFFFFFFULL) return Hresult(static_cast<uint32_t>(v));
    if (text.size() <= 7) return Id(static_cast<uint32_t>(v));
    return std::nullopt;
  }
  if (text.size() == 8 && AllOf(text, IsHex)) return Hresult(ParseHex(text));
  if (IsNamedCode(text) && AllOf(text, IsWord)) return Code{Code::Kind::kName, 0, text};
  return std::nullopt;
}

}  // namespace loganalyze
