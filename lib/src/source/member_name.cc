#include "source/member_name.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>

#include "decode/encoding_detector.h"
#include "decode/utf8.h"
#include "source/platform.h"

namespace loganalyze::internal {
namespace {

// CP437 bytes 0x80-0xFF: accented letters, currency, box drawing, Greek and mathematics.
constexpr char16_t kCp437High[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,  // 80
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,  // 88
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,  // 90
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,  // 98
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,  // A0
    0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,  // A8
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,  // B0
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,  // B8
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,  // C0
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,  // C8
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,  // D0
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,  // D8
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,  // E0
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,  // E8
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,  // F0
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,  // F8
};

// The blocks of a Chinese name past ASCII. Big5's symbol rows (Greek, box drawing, units)
// are left out: Western CP437 bytes pair up into them too easily.
struct ChineseBlock {
  char16_t first, last;
  bool ideographs;
};
constexpr ChineseBlock kChineseBlocks[] = {
    {0x3000, 0x303F, false},  // CJK Symbols and Punctuation
    {0x3100, 0x312F, false},  // Bopomofo
    {0x3400, 0x4DBF, true},   // CJK Unified Ideographs Extension A
    {0x4E00, 0x9FFF, true},   // CJK Unified Ideographs
    {0xF900, 0xFAFF, true},   // CJK Compatibility Ideographs
    {0xFF00, 0xFFEF, false},  // Halfwidth and Fullwidth Forms
};

}  // namespace

std::string Cp437ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char b : bytes) {
    const auto byte = static_cast<unsigned char>(b);
    AppendUtf8(byte < 0x80 ? byte : kCp437High[byte - 0x80], &out);
  }
  return out;
}

bool IsChineseName(std::u16string_view text) {
  bool ideograph = false;
  for (char16_t c : text) {
    if (c < 0x80) continue;
    const ChineseBlock* block = std::find_if(
        std::begin(kChineseBlocks), std::end(kChineseBlocks),
        [c](const ChineseBlock& b) { return c >= b.first && c <= b.last; });
    if (block == std::end(kChineseBlocks)) return false;
    ideograph |= block->ideographs;
  }
  return ideograph;
}

namespace {

// `bytes` with the trail bytes 0x5C ('\\') of CP950 characters given back where a '/' stands
// in their place. libarchive built for Windows turns every '\\' of a name stored by a
// Windows tool into '/' before we see it, the second byte of 許, 功 or 蓋 (0xB3 0x5C ...)
// included. A '/' right after a lead byte is never valid CP950, so it can only be such a byte.
std::string WithCp950TrailBackslashes(std::string_view bytes) {
  std::string out(bytes);
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    const auto b = static_cast<unsigned char>(out[i]);
    if (b < 0x81 || b == 0xFF) continue;  // one byte
    if (out[i + 1] == '/') out[i + 1] = '\\';
    ++i;  // the lead byte and its trail byte
  }
  return out;
}

}  // namespace

DecodedName DecodeStoredName(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return {std::string(bytes), NameEncoding::kUtf8};
  if (const std::optional<std::u16string> cp950 = Cp950ToUtf16(WithCp950TrailBackslashes(bytes));
      cp950.has_value() && IsChineseName(*cp950)) {
    DecodedName name{std::string(), NameEncoding::kCp950};
    // Every unit is a BMP character: IsChineseName admits no surrogate.
    for (char16_t c : *cp950) AppendUtf8(c, &name.utf8);
    return name;
  }
  return {Cp437ToUtf8(bytes), NameEncoding::kCp437};
}

}  // namespace loganalyze::internal
