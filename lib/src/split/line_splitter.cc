#include "split/line_splitter.h"

#include <algorithm>
#include <cstring>

namespace loganalyze::internal {
namespace {
constexpr size_t kNotFound = static_cast<size_t>(-1);
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

bool LineSplitter::EndsWithCr(std::string_view s) const {
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

void LineSplitter::Feed(std::string_view chunk, Callback on_line) {
  const char* p = chunk.data();
  const size_t n = chunk.size();
  size_t pos = 0;
  while (pos < n) {
    const size_t nl = FindNewline(p, pos, n);
    if (nl == kNotFound) {
      AppendCarry(p + pos, n - pos);
      return;
    }
    if (carry_total_ == 0) {
      // The whole line is in this chunk: deliver a view, no copy.
      RawLine line;
      std::string_view content(p + pos, nl - pos);
      if (EndsWithCr(content)) content.remove_suffix(unit_);
      line.truncated = content.size() > max_line_bytes_;
      if (line.truncated) content = content.substr(0, max_line_bytes_);
      line.bytes = content;
      line.number = ++line_number_;
      line.offset = next_offset_;
      line.total_bytes = nl - pos + unit_;
      next_offset_ += line.total_bytes;
      on_line(line);
    } else {
      AppendCarry(p + pos, nl - pos);
      EmitCarry(unit_, on_line);
    }
    pos = nl + unit_;
  }
}

void LineSplitter::Finish(std::string_view tail, Callback on_line) {
  if (!tail.empty()) AppendCarry(tail.data(), tail.size());
  if (carry_total_ > 0) EmitCarry(0, on_line);
}

}  // namespace loganalyze::internal
