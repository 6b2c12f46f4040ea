// Encoding detection from the first bytes of an input.
#ifndef LOGANALYZE_DECODE_ENCODING_DETECTOR_H_
#define LOGANALYZE_DECODE_ENCODING_DETECTOR_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "loganalyze/record.h"

namespace loganalyze::internal {

struct DetectedEncoding {
  Encoding encoding = Encoding::kUtf8;
  size_t bom_bytes = 0;  // length of the byte-order mark to skip
};

// How many leading bytes DetectEncoding looks at; it decides with fewer at the end of input.
inline constexpr size_t kSniffBytes = 64 * 1024;

// Detects the encoding of an input from its first bytes (`head`, up to kSniffBytes):
//  1. a BOM: EF BB BF (UTF-8), FF FE (UTF-16LE), FE FF (UTF-16BE);
//  2. no BOM: UTF-16LE when most odd bytes are NUL and few even bytes are (ASCII-heavy text
//     such as these logs), UTF-16BE for the mirror case;
//  3. UTF-8 when `head` is valid UTF-8 (a sequence cut by the end of `head` is allowed
//     unless `at_end`);
//  4. UTF-16LE, or else UTF-16BE, when `head` read so is mostly East Asian text, which has
//     few NUL bytes: most code units in the CJK blocks (ideographs, kana, Hangul, CJK and
//     fullwidth punctuation), nearly all the rest ASCII, surrogates only in valid pairs;
//  5. otherwise UTF-8 when `head` holds more valid multibyte UTF-8 sequences than invalid
//     bytes (a UTF-8 log with a few corrupt bytes, which the decoder replaces with U+FFFD
//     and counts), else Windows-1252 (accented letters between ASCII letters are invalid
//     UTF-8 and rarely form a valid sequence).
DetectedEncoding DetectEncoding(std::string_view head, bool at_end);

// Why `head` (the first bytes of an input, detected as `detected`) is not text, or "" when it
// is: a known binary signature, NUL bytes in 8-bit text, or many control characters.
std::string BinaryReason(std::string_view head, const DetectedEncoding& detected);

// True if `bytes` is valid UTF-8. When `allow_truncated_tail`, an incomplete but so far valid
// sequence at the very end is accepted.
bool IsValidUtf8(std::string_view bytes, bool allow_truncated_tail = false);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_DECODE_ENCODING_DETECTOR_H_
