#include "decode/decoder.h"

#include <string>

#include "gtest/gtest.h"
#include "test_util.h"

namespace loganalyze::internal {
namespace {

using ::loganalyze::testing::ToUtf16;

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

TEST(DecoderTest, AsciiUtf8PassesThroughWithoutCopy) {
  Decoder d(Encoding::kUtf8);
  const std::string line = "0AB0\t0974\t08/04\t13:16:29.206\tWARNING\tFailed";
  const std::string_view out = d.Decode(line);
  EXPECT_EQ(out, line);
  EXPECT_EQ(out.data(), line.data());
  EXPECT_EQ(d.replaced(), 0u);
}

TEST(DecoderTest, ValidUtf8PassesThrough) {
  Decoder d(Encoding::kUtf8);
  const std::string line = "備份作業已完成 0x80070005";
  EXPECT_EQ(d.Decode(line).data(), line.data());
  EXPECT_EQ(d.replaced(), 0u);
}

TEST(DecoderTest, InvalidUtf8BytesBecomeReplacementCharacters) {
  Decoder d(Encoding::kUtf8);
  EXPECT_EQ(d.Decode("a\xFF" "b\xC3"), std::string("a") + std::string(kFffd) + "b" + std::string(kFffd));
  EXPECT_EQ(d.replaced(), 2u);
}

TEST(DecoderTest, Utf16LeAsciiAndBmpAndSupplementary) {
  Decoder d(Encoding::kUtf16Le);
  const std::string text = "MSDPM 複本不一致 \xF0\x9F\x98\x80 end of a longer line";
  const std::string bytes = ToUtf16(text, true, false);
  EXPECT_EQ(d.Decode(bytes), text);
  EXPECT_EQ(d.replaced(), 0u);
}

TEST(DecoderTest, Utf16BeDecodes) {
  Decoder d(Encoding::kUtf16Be);
  const std::string text = "Replica is inconsistent: 複本";
  EXPECT_EQ(d.Decode(ToUtf16(text, false, false)), text);
}

// Long ASCII runs are packed many code units at a time: one character that is not ASCII (or
// a dangling byte), anywhere in a line of any length, is where they stop and start again.
TEST(DecoderTest, Utf16AsciiRunsAroundOneOtherCharacterAnywhere) {
  for (const bool little_endian : {true, false}) {
    Decoder d(little_endian ? Encoding::kUtf16Le : Encoding::kUtf16Be);
    for (size_t len = 0; len <= 70; ++len) {
      std::string ascii;
      for (size_t k = 0; k < len; ++k) ascii.push_back(static_cast<char>('!' + (k * 7) % 90));
      EXPECT_EQ(d.Decode(ToUtf16(ascii, little_endian, false)), ascii) << len;
      // é, 中 and U+1F600 (a surrogate pair): two, three and four bytes of UTF-8.
      for (const char* other : {"\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80"}) {
        for (size_t at = 0; at < len; ++at) {
          const std::string text = ascii.substr(0, at) + other + ascii.substr(at + 1);
          EXPECT_EQ(d.Decode(ToUtf16(text, little_endian, false)), text) << len << " " << at;
        }
      }
      // A dangling byte after the run: one U+FFFD.
      EXPECT_EQ(d.Decode(ToUtf16(ascii, little_endian, false) + "A"), ascii + std::string(kFffd))
          << len;
    }
  }
}

TEST(DecoderTest, ATranscodedLineOutlivesTheNextCall) {
  // Two buffers take turns: a line stays readable while the next one is decoded, whatever
  // the sizes (a longer next line grows its own buffer, not this one's).
  for (const Encoding e : {Encoding::kUtf16Le, Encoding::kWindows1252, Encoding::kUtf8}) {
    Decoder d(e);
    auto raw = [e](const std::string& utf8_or_latin1) {
      return e == Encoding::kUtf16Le ? ToUtf16(utf8_or_latin1, true, false) : utf8_or_latin1;
    };
    // A character to transcode (é; in UTF-8 an invalid byte, replaced) and its UTF-8.
    const std::string high = e == Encoding::kUtf16Le ? "\xC3\xA9" : "\xE9";
    const std::string decoded = e == Encoding::kUtf8 ? std::string(kFffd) : "\xC3\xA9";
    std::string previous = "start";
    std::string_view previous_view = d.Decode(raw("start" + high));
    for (size_t n : {0, 1, 40, 3, 5000, 2, 70000, 0, 9}) {
      const std::string text = std::string(n, static_cast<char>('a' + n % 26)) + high;
      const std::string_view view = d.Decode(raw(text));
      EXPECT_EQ(previous_view, previous + decoded) << "encoding " << static_cast<int>(e);
      previous = text.substr(0, n);
      previous_view = view;
    }
  }
}

TEST(DecoderTest, Utf16UnpairedSurrogatesAndDanglingByte) {
  Decoder d(Encoding::kUtf16Le);
  // 'a', lone high surrogate, 'b', lone low surrogate, then one dangling byte.
  const std::string bytes("a\0\x00\xD8" "b\0\x00\xDC" "c", 9);
  EXPECT_EQ(d.Decode(bytes), "a" + std::string(kFffd) + "b" + std::string(kFffd) + std::string(kFffd));
  EXPECT_EQ(d.replaced(), 3u);
}

TEST(DecoderTest, Utf16HighSurrogateAtEndOfLine) {
  Decoder d(Encoding::kUtf16Le);
  EXPECT_EQ(d.Decode(std::string("x\0\x3D\xD8", 4)), "x" + std::string(kFffd));
  EXPECT_EQ(d.replaced(), 1u);
}

TEST(DecoderTest, Utf16KeepsNulCharacters) {
  Decoder d(Encoding::kUtf16Le);
  EXPECT_EQ(d.Decode(std::string("a\0\0\0b\0", 6)), std::string("a\0b", 3));
}

TEST(DecoderTest, Windows1252MapsHighBytes) {
  Decoder d(Encoding::kWindows1252);
  // 0x80 euro, 0x92 right quote, 0xE9 e-acute, 0x81 unassigned -> U+0081.
  EXPECT_EQ(d.Decode("\x80 \x92 caf\xE9 \x81"), "€ ’ café \xC2\x81");
  EXPECT_EQ(d.replaced(), 0u);
}

TEST(DecoderTest, Windows1252AsciiPassesThrough) {
  Decoder d(Encoding::kWindows1252);
  const std::string line = "plain";
  EXPECT_EQ(d.Decode(line).data(), line.data());
}

}  // namespace
}  // namespace loganalyze::internal
