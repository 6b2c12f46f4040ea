// Decoder: turns the raw bytes of one line into UTF-8.
//
// The pipeline splits lines before it transcodes them (Source -> LineSplitter on code units ->
// Decoder), a deliberate deviation from decoding whole chunks first: every line then keeps
// its byte offset in the original input without a side table, and valid UTF-8 lines pass
// through without a copy.
#ifndef LOGANALYZE_DECODE_DECODER_H_
#define LOGANALYZE_DECODE_DECODER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "loganalyze/record.h"

namespace loganalyze::internal {

class Decoder {
 public:
  explicit Decoder(Encoding encoding) : encoding_(encoding) {}
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Decodes `raw`, the bytes of one line without its terminator (whole code units, except
  // possibly a dangling byte at the end of the input). Returns valid UTF-8: `raw` itself when
  // it already is, otherwise a view of an internal buffer valid until the call after the
  // next one (two buffers take turns, so that a parser can keep a line while it looks at the
  // next one without copying it).
  // Invalid bytes, truncated code units and unpaired surrogates become U+FFFD, counted in
  // replaced().
  std::string_view Decode(std::string_view raw);
  // The same, when the caller already knows whether every byte of `raw` is below 0x80 (the
  // line splitter finds out for byte encodings while it looks for newlines): an ASCII line
  // in UTF-8 or Windows-1252 is then returned as it is, without another look.
  std::string_view Decode(std::string_view raw, bool ascii) {
    if (ascii && (encoding_ == Encoding::kUtf8 || encoding_ == Encoding::kWindows1252)) {
      return raw;
    }
    return Decode(raw);
  }

  Encoding encoding() const { return encoding_; }
  uint64_t replaced() const { return replaced_; }

 private:
  std::string_view DecodeUtf8(std::string_view raw);
  std::string_view DecodeUtf16(std::string_view raw, bool little_endian);
  std::string_view DecodeWindows1252(std::string_view raw);
  char* Reserve(size_t bytes);

  Encoding encoding_;
  uint64_t replaced_ = 0;
  std::string buffers_[2];  // only grow; each reused for every other transcoded line
  int turn_ = 0;            // the buffer the next transcoded line goes to
};

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_DECODE_DECODER_H_
