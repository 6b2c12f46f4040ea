#include "split/line_splitter.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace loganalyze::internal {
namespace {

using ::loganalyze::testing::ToUtf16;

struct Out {
  std::string bytes;
  uint64_t number, offset, total;
  bool truncated;
  bool operator==(const Out&) const = default;
};

std::vector<Out> Split(std::string_view input, UnitLayout layout, size_t chunk,
                       size_t max_line = 1 << 20, uint64_t start = 0) {
  LineSplitter s(layout, max_line, start);
  std::vector<Out> out;
  auto cb = [&](const RawLine& l) {
    out.push_back({std::string(l.bytes), l.number, l.offset, l.total_bytes, l.truncated});
  };
  const size_t unit = layout == UnitLayout::kByte ? 1 : 2;
  chunk = std::max(unit, chunk / unit * unit);
  size_t i = 0;
  while (input.size() - i >= unit) {
    const size_t n = std::min(chunk, (input.size() - i) / unit * unit);
    s.Feed(input.substr(i, n), cb);
    i += n;
  }
  s.Finish(input.substr(i), cb);
  return out;
}

TEST(LineSplitterTest, LfCrlfAndLastLineWithoutNewline) {
  const auto lines = Split("one\ntwo\r\nthree", UnitLayout::kByte, 4096);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], (Out{"one", 1, 0, 4, false}));
  EXPECT_EQ(lines[1], (Out{"two", 2, 4, 5, false}));
  EXPECT_EQ(lines[2], (Out{"three", 3, 9, 5, false}));
}

// ASCII text in a layout, and the lines expected of it: in UTF-16 a line's bytes are its
// ASCII ones encoded, and its offset and size double.
std::string Encode(const std::string& ascii, UnitLayout layout) {
  if (layout == UnitLayout::kByte) return ascii;
  return ToUtf16(ascii, layout == UnitLayout::kUtf16Le, /*bom=*/false);
}
std::vector<Out> InLayout(const std::vector<Out>& ascii, UnitLayout layout) {
  if (layout == UnitLayout::kByte) return ascii;
  std::vector<Out> out = ascii;
  for (Out& o : out) {
    o.bytes = Encode(o.bytes, layout);
    o.offset *= 2;
    o.total *= 2;
  }
  return out;
}

// A line ends at LF, at CRLF (one terminator) or at a CR not followed by LF, mixed in one
// input, in every layout and at every chunk size (a CR that ends a chunk waits for the next).
TEST(LineSplitterTest, BareCrEndsALineMixedWithLfAndCrlf) {
  struct Case {
    std::string input;
    std::vector<Out> lines;
  };
  const Case cases[] = {
      {"a\rb\nc\r\nd",
       {{"a", 1, 0, 2, false},
        {"b", 2, 2, 2, false},
        {"c", 3, 4, 3, false},
        {"d", 4, 7, 1, false}}},
      {"\r\r\n", {{"", 1, 0, 1, false}, {"", 2, 1, 2, false}}},
      {"\n\r", {{"", 1, 0, 1, false}, {"", 2, 1, 1, false}}},
      {"ab\r", {{"ab", 1, 0, 3, false}}},
      {"x\r\ry\r\r\r\nz\n",
       {{"x", 1, 0, 2, false},
        {"", 2, 2, 1, false},
        {"y", 3, 3, 2, false},
        {"", 4, 5, 1, false},
        {"", 5, 6, 2, false},
        {"z", 6, 8, 2, false}}},
  };
  for (const Case& c : cases) {
    for (UnitLayout layout : {UnitLayout::kByte, UnitLayout::kUtf16Le, UnitLayout::kUtf16Be}) {
      const std::string bytes = Encode(c.input, layout);
      for (size_t chunk : {1, 2, 3, 4, 5, 6, 4096}) {
        EXPECT_EQ(Split(bytes, layout, chunk), InLayout(c.lines, layout))
            << "input " << ::testing::PrintToString(c.input) << " layout "
            << static_cast<int>(layout) << " chunk " << chunk;
      }
    }
  }
}

TEST(LineSplitterTest, CrAtTheEndOfAChunkWaitsForTheNextChunk) {
  std::vector<Out> lines;
  LineSplitter s(UnitLayout::kByte, 1 << 20, 0);
  auto cb = [&](const RawLine& l) {
    lines.push_back({std::string(l.bytes), l.number, l.offset, l.total_bytes, l.truncated});
  };
  s.Feed("one\r", cb);
  EXPECT_TRUE(lines.empty());  // CR or CRLF: not known yet
  s.Feed("\ntwo\r", cb);
  s.Feed("three\r", cb);
  ASSERT_EQ(lines.size(), 2u);
  s.Finish("", cb);
  EXPECT_THAT(lines, ::testing::ElementsAre(Out{"one", 1, 0, 5, false}, Out{"two", 2, 5, 4, false},
                                            Out{"three", 3, 9, 6, false}));
}

TEST(LineSplitterTest, CrBeforeADanglingByteEndsItsLine) {
  const std::string bytes("\r\0A", 3);  // a CR unit, then half a unit
  const auto lines = Split(bytes, UnitLayout::kUtf16Le, 2);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], (Out{"", 1, 0, 2, false}));
  EXPECT_EQ(lines[1], (Out{"A", 2, 2, 1, false}));
}

TEST(LineSplitterTest, BareCrAtTheLimitAndAfterACutLine) {
  const std::string input = "0123456789\r" + std::string(30, 'y') + "\rz";
  for (size_t chunk : {1, 7, 10, 11, 64, 4096}) {
    const auto lines = Split(input, UnitLayout::kByte, chunk, /*max_line=*/10);
    ASSERT_EQ(lines.size(), 3u) << chunk;
    EXPECT_EQ(lines[0], (Out{"0123456789", 1, 0, 11, false})) << chunk;
    EXPECT_EQ(lines[1], (Out{std::string(10, 'y'), 2, 11, 31, true})) << chunk;
    EXPECT_EQ(lines[2], (Out{"z", 3, 42, 1, false})) << chunk;
  }
}

TEST(LineSplitterTest, EmptyInputHasNoLines) {
  EXPECT_TRUE(Split("", UnitLayout::kByte, 16).empty());
}

TEST(LineSplitterTest, EmptyLinesAreLines) {
  const auto lines = Split("\n\r\n\n", UnitLayout::kByte, 16);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], (Out{"", 2, 1, 2, false}));
}

TEST(LineSplitterTest, NulBytesAreKept) {
  const std::string input("a\0b\nc\0", 6);
  const auto lines = Split(input, UnitLayout::kByte, 2);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].bytes, std::string("a\0b", 3));
  EXPECT_EQ(lines[1].bytes, std::string("c\0", 2));
}

TEST(LineSplitterTest, LongLinesAreCutAndFlaggedButFullyCounted) {
  const std::string input = std::string(100, 'x') + "\r\nshort\n" + std::string(30, 'y');
  for (size_t chunk : {1, 7, 64, 4096}) {
    const auto lines = Split(input, UnitLayout::kByte, chunk, /*max_line=*/20);
    ASSERT_EQ(lines.size(), 3u) << chunk;
    EXPECT_EQ(lines[0], (Out{std::string(20, 'x'), 1, 0, 102, true})) << chunk;
    EXPECT_EQ(lines[1], (Out{"short", 2, 102, 6, false})) << chunk;
    EXPECT_EQ(lines[2], (Out{std::string(20, 'y'), 3, 108, 30, true})) << chunk;
  }
}

TEST(LineSplitterTest, LineExactlyAtTheLimitWithCrlfIsNotCut) {
  for (size_t chunk : {1, 3, 4096}) {
    const auto lines = Split("0123456789\r\n", UnitLayout::kByte, chunk, 10);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], (Out{"0123456789", 1, 0, 12, false})) << chunk;
  }
}

TEST(LineSplitterTest, StartOffsetSkipsTheBom) {
  const auto lines = Split("ab\ncd\n", UnitLayout::kByte, 4096, 1 << 20, /*start=*/3);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].offset, 6u);
}

TEST(LineSplitterTest, Utf16LeSplitsOnNewlineUnitsOnly) {
  // U+0A0D contains both a 0x0A and a 0x0D byte but is not a line break.
  const std::string text = "a\xE0\xA8\x8D" "b\r\nsecond\nthird";
  const std::string bytes = ToUtf16(text, true, false);
  for (size_t chunk : {2, 4, 6, 4096}) {
    const auto lines = Split(bytes, UnitLayout::kUtf16Le, chunk);
    ASSERT_EQ(lines.size(), 3u) << chunk;
    EXPECT_EQ(lines[0].bytes, ToUtf16("a\xE0\xA8\x8D" "b", true, false));
    EXPECT_EQ(lines[0].total, 10u);
    EXPECT_EQ(lines[1].offset, 10u);
    EXPECT_EQ(lines[1].bytes, ToUtf16("second", true, false));
    EXPECT_EQ(lines[2].bytes, ToUtf16("third", true, false));
  }
}

TEST(LineSplitterTest, Utf16BeSplits) {
  const std::string bytes = ToUtf16("x\r\ny", false, false);
  const auto lines = Split(bytes, UnitLayout::kUtf16Be, 2);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].bytes, ToUtf16("x", false, false));
  EXPECT_EQ(lines[0].total, 6u);
}

TEST(LineSplitterTest, Utf16DanglingByteJoinsTheLastLine) {
  std::string bytes = ToUtf16("ab\ncd", true, false);
  bytes.push_back('\x41');  // odd byte count
  const auto lines = Split(bytes, UnitLayout::kUtf16Le, 4);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].bytes, ToUtf16("cd", true, false) + "\x41");
  EXPECT_EQ(lines[0].total + lines[1].total, bytes.size());
}

// Found by fuzz_line_splitter: the bytes "X\r" form the unit U+0D58, and with a dangling
// NUL after it the last two bytes looked like a CR unit, so half a unit was cut off.
TEST(LineSplitterTest, Utf16DanglingByteAfterAUnitEndingIn0x0DIsKept) {
  const std::string bytes("X\r\0", 3);
  const auto lines = Split(bytes, UnitLayout::kUtf16Le, 4);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].bytes, bytes);
  EXPECT_EQ(lines[0].total, 3u);
}

TEST(LineSplitterTest, EveryChunkSizeGivesTheSameLines) {
  // LF, CRLF and bare CR line ends, lines of many lengths (some past the limit of 40), so
  // that terminators fall on every position of a 64-byte block and of a chunk.
  std::string input;
  for (int i = 0; i < 200; ++i) {
    input += std::string(static_cast<size_t>(i * 7 % 53), static_cast<char>('a' + i % 26));
    input += i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r";
  }
  input += "tail";
  for (UnitLayout layout : {UnitLayout::kByte, UnitLayout::kUtf16Le, UnitLayout::kUtf16Be}) {
    const std::string bytes = Encode(input, layout);
    const auto reference = Split(bytes, layout, 1 << 16, 40);
    ASSERT_EQ(reference.size(), 201u);
    for (size_t chunk : {1, 2, 3, 5, 8, 13, 63, 64, 65, 127, 1000}) {
      EXPECT_EQ(Split(bytes, layout, chunk, 40), reference) << chunk;
    }
    uint64_t total = 0;
    for (const Out& o : reference) total += o.total;
    EXPECT_EQ(total, bytes.size());
  }
}

TEST(LineSplitterTest, AsciiFlagIsExactWhereSetAndSetOnMostLines) {
  // Lines of many lengths, every seventh with a byte >= 0x80 somewhere (first, middle, last
  // byte); a few CRLF and bare CR endings. A line flagged ASCII must be; most ASCII lines
  // are flagged.
  std::string input;
  for (int i = 0; i < 2000; ++i) {
    std::string line(static_cast<size_t>(i * 37 % 150), 'a' + static_cast<char>(i % 26));
    if (i % 7 == 0 && !line.empty()) line[static_cast<size_t>(i) % 3 * (line.size() - 1) / 2] = '\xE9';
    input += line + (i % 5 == 0 ? "\r\n" : i % 5 == 1 ? "\r" : "\n");
  }
  for (size_t chunk : {size_t{1}, size_t{63}, size_t{64}, size_t{100}, size_t{1} << 16}) {
    LineSplitter s(UnitLayout::kByte, 1 << 20, 0);
    size_t ascii_lines = 0, flagged = 0;
    auto cb = [&](const RawLine& l) {
      bool is_ascii = true;
      for (char c : l.bytes) is_ascii = is_ascii && static_cast<unsigned char>(c) < 0x80;
      if (l.ascii) {
        EXPECT_TRUE(is_ascii) << "line " << l.number << " chunk " << chunk;
      }
      ascii_lines += is_ascii;
      flagged += l.ascii;
    };
    for (size_t i = 0; i < input.size(); i += chunk) {
      s.Feed(std::string_view(input).substr(i, chunk), cb);
    }
    s.Finish("", cb);
    EXPECT_EQ(s.lines(), 2000u);
    if (chunk >= 1024) {
      EXPECT_GT(flagged, ascii_lines * 9 / 10) << chunk;
    }
  }
}

}  // namespace
}  // namespace loganalyze::internal
