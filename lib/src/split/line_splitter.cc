#include "split/line_splitter.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace loganalyze::internal {
namespace {

// Bit i of *ends is set when p[i] is '\n' or '\r', bit i of *high when p[i] >= 0x80.
inline void Scan64(const char* p, uint64_t* ends, uint64_t* high) {
  uint64_t end = 0, hi = 0;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  __m128i v[4];
  for (int k = 0; k < 4; ++k) {
    v[k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i e = _mm_or_si128(_mm_cmpeq_epi8(v[k], lf), _mm_cmpeq_epi8(v[k], cr));
    end |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(e))) << (16 * k);
  }
  // Non-ASCII bytes are rare: one test for the block, the positions only when there are some.
  if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(v[0], v[1]), _mm_or_si128(v[2], v[3]))) != 0) {
    for (int k = 0; k < 4; ++k) {
      hi |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(v[k]))) << (16 * k);
    }
  }
#else
  for (int k = 0; k < 64; ++k) {
    end |= static_cast<uint64_t>(p[k] == '\n' || p[k] == '\r') << k;
    hi |= static_cast<uint64_t>(static_cast<unsigned char>(p[k]) >= 0x80) << k;
  }
#endif
  *ends = end;
  *high = hi;
}

// UTF-16 from a unit boundary: bit j of the result is set when the unit j of p[0, 64) is LF or
// CR. The 16-bit lanes line up with the units, so a lane compare checks both bytes.
template <bool kLittleEndian>
inline uint64_t ScanUnits64(const char* p) {
  uint64_t end = 0;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi16(kLittleEndian ? 0x000A : 0x0A00);
  const __m128i cr = _mm_set1_epi16(kLittleEndian ? 0x000D : 0x0D00);
  __m128i e[4];
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    e[k] = _mm_or_si128(_mm_cmpeq_epi16(v, lf), _mm_cmpeq_epi16(v, cr));
  }
  // One byte per unit (0xFFFF saturates to 0xFF), sixteen units per mask.
  end = static_cast<uint32_t>(_mm_movemask_epi8(_mm_packs_epi16(e[0], e[1]))) |
        static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_packs_epi16(e[2], e[3]))))
            << 16;
#else
  for (int k = 0; k < 32; ++k) {
    const char low = p[2 * k + (kLittleEndian ? 0 : 1)], high = p[2 * k + (kLittleEndian ? 1 : 0)];
    end |= static_cast<uint64_t>(high == 0 && (low == '\n' || low == '\r')) << k;
  }
#endif
  return end;
}

// True if the unit at p[i] is `c`.
template <UnitLayout kLayout>
inline bool IsUnitAt(const char* p, size_t i, char c) {
  switch (kLayout) {
    case UnitLayout::kByte:
      return p[i] == c;
    case UnitLayout::kUtf16Le:
      return p[i] == c && p[i + 1] == 0;
    case UnitLayout::kUtf16Be:
      return p[i] == 0 && p[i + 1] == c;
  }
  return false;
}

// Bits [from, 64) and [0, below) of a word; from and below in 0..64.
inline uint64_t BitsFrom(size_t from) { return from >= 64 ? 0 : ~uint64_t{0} << from; }
inline uint64_t BitsBelow(size_t below) {
  return below == 0 ? 0 : ~uint64_t{0} >> (64 - below);
}

}  // namespace

LineSplitter::LineSplitter(UnitLayout layout, size_t max_line_bytes, uint64_t start_offset)
    : layout_(layout),
      unit_(layout == UnitLayout::kByte ? 1 : 2),
      max_line_bytes_(std::max<size_t>(unit_, max_line_bytes / unit_ * unit_)),
      next_offset_(start_offset) {}

size_t LineSplitter::FindUnit(const char* p, size_t from, size_t n, char c) const {
  // UTF-16 chunks start on a unit boundary, so a unit starts at an even index.
  size_t i = from;
  while (i < n) {
    const void* q = std::memchr(p + i, c, n - i);
    if (q == nullptr) return n;
    const size_t k = static_cast<const char*>(q) - p;
    switch (layout_) {
      case UnitLayout::kByte:
        return k;
      case UnitLayout::kUtf16Le:
        if ((k & 1) == 0 && k + 1 < n && p[k + 1] == 0) return k;
        break;
      case UnitLayout::kUtf16Be:
        if ((k & 1) == 1 && p[k - 1] == 0) return k - 1;
        break;
    }
    i = k + 1;
  }
  return n;
}

inline bool LineSplitter::IsUnit(const char* p, size_t i, char c) const {
  switch (layout_) {
    case UnitLayout::kByte:
      return IsUnitAt<UnitLayout::kByte>(p, i, c);
    case UnitLayout::kUtf16Le:
      return IsUnitAt<UnitLayout::kUtf16Le>(p, i, c);
    case UnitLayout::kUtf16Be:
      return IsUnitAt<UnitLayout::kUtf16Be>(p, i, c);
  }
  return false;
}

void LineSplitter::AppendCarry(const char* p, size_t n) {
  carry_total_ += n;
  const size_t take = std::min(n, max_line_bytes_ - std::min(max_line_bytes_, carry_.size()));
  carry_.append(p, take);
  if (take < n) carry_dropped_ = true;
}

void LineSplitter::EmitCarry(size_t terminator_bytes, Callback on_line) {
  RawLine line;
  line.bytes = carry_;
  line.truncated = carry_dropped_;
  line.in_carry = true;
  line.number = ++line_number_;
  line.offset = next_offset_;
  line.total_bytes = carry_total_ + terminator_bytes;
  next_offset_ += line.total_bytes;
  on_line(line);
  carry_.clear();
  carry_total_ = 0;
  carry_dropped_ = false;
}

inline void LineSplitter::Emit(const char* p, size_t pos, size_t end, size_t terminator_bytes,
                               bool ascii, Callback on_line) {
  if (carry_total_ != 0) {
    // A line that began in an earlier chunk comes from the carry: `ascii` does not cover it.
    AppendCarry(p + pos, end - pos);
    EmitCarry(terminator_bytes, on_line);
    return;
  }
  // The whole line is in this chunk: deliver a view, no copy.
  RawLine line;
  std::string_view content(p + pos, end - pos);
  line.truncated = content.size() > max_line_bytes_;
  if (line.truncated) content = content.substr(0, max_line_bytes_);
  line.bytes = content;
  line.ascii = ascii;
  line.number = ++line_number_;
  line.offset = next_offset_;
  line.total_bytes = end - pos + terminator_bytes;
  next_offset_ += line.total_bytes;
  on_line(line);
}

template <UnitLayout kLayout>
size_t LineSplitter::FeedBlocks(const char* p, size_t pos, size_t n, Callback on_line) {
  constexpr size_t kUnit = kLayout == UnitLayout::kByte ? 1 : 2;
  constexpr size_t kLow = kLayout == UnitLayout::kUtf16Be ? 1 : 0;  // the byte 0x0A or 0x0D
  bool high = false;  // a byte >= 0x80 in the current line before this block
  for (size_t i = pos; i + 64 <= n; i += 64) {
    uint64_t ends, hi = 0;
    if constexpr (kLayout == UnitLayout::kByte) {
      Scan64(p + i, &ends, &hi);
    } else {
      ends = ScanUnits64<kLayout == UnitLayout::kUtf16Le>(p + i);
    }
    while (ends != 0) {
      const size_t b = static_cast<size_t>(__builtin_ctzll(ends));  // a unit of the block
      ends &= ends - 1;
      const size_t k = i + kUnit * b;
      size_t terminator = kUnit;
      if (p[k + kLow] == '\r') {
        if (k + kUnit == n) return pos;  // CR or CRLF: the next chunk says which
        if (IsUnitAt<kLayout>(p, k + kUnit, '\n')) {
          terminator = 2 * kUnit;
          ends &= ~(uint64_t{2} << b);  // its LF is done (one in the next block: below)
        }
      } else if (k < pos) {
        continue;  // the LF of a CRLF whose CR ended the previous block
      }
      // Only the byte layout knows whether the line is ASCII; UTF-16 is transcoded anyway.
      const size_t from = pos > i ? pos - i : 0;
      const bool ascii =
          kLayout == UnitLayout::kByte && !high && (hi & BitsFrom(from) & BitsBelow(b)) == 0;
      Emit(p, pos, k, terminator, ascii, on_line);
      pos = k + terminator;
      high = false;
    }
    high = high || (hi & BitsFrom(pos > i ? pos - i : 0)) != 0;
  }
  return pos;
}

void LineSplitter::Feed(std::string_view chunk, Callback on_line) {
  const char* p = chunk.data();
  const size_t n = chunk.size();
  size_t pos = 0;
  if (cr_pending_ && n > 0) {
    cr_pending_ = false;
    pos = IsUnit(p, 0, '\n') ? unit_ : 0;
    EmitCarry(pos, on_line);
  }
  switch (layout_) {
    case UnitLayout::kByte:
      pos = FeedBlocks<UnitLayout::kByte>(p, pos, n, on_line);
      break;
    case UnitLayout::kUtf16Le:
      pos = FeedBlocks<UnitLayout::kUtf16Le>(p, pos, n, on_line);
      break;
    case UnitLayout::kUtf16Be:
      pos = FeedBlocks<UnitLayout::kUtf16Be>(p, pos, n, on_line);
      break;
  }
  // The rest, less than a block after the last line end: the next LF and CR at or after
  // `pos` (n when there is none), each searched for again only once passed.
  size_t lf = FindUnit(p, pos, n, '\n');
  size_t cr = FindUnit(p, pos, n, '\r');
  while (pos < n) {
    if (lf < pos) lf = FindUnit(p, pos, n, '\n');
    if (cr < pos) cr = FindUnit(p, pos, n, '\r');
    if (lf < cr) {
      Emit(p, pos, lf, unit_, /*ascii=*/false, on_line);
      pos = lf + unit_;
    } else if (cr == n) {  // no line end in the rest of the chunk
      AppendCarry(p + pos, n - pos);
      return;
    } else if (cr + unit_ == n) {  // CR or CRLF: the next chunk says which
      AppendCarry(p + pos, cr - pos);
      carry_total_ += unit_;
      cr_pending_ = true;
      return;
    } else {
      const size_t terminator = IsUnit(p, cr + unit_, '\n') ? 2 * unit_ : unit_;
      Emit(p, pos, cr, terminator, /*ascii=*/false, on_line);
      pos = cr + terminator;
    }
  }
}

void LineSplitter::Finish(std::string_view tail, Callback on_line) {
  if (cr_pending_) {  // a CR at the very end, or before a dangling byte, ends its line
    cr_pending_ = false;
    EmitCarry(0, on_line);
  }
  if (!tail.empty()) AppendCarry(tail.data(), tail.size());
  if (carry_total_ > 0) EmitCarry(0, on_line);
}

}  // namespace loganalyze::internal
