#include "split/line_splitter.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace loganalyze::internal {
namespace {

constexpr size_t kNotFound = static_cast<size_t>(-1);

// Bit i of *newlines is set when p[i] is '\n', bit i of *high when p[i] >= 0x80.
inline void Scan64(const char* p, uint64_t* newlines, uint64_t* high) {
  uint64_t nl = 0, hi = 0;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  __m128i v[4];
  for (int k = 0; k < 4; ++k) {
    v[k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    nl |= static_cast<uint64_t>(
              static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v[k], lf))))
          << (16 * k);
  }
  // Non-ASCII bytes are rare: one test for the block, the positions only when there are some.
  if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(v[0], v[1]), _mm_or_si128(v[2], v[3]))) != 0) {
    for (int k = 0; k < 4; ++k) {
      hi |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(v[k]))) << (16 * k);
    }
  }
#else
  for (int k = 0; k < 64; ++k) {
    nl |= static_cast<uint64_t>(p[k] == '\n') << k;
    hi |= static_cast<uint64_t>(static_cast<unsigned char>(p[k]) >= 0x80) << k;
  }
#endif
  *newlines = nl;
  *high = hi;
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

// Returns the index of the first byte of the next newline unit in p[from, n), or kNotFound.
// UTF-16 chunks start on a unit boundary, so a unit starts at an even index.
size_t LineSplitter::FindNewline(const char* p, size_t from, size_t n) const {
  size_t i = from;
  while (i < n) {
    const void* q = std::memchr(p + i, '\n', n - i);
    if (q == nullptr) return kNotFound;
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
  return kNotFound;
}

inline bool LineSplitter::EndsWithCr(std::string_view s) const {
  // A last line that ends in a dangling byte has no whole unit there to be a CR.
  if (s.size() < unit_ || s.size() % unit_ != 0) return false;
  const char* u = s.data() + s.size() - unit_;
  switch (layout_) {
    case UnitLayout::kByte:
      return u[0] == '\r';
    case UnitLayout::kUtf16Le:
      return u[0] == '\r' && u[1] == 0;
    case UnitLayout::kUtf16Be:
      return u[0] == 0 && u[1] == '\r';
  }
  return false;
}

void LineSplitter::AppendCarry(const char* p, size_t n) {
  carry_total_ += n;
  // Room for the content limit plus one unit, so that a CR at the limit can still be stripped.
  const size_t capacity = max_line_bytes_ + unit_;
  const size_t take = std::min(n, capacity - std::min(capacity, carry_.size()));
  carry_.append(p, take);
  if (take < n) carry_dropped_ = true;
}

void LineSplitter::EmitCarry(size_t terminator_bytes, Callback on_line) {
  RawLine line;
  std::string_view content(carry_);
  if (!carry_dropped_ && EndsWithCr(content)) content.remove_suffix(unit_);
  line.truncated = carry_dropped_ || content.size() > max_line_bytes_;
  if (content.size() > max_line_bytes_) content = content.substr(0, max_line_bytes_);
  line.bytes = content;
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

inline void LineSplitter::Emit(const char* p, size_t pos, size_t nl, bool ascii,
                               Callback on_line) {
  if (carry_total_ != 0) {
    // A line that began in an earlier chunk comes from the carry: `ascii` does not cover it.
    AppendCarry(p + pos, nl - pos);
    EmitCarry(unit_, on_line);
    return;
  }
  // The whole line is in this chunk: deliver a view, no copy.
  RawLine line;
  std::string_view content(p + pos, nl - pos);
  if (EndsWithCr(content)) content.remove_suffix(unit_);
  line.truncated = content.size() > max_line_bytes_;
  if (line.truncated) content = content.substr(0, max_line_bytes_);
  line.bytes = content;
  line.ascii = ascii;
  line.number = ++line_number_;
  line.offset = next_offset_;
  line.total_bytes = nl - pos + unit_;
  next_offset_ += line.total_bytes;
  on_line(line);
}

size_t LineSplitter::FeedBlocks(const char* p, size_t n, Callback on_line) {
  size_t pos = 0;     // start of the current line in the chunk
  bool high = false;  // a byte >= 0x80 in the current line before this block
  size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    uint64_t newlines, hi;
    Scan64(p + i, &newlines, &hi);
    while (newlines != 0) {
      const size_t b = static_cast<size_t>(__builtin_ctzll(newlines));
      newlines &= newlines - 1;
      const size_t from = pos > i ? pos - i : 0;
      Emit(p, pos, i + b, !high && (hi & BitsFrom(from) & BitsBelow(b)) == 0, on_line);
      pos = i + b + 1;
      high = false;
    }
    high = high || (hi & BitsFrom(pos > i ? pos - i : 0)) != 0;
  }
  return pos;
}

void LineSplitter::Feed(std::string_view chunk, Callback on_line) {
  const char* p = chunk.data();
  const size_t n = chunk.size();
  size_t pos = layout_ == UnitLayout::kByte ? FeedBlocks(p, n, on_line) : 0;
  while (pos < n) {
    const size_t nl = FindNewline(p, pos, n);
    if (nl == kNotFound) {
      AppendCarry(p + pos, n - pos);
      return;
    }
    Emit(p, pos, nl, /*ascii=*/false, on_line);
    pos = nl + unit_;
  }
}

void LineSplitter::Finish(std::string_view tail, Callback on_line) {
  if (!tail.empty()) AppendCarry(tail.data(), tail.size());
  if (carry_total_ > 0) EmitCarry(0, on_line);
}

}  // namespace loganalyze::internal
