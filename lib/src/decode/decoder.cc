#include "decode/decoder.h"

#include <cstring>

#include "decode/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace loganalyze::internal {
namespace {

// Writes `cp` as UTF-8 at `out` and returns the position after it.
inline char* PutUtf8(uint32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Windows-1252 0x80..0x9F. The five unassigned bytes map to the C1 controls of the same
// value, as the WHATWG encoding standard does, so that no byte is lost.
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

char* Decoder::Reserve(size_t bytes) {
  std::string& buffer = buffers_[turn_];
  turn_ ^= 1;
  if (buffer.size() < bytes) buffer.resize(bytes);
  return buffer.data();
}

std::string_view Decoder::Decode(std::string_view raw) {
  switch (encoding_) {
    case Encoding::kUtf8:
      return DecodeUtf8(raw);
    case Encoding::kUtf16Le:
      return DecodeUtf16(raw, /*little_endian=*/true);
    case Encoding::kUtf16Be:
      return DecodeUtf16(raw, /*little_endian=*/false);
    case Encoding::kWindows1252:
      return DecodeWindows1252(raw);
  }
  return raw;
}

std::string_view Decoder::DecodeUtf8(std::string_view raw) {
  const auto* p = reinterpret_cast<const uint8_t*>(raw.data());
  const size_t n = raw.size();
  size_t i = SkipAscii(p, 0, n);
  if (i == n) return raw;  // the common case: pure ASCII, no copy
  // Validate the rest; copy only if something must be replaced.
  size_t j = i;
  while (j < n) {
    j = SkipAscii(p, j, n);
    if (j >= n) return raw;
    const size_t len = Utf8SequenceLength(p + j, n - j);
    if (len == 0 || len == kUtf8Truncated) break;
    j += len;
  }
  // Slow path: each invalid byte (or truncated tail) becomes one U+FFFD (3 bytes).
  char* out = Reserve(n * 3);
  char* start = out;
  std::memcpy(out, p, j);
  out += j;
  while (j < n) {
    if (p[j] < 0x80) {
      *out++ = static_cast<char>(p[j++]);
      continue;
    }
    const size_t len = Utf8SequenceLength(p + j, n - j);
    if (len == kUtf8Truncated) {
      out = PutUtf8(kReplacementChar, out);
      ++replaced_;
      break;
    }
    if (len == 0) {
      out = PutUtf8(kReplacementChar, out);
      ++replaced_;
      ++j;
      continue;
    }
    std::memcpy(out, p + j, len);
    out += len;
    j += len;
  }
  return std::string_view(start, out - start);
}

std::string_view Decoder::DecodeUtf16(std::string_view raw, bool little_endian) {
  const auto* p = reinterpret_cast<const uint8_t*>(raw.data());
  const size_t n = raw.size();
  // Every code unit yields at most 3 bytes; a dangling byte one U+FFFD.
  char* out = Reserve(n / 2 * 3 + 3);
  char* const start = out;
  const int hi = little_endian ? 1 : 0;
  const int lo = 1 - hi;
  const uint64_t high_mask = little_endian ? 0xFF80FF80FF80FF80ULL : 0x80FF80FF80FF80FFULL;
  size_t i = 0;
  while (i + 1 < n) {
#if defined(__SSE2__)
    // Fast path: sixteen ASCII code units at a time, packed to their low bytes.
    const __m128i high16 = _mm_set1_epi16(little_endian ? static_cast<int16_t>(0xFF80)
                                                        : static_cast<int16_t>(0x80FF));
    while (i + 32 <= n) {
      __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16));
      const __m128i high = _mm_and_si128(_mm_or_si128(a, b), high16);
      if (_mm_movemask_epi8(_mm_cmpeq_epi8(high, _mm_setzero_si128())) != 0xFFFF) break;
      if (!little_endian) {  // the ASCII byte is the second of each unit
        a = _mm_srli_epi16(a, 8);
        b = _mm_srli_epi16(b, 8);
      }
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_packus_epi16(a, b));
      out += 16;
      i += 32;
    }
    // The last units of a line, fewer than sixteen: one more block, ending at the last whole
    // unit and overlapping units already done, instead of the loops below. Only while every
    // unit so far was ASCII (one byte out for each: the block's bytes land where theirs did).
    // The block is written out again, not shared with the loop: folded into the loop or into
    // a helper, the compiled code cost more instructions than this saves.
    const size_t whole = n & ~size_t{1};
    if (i < whole && i + 32 > whole && whole >= 32 && static_cast<size_t>(out - start) * 2 == i) {
      const size_t at = whole - 32;
      __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
      __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at + 16));
      const __m128i high = _mm_and_si128(_mm_or_si128(a, b), high16);
      if (_mm_movemask_epi8(_mm_cmpeq_epi8(high, _mm_setzero_si128())) == 0xFFFF) {
        if (!little_endian) {
          a = _mm_srli_epi16(a, 8);
          b = _mm_srli_epi16(b, 8);
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(start + at / 2), _mm_packus_epi16(a, b));
        out = start + whole / 2;
        i = whole;
        break;
      }
    }
#endif
    // Four ASCII code units at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & high_mask) break;
      out[0] = static_cast<char>(p[i + lo]);
      out[1] = static_cast<char>(p[i + 2 + lo]);
      out[2] = static_cast<char>(p[i + 4 + lo]);
      out[3] = static_cast<char>(p[i + 6 + lo]);
      out += 4;
      i += 8;
    }
    if (i + 1 >= n) break;
    const uint32_t u = static_cast<uint32_t>(p[i + hi]) << 8 | p[i + lo];
    i += 2;
    if (u < 0xD800 || u > 0xDFFF) {
      out = PutUtf8(u, out);
    } else if (u <= 0xDBFF && i + 1 < n) {
      const uint32_t u2 = static_cast<uint32_t>(p[i + hi]) << 8 | p[i + lo];
      if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
        out = PutUtf8(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00), out);
        i += 2;
      } else {
        out = PutUtf8(kReplacementChar, out);
        ++replaced_;
      }
    } else {
      out = PutUtf8(kReplacementChar, out);  // unpaired surrogate
      ++replaced_;
    }
  }
  if (i < n) {  // a dangling byte: the input ended inside a code unit
    out = PutUtf8(kReplacementChar, out);
    ++replaced_;
  }
  return std::string_view(start, out - start);
}

std::string_view Decoder::DecodeWindows1252(std::string_view raw) {
  const auto* p = reinterpret_cast<const uint8_t*>(raw.data());
  const size_t n = raw.size();
  size_t i = SkipAscii(p, 0, n);
  if (i == n) return raw;
  char* out = Reserve(n * 3);
  char* const start = out;
  std::memcpy(out, p, i);
  out += i;
  for (; i < n; ++i) {
    const uint8_t b = p[i];
    if (b < 0x80) {
      *out++ = static_cast<char>(b);
    } else {
      out = PutUtf8(b < 0xA0 ? kCp1252High[b - 0x80] : b, out);
    }
  }
  return std::string_view(start, out - start);
}

}  // namespace loganalyze::internal
