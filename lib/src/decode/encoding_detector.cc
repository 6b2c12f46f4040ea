#include "decode/encoding_detector.h"

#include <cstdint>

#include "decode/utf8.h"

namespace loganalyze::internal {

namespace {

// `bytes` read as UTF-8 the way the decoder reads it: valid sequences of two to four bytes,
// and the bytes the decoder would replace with U+FFFD (each invalid byte once; a sequence cut
// by the end of input once; one cut by the end of `bytes`, with more input to come, not at
// all).
struct Utf8Census {
  size_t multibyte = 0;
  size_t invalid = 0;
};

Utf8Census CountUtf8(std::string_view bytes, bool at_end) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const size_t n = bytes.size();
  Utf8Census c;
  size_t i = 0;
  while (i < n) {
    i = SkipAscii(p, i, n);
    if (i >= n) break;
    const size_t len = Utf8SequenceLength(p + i, n - i);
    if (len == kUtf8Truncated) {
      c.invalid += at_end;
      break;
    }
    if (len == 0) {
      ++c.invalid;
      ++i;
    } else {
      ++c.multibyte;
      i += len;
    }
  }
  return c;
}

// The blocks of East Asian text: CJK symbols and punctuation, kana, CJK ideographs (extension
// A and the unified block), Hangul syllables, and the halfwidth and fullwidth forms.
bool IsCjkUnit(uint32_t u) {
  return (u >= 0x3000 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x4DBF) ||
         (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0xAC00 && u <= 0xD7AF) ||
         (u >= 0xFF00 && u <= 0xFFEF);
}

// True when `head`, read as UTF-16 in the given byte order, is East Asian text: at least 8
// code units, surrogates only in valid pairs (a high one may end the head unless `at_end`),
// at least 40% of the units in the CJK blocks, at most 5% outside them, printable ASCII, tab,
// CR, LF and pairs, and at least a fifth of the CJK units with a low byte of 0x80 or more.
// The last test keeps 8-bit text out: pairs of lowercase ASCII letters read as one unit fall
// in the ideograph block ("ab" is U+6261) but never have the high bit in either byte, while
// the low bytes of real ideographs and kana are spread over the whole range.
bool LooksLikeCjkUtf16(std::string_view head, bool little_endian, bool at_end) {
  const auto* p = reinterpret_cast<const uint8_t*>(head.data());
  const size_t units = head.size() / 2;
  if (units < 8) return false;
  const auto unit = [p, little_endian](size_t k) {
    const uint8_t* q = p + 2 * k;
    return little_endian ? static_cast<uint32_t>(q[1]) << 8 | q[0]
                         : static_cast<uint32_t>(q[0]) << 8 | q[1];
  };
  size_t cjk = 0, cjk_high_low_byte = 0, other = 0;
  for (size_t k = 0; k < units; ++k) {
    const uint32_t u = unit(k);
    if (u >= 0xD800 && u <= 0xDBFF && k + 1 < units) {
      const uint32_t low = unit(k + 1);
      if (low < 0xDC00 || low > 0xDFFF) return false;
      ++k;  // a supplementary character, such as an ideograph of extension B
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      if (u >= 0xDC00 || at_end) return false;  // unpaired
    } else if (IsCjkUnit(u)) {
      ++cjk;
      cjk_high_low_byte += (u & 0x80) != 0;
    } else if (!((u >= 0x20 && u < 0x7F) || u == '\t' || u == '\n' || u == '\r')) {
      ++other;
    }
  }
  return other * 20 <= units && cjk * 10 >= units * 4 && cjk_high_low_byte * 5 >= cjk;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes, bool allow_truncated_tail) {
  return CountUtf8(bytes, /*at_end=*/!allow_truncated_tail).invalid == 0;
}

std::string BinaryReason(std::string_view head, const DetectedEncoding& detected) {
  struct Magic {
    std::string_view bytes;
    const char* what;
  };
  static constexpr Magic kMagic[] = {
      {"MZ", "a Windows executable"},       {"\x7F" "ELF", "an ELF executable"},
      {"\x89PNG", "a PNG image"},           {"GIF8", "a GIF image"},
      {"\xFF\xD8\xFF", "a JPEG image"},     {"ElfFile", "a Windows event log (.evtx)"},
      {"%PDF", "a PDF document"},           {"\xD0\xCF\x11\xE0", "an OLE/Office document"},
      {"SQLite format", "a SQLite database"},
  };
  for (const Magic& m : kMagic) {
    if (head.substr(0, m.bytes.size()) == m.bytes) return std::string("binary file: ") + m.what;
  }
  if (detected.bom_bytes > 0) return std::string();  // a BOM says text
  const auto* p = reinterpret_cast<const uint8_t*>(head.data());
  const size_t unit = detected.encoding == Encoding::kUtf16Le ||
                              detected.encoding == Encoding::kUtf16Be ? 2 : 1;
  const size_t lo = detected.encoding == Encoding::kUtf16Be ? 1 : 0;
  size_t units = 0, control = 0, nul = 0;
  for (size_t i = 0; i + unit <= head.size(); i += unit) {
    ++units;
    const bool wide_high = unit == 2 && p[i + 1 - lo] != 0;
    const uint8_t c = p[i + lo];
    if (wide_high) continue;
    if (c == 0) {
      ++nul;
    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
      ++control;
    }
  }
  if (units == 0) return std::string();
  if (unit == 1 && nul * 100 > units) {
    return "binary file: NUL bytes in 8-bit text";
  }
  if ((control + nul) * 10 > units) {
    return "binary file: " + std::to_string((control + nul) * 100 / units) +
           "% control characters";
  }
  return std::string();
}

DetectedEncoding DetectEncoding(std::string_view head, bool at_end) {
  const auto* p = reinterpret_cast<const uint8_t*>(head.data());
  const size_t n = head.size();
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return {Encoding::kUtf8, 3};
  if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) return {Encoding::kUtf16Le, 2};
  if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) return {Encoding::kUtf16Be, 2};

  // UTF-16 without BOM: the logs are mostly ASCII, so one byte of every code unit is NUL.
  // Two thresholds keep a file of NULs (both sides NUL) and binary data out.
  size_t even_nul = 0, odd_nul = 0;
  const size_t pairs = n / 2;
  for (size_t i = 0; i + 1 < n; i += 2) {
    even_nul += p[i] == 0;
    odd_nul += p[i + 1] == 0;
  }
  if (pairs >= 2) {
    if (odd_nul * 10 >= pairs * 6 && even_nul * 10 <= pairs) return {Encoding::kUtf16Le, 0};
    if (even_nul * 10 >= pairs * 6 && odd_nul * 10 <= pairs) return {Encoding::kUtf16Be, 0};
  }
  const Utf8Census utf8 = CountUtf8(head, at_end);
  if (utf8.invalid == 0) return {Encoding::kUtf8, 0};
  if (LooksLikeCjkUtf16(head, /*little_endian=*/true, at_end)) return {Encoding::kUtf16Le, 0};
  if (LooksLikeCjkUtf16(head, /*little_endian=*/false, at_end)) return {Encoding::kUtf16Be, 0};
  // Read as UTF-8, each invalid byte is lost to U+FFFD; read as Windows-1252, each valid
  // multibyte sequence turns into two to four wrong characters. Choose the reading that
  // spoils fewer: a UTF-8 log with a few corrupt bytes keeps its many valid sequences, while
  // in real 1252 text (accented letters between ASCII) valid sequences arise only by chance.
  // A tie goes to 1252, which loses no byte.
  if (utf8.multibyte > utf8.invalid) return {Encoding::kUtf8, 0};
  return {Encoding::kWindows1252, 0};
}

}  // namespace loganalyze::internal
