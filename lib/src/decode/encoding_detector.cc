#include "decode/encoding_detector.h"

#include <cstdint>

#include "decode/utf8.h"

namespace loganalyze::internal {

bool IsValidUtf8(std::string_view bytes, bool allow_truncated_tail) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    i = SkipAscii(p, i, n);
    if (i >= n) break;
    const size_t len = Utf8SequenceLength(p + i, n - i);
    if (len == 0) return false;
    if (len == kUtf8Truncated) return allow_truncated_tail;
    i += len;
  }
  return true;
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
  if (IsValidUtf8(head, /*allow_truncated_tail=*/!at_end)) return {Encoding::kUtf8, 0};
  return {Encoding::kWindows1252, 0};
}

}  // namespace loganalyze::internal
