// Small UTF-8 helpers shared by the detector and the decoder.
#ifndef LOGANALYZE_DECODE_UTF8_H_
#define LOGANALYZE_DECODE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace loganalyze::internal {

inline constexpr size_t kUtf8Truncated = static_cast<size_t>(-1);

// Returns the index of the first non-ASCII byte of p[i, n), or n. Sixteen bytes at a time
// with SSE2 (every x86-64), then eight.
inline size_t SkipAscii(const uint8_t* p, size_t i, size_t n) {
#if defined(__SSE2__)
  while (i + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (_mm_movemask_epi8(v) != 0) break;
    i += 16;
  }
#endif
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

// Length of the valid UTF-8 sequence starting at p (p[0] >= 0x80), 0 if it is invalid
// (overlong, surrogate, above U+10FFFF, bad continuation), or kUtf8Truncated if the `avail`
// bytes end inside an otherwise valid sequence.
inline size_t Utf8SequenceLength(const uint8_t* p, size_t avail) {
  const uint8_t b0 = p[0];
  size_t len;
  uint8_t lo = 0x80, hi = 0xBF;  // range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (size_t k = 1; k < len; ++k) {
    if (k >= avail) return kUtf8Truncated;
    const uint8_t b = p[k];
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return len;
}

inline void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

inline constexpr uint32_t kReplacementChar = 0xFFFD;

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_DECODE_UTF8_H_
