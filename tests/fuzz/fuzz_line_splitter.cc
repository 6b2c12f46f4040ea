// LineSplitter, differential: one code unit at a time, a fuzzed chunk size and the whole
// input at once give the same lines, and all agree with a plain reference splitter. Every
// byte is in exactly one line and offsets run on without a gap.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "split/line_splitter.h"

namespace {

using loganalyze::internal::LineSplitter;
using loganalyze::internal::RawLine;
using loganalyze::internal::UnitLayout;

struct OwnedLine {
  std::string bytes;
  uint64_t number = 0, offset = 0, total_bytes = 0;
  bool truncated = false;
  bool operator==(const OwnedLine&) const = default;
};

constexpr uint64_t kStart = 3;  // as if a BOM came first

std::vector<OwnedLine> Split(std::string_view input, UnitLayout layout, size_t max_line,
                             size_t chunk) {
  const size_t unit = layout == UnitLayout::kByte ? 1 : 2;
  chunk = std::max<size_t>(unit, chunk / unit * unit);
  std::vector<OwnedLine> lines;
  auto on_line = [&](const RawLine& l) {
    // A line said to be ASCII is.
    if (l.ascii) {
      for (char c : l.bytes) FUZZ_CHECK(static_cast<unsigned char>(c) < 0x80);
    }
    lines.push_back({std::string(l.bytes), l.number, l.offset, l.total_bytes, l.truncated});
  };
  LineSplitter splitter(layout, max_line, kStart);
  const size_t aligned = input.size() / unit * unit;
  for (size_t pos = 0; pos < aligned; pos += chunk) {
    splitter.Feed(input.substr(pos, std::min(chunk, aligned - pos)), on_line);
  }
  splitter.Finish(input.substr(aligned), on_line);
  FUZZ_CHECK(splitter.lines() == lines.size());
  return lines;
}

// Code unit by code unit, straight from line_splitter.h's contract.
std::vector<OwnedLine> Reference(std::string_view input, UnitLayout layout, size_t max_line) {
  const size_t unit = layout == UnitLayout::kByte ? 1 : 2;
  const size_t max = std::max(unit, max_line / unit * unit);
  auto is = [&](size_t i, char c) {
    switch (layout) {
      case UnitLayout::kByte:
        return input[i] == c;
      case UnitLayout::kUtf16Le:
        return input[i] == c && input[i + 1] == 0;
      case UnitLayout::kUtf16Be:
        return input[i] == 0 && input[i + 1] == c;
    }
    return false;
  };
  std::vector<OwnedLine> lines;
  uint64_t offset = kStart;
  size_t start = 0;
  auto emit = [&](size_t end, size_t terminator) {
    const std::string_view content = input.substr(start, end - start);
    OwnedLine l;
    l.truncated = content.size() > max;
    l.bytes = std::string(content.substr(0, max));
    l.number = lines.size() + 1;
    l.offset = offset;
    l.total_bytes = end - start + terminator;
    offset += l.total_bytes;
    lines.push_back(std::move(l));
    start = end + terminator;
  };
  // LF, CR LF, or CR followed by anything else (another unit, a dangling byte, the end).
  for (size_t i = 0; i + unit <= input.size(); i += unit) {
    if (is(i, '\n')) {
      emit(i, unit);
    } else if (is(i, '\r')) {
      const bool crlf = i + 2 * unit <= input.size() && is(i + unit, '\n');
      emit(i, crlf ? 2 * unit : unit);
      if (crlf) i += unit;
    }
  }
  if (start < input.size()) emit(input.size(), 0);
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest = loganalyze::fuzz::Bytes(data, size);
  const auto layout = static_cast<UnitLayout>(loganalyze::fuzz::TakeByte(&rest) % 3);
  const uint8_t limit = loganalyze::fuzz::TakeByte(&rest);
  // Small limits reach the cut; 0 stands for the default 1 MiB.
  const size_t max_line = limit == 0 ? size_t{1} << 20 : limit % 64;
  const size_t chunk = 1 + loganalyze::fuzz::TakeByte(&rest);
  const std::string_view input = rest;

  const std::vector<OwnedLine> whole = Split(input, layout, max_line, input.size() + 2);
  FUZZ_CHECK(Split(input, layout, max_line, 1) == whole);
  FUZZ_CHECK(Split(input, layout, max_line, chunk) == whole);
  FUZZ_CHECK(Reference(input, layout, max_line) == whole);

  uint64_t offset = kStart;
  for (const OwnedLine& l : whole) {
    FUZZ_CHECK(l.offset == offset);
    offset += l.total_bytes;
    FUZZ_CHECK(l.bytes.size() <= std::max<size_t>(2, max_line));
  }
  FUZZ_CHECK(offset - kStart == input.size());  // every byte is in exactly one line
  return 0;
}
