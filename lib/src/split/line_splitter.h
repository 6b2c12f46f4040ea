// LineSplitter: cuts a stream of code units into lines, across any chunk boundary.
#ifndef LOGANALYZE_SPLIT_LINE_SPLITTER_H_
#define LOGANALYZE_SPLIT_LINE_SPLITTER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"

namespace loganalyze::internal {

struct RawLine {
  std::string_view bytes;    // the line without its terminator, cut at the limit
  uint64_t number = 0;       // 1-based
  uint64_t offset = 0;       // offset of its first byte in the original input
  uint64_t total_bytes = 0;  // every byte of the line: content, cut tail and terminator
  bool truncated = false;    // content was longer than the limit and was cut
  bool in_carry = false;     // `bytes` is in the splitter's own buffer (the line crossed chunks)
  bool ascii = false;        // every byte is below 0x80; false also means "not looked at"
};

// Code-unit geometry of the input. Works on the raw bytes so that offsets are those of the
// original input.
enum class UnitLayout : uint8_t { kByte, kUtf16Le, kUtf16Be };

// A line ends at an LF unit (0x0A), at a CR unit (0x0D) followed by an LF unit (CRLF, one
// terminator), or at a CR unit followed by anything else or by the end of input (a bare CR,
// as old Mac OS wrote). The three may mix in one input: "a\rb\nc\r\nd" is four lines, and
// "\r\r\n" an empty line ended by CR, then an empty line ended by CRLF. A CR that ends a
// chunk waits for the next chunk (or Finish) to say which it is.
//
// Not copyable. Lines are delivered through `on_line`; a line's `bytes` is valid only during
// the call. Memory is bounded by max_line_bytes.
class LineSplitter {
 public:
  using Callback = absl::FunctionRef<void(const RawLine&)>;

  // `start_offset` is where the first byte fed sits in the input (after a BOM).
  LineSplitter(UnitLayout layout, size_t max_line_bytes, uint64_t start_offset);
  LineSplitter(const LineSplitter&) = delete;
  LineSplitter& operator=(const LineSplitter&) = delete;

  // Feeds the next bytes. `chunk` must hold whole code units (an even size for UTF-16).
  void Feed(std::string_view chunk, Callback on_line);
  // Ends the input: `tail` holds a dangling partial code unit, if any. Emits the last line
  // when the input does not end with a newline.
  void Finish(std::string_view tail, Callback on_line);

  uint64_t lines() const { return line_number_; }

 private:
  // 64 bytes at a time from `pos`, all line-end units of a block found at once; in the byte
  // layout non-ASCII bytes too, so that the decoder need not look at an ASCII line again.
  // Returns the start of the first line it did not finish.
  template <UnitLayout kLayout>
  size_t FeedBlocks(const char* p, size_t pos, size_t n, Callback on_line);
  // Emits the line whose content is p[pos, end) of the current chunk, after the carry if there
  // is one, and whose terminator of `terminator_bytes` follows.
  void Emit(const char* p, size_t pos, size_t end, size_t terminator_bytes, bool ascii,
            Callback on_line);
  // Index of the first unit `c` in p[from, n), or n.
  size_t FindUnit(const char* p, size_t from, size_t n, char c) const;
  // True if the unit at p[i] is `c`.
  bool IsUnit(const char* p, size_t i, char c) const;
  void AppendCarry(const char* p, size_t n);
  // Emits the carried line; `terminator_bytes` of its terminator are not counted in it yet.
  void EmitCarry(size_t terminator_bytes, Callback on_line);

  const UnitLayout layout_;
  const size_t unit_;
  const size_t max_line_bytes_;  // a multiple of unit_
  uint64_t line_number_ = 0;
  uint64_t next_offset_;         // offset of the first byte not yet part of an emitted line
  std::string carry_;            // content of a line that crosses chunks, at most max bytes
  uint64_t carry_total_ = 0;     // bytes of that line seen so far, including dropped ones
  bool carry_dropped_ = false;   // bytes beyond the carry capacity were dropped
  bool cr_pending_ = false;      // the last chunk ended with a CR that ends the carried line;
                                 // counted in carry_total_, not in carry_
};

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_SPLIT_LINE_SPLITTER_H_
