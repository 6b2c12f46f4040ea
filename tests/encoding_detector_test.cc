#include "decode/encoding_detector.h"

#include <random>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace loganalyze::internal {
namespace {

using ::loganalyze::testing::ToUtf16;
using ::testing::StartsWith;

TEST(EncodingDetectorTest, Utf8WithBom) {
  const DetectedEncoding d = DetectEncoding("\xEF\xBB\xBFhello\r\n", true);
  EXPECT_EQ(d.encoding, Encoding::kUtf8);
  EXPECT_EQ(d.bom_bytes, 3u);
}

TEST(EncodingDetectorTest, Utf8WithoutBom) {
  const DetectedEncoding d = DetectEncoding("caf\xC3\xA9 \xE4\xBD\xA0\xE5\xA5\xBD\n", true);
  EXPECT_EQ(d.encoding, Encoding::kUtf8);
  EXPECT_EQ(d.bom_bytes, 0u);
}

TEST(EncodingDetectorTest, Utf16LeWithBom) {
  const DetectedEncoding d = DetectEncoding(ToUtf16("0AB0\t0974\tNORMAL\r\n"), true);
  EXPECT_EQ(d.encoding, Encoding::kUtf16Le);
  EXPECT_EQ(d.bom_bytes, 2u);
}

TEST(EncodingDetectorTest, Utf16BeWithBom) {
  const DetectedEncoding d = DetectEncoding(ToUtf16("abc\r\n", /*little_endian=*/false), true);
  EXPECT_EQ(d.encoding, Encoding::kUtf16Be);
  EXPECT_EQ(d.bom_bytes, 2u);
}

TEST(EncodingDetectorTest, Utf16LeWithoutBomByNulShare) {
  const DetectedEncoding d =
      DetectEncoding(ToUtf16("180C\t280C\t06/01\t20:55:45.690\tCRITICAL\r\n", true, false), true);
  EXPECT_EQ(d.encoding, Encoding::kUtf16Le);
  EXPECT_EQ(d.bom_bytes, 0u);
}

TEST(EncodingDetectorTest, Utf16BeWithoutBomByNulShare) {
  const DetectedEncoding d = DetectEncoding(ToUtf16("some text here\r\n", false, false), true);
  EXPECT_EQ(d.encoding, Encoding::kUtf16Be);
}

TEST(EncodingDetectorTest, InvalidUtf8IsWindows1252) {
  // "Café" saved as ANSI: a lone 0xE9.
  const DetectedEncoding d = DetectEncoding("Caf\xE9 au lait\r\n", true);
  EXPECT_EQ(d.encoding, Encoding::kWindows1252);
}

// A zh-TW UTF-8 log in which a few bytes went bad: a stray 0xFF, and a character cut to its
// first byte. Each bad byte becomes U+FFFD; the rest must not be read as Windows-1252.
TEST(EncodingDetectorTest, Utf8WithAFewInvalidBytesStaysUtf8) {
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text += "0AB0\t0974\t01/05\t10:00:00.000\tWARNING\t";
    text += "\xE5\x82\x99\xE4\xBB\xBD\xE5\xA4\xB1\xE6\x95\x97 " + std::to_string(i);  // 備份失敗
    if (i == 2) text += " \xFF";
    if (i == 9) text += " \xE5 ";
    text += "\r\n";
  }
  ASSERT_FALSE(IsValidUtf8(text));
  EXPECT_EQ(DetectEncoding(text, /*at_end=*/true).encoding, Encoding::kUtf8);
}

// Real Windows-1252 text: many accented letters, each invalid as UTF-8, and two pairs that
// happen to form valid UTF-8 sequences ("Ã©" is C3 A9, "Ü»" is DC BB).
TEST(EncodingDetectorTest, Windows1252WithAccentsAndChanceSequencesStaysWindows1252) {
  const std::string text =
      "Sauvegarde \xE9\x63hou\xE9\x65 : le fichier \xAB donn\xE9\x65s.txt \xBB est verrouill\xE9 "
      "(op\xE9ration pr\xE9\x63\xE9\x64\x65nte). Gr\xF6\xDF\x65: 5 MB; M\xFCller; \xC3\xA9t\xE9; "
      "\xDC\xBB\r\n";
  EXPECT_EQ(DetectEncoding(text, /*at_end=*/true).encoding, Encoding::kWindows1252);
}

TEST(EncodingDetectorTest, AsManyInvalidBytesAsValidSequencesIsWindows1252) {
  // One valid "é" (C3 A9) and one invalid byte: the tie goes to 1252, which loses nothing.
  EXPECT_EQ(DetectEncoding("caf\xC3\xA9 na\xEFve\r\n", true).encoding, Encoding::kWindows1252);
  // Three valid sequences against one invalid byte: UTF-8.
  EXPECT_EQ(DetectEncoding("caf\xC3\xA9 \xC3\xA9t\xC3\xA9 na\xEFve\r\n", true).encoding,
            Encoding::kUtf8);
}

// East Asian text has few NUL bytes in UTF-16: the NUL share cannot find it without a BOM.
// Chinese with fullwidth punctuation, Japanese kana, Korean Hangul, a code, and an ideograph
// of extension B (a surrogate pair); CRLF line ends.
const std::string kCjkText =
    "錯誤 0x80070005：存取被拒。備份作業失敗，請確認帳戶的權限後再試一次。\r\n"
    "バックアップに失敗しました。ディスクの空き容量を確認してください。\r\n"
    "백업 작업이 실패했습니다. 다시 시도하십시오.\r\n"
    "複本不一致，請執行一致性檢查。𠀀\r\n";

TEST(EncodingDetectorTest, Utf16LeCjkWithoutBomByStatistics) {
  const std::string bytes = ToUtf16(kCjkText, /*little_endian=*/true, /*bom=*/false);
  ASSERT_FALSE(IsValidUtf8(bytes));
  const DetectedEncoding d = DetectEncoding(bytes, /*at_end=*/true);
  EXPECT_EQ(d.encoding, Encoding::kUtf16Le);
  EXPECT_EQ(d.bom_bytes, 0u);
  EXPECT_EQ(BinaryReason(bytes, d), "");
}

TEST(EncodingDetectorTest, Utf16BeCjkWithoutBomByStatistics) {
  const std::string bytes = ToUtf16(kCjkText, /*little_endian=*/false, /*bom=*/false);
  const DetectedEncoding d = DetectEncoding(bytes, /*at_end=*/true);
  EXPECT_EQ(d.encoding, Encoding::kUtf16Be);
  EXPECT_EQ(BinaryReason(bytes, d), "");
}

TEST(EncodingDetectorTest, CjkHeadCutInsideASurrogatePairIsStillUtf16) {
  // The head ends between the two units of 𠀀: more input follows.
  std::string bytes = ToUtf16(kCjkText, true, false);
  bytes.resize(bytes.size() - 6);  // drop CR LF and the low surrogate
  EXPECT_EQ(DetectEncoding(bytes, /*at_end=*/false).encoding, Encoding::kUtf16Le);
  // At the end of input the high surrogate is unpaired: not UTF-16 by statistics.
  EXPECT_NE(DetectEncoding(bytes, /*at_end=*/true).encoding, Encoding::kUtf16Le);
}

TEST(EncodingDetectorTest, CjkStatisticsRejectUnpairedSurrogatesAndOtherText) {
  std::string lone_low = ToUtf16(kCjkText, true, false);
  lone_low += std::string("\x00\xDC", 2);  // a low surrogate with no high one before it
  lone_low += ToUtf16("備份失敗", true, false);
  EXPECT_NE(DetectEncoding(lone_low, true).encoding, Encoding::kUtf16Le);
  // Lowercase ASCII letters read in pairs fall in the ideograph block ("ab" is U+6261), but
  // 8-bit text with accented letters is not UTF-16.
  const std::string latin =
      "lesfichiersontetecopiessansprobleme\xE9t\xE9"
      "etlesauvegardeestfaite\r\n";
  EXPECT_EQ(DetectEncoding(latin + latin + latin, true).encoding, Encoding::kWindows1252);
}

TEST(EncodingDetectorTest, RandomBytesAreNotCjkAndStayBinary) {
  std::mt19937 random(7);
  std::string bytes(64 * 1024, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
  const DetectedEncoding d = DetectEncoding(bytes, /*at_end=*/false);
  EXPECT_EQ(d.encoding, Encoding::kWindows1252);
  EXPECT_THAT(BinaryReason(bytes, d), StartsWith("binary file: "));
  // Random 16-bit values of the ideograph block with a NUL unit in every eight (a table of
  // numbers, say) are not text either.
  std::string units;
  for (int i = 0; i < 4096; ++i) {
    const uint32_t u = i % 8 == 7 ? 0 : 0x4E00 + random() % 0x5200;
    units.push_back(static_cast<char>(u & 0xFF));
    units.push_back(static_cast<char>(u >> 8));
  }
  const DetectedEncoding du = DetectEncoding(units, true);
  EXPECT_THAT(BinaryReason(units, du), StartsWith("binary file: "));
}

TEST(EncodingDetectorTest, SequenceCutByTheSniffWindowIsStillUtf8) {
  // The head ends inside a 3-byte sequence; more input follows.
  EXPECT_EQ(DetectEncoding("abc\xE4\xBD", /*at_end=*/false).encoding, Encoding::kUtf8);
  // At the end of input the same bytes are not valid UTF-8.
  EXPECT_EQ(DetectEncoding("abc\xE4\xBD", /*at_end=*/true).encoding, Encoding::kWindows1252);
}

TEST(EncodingDetectorTest, AllNulBytesIsNotUtf16) {
  const DetectedEncoding d = DetectEncoding(std::string(4096, '\0'), true);
  EXPECT_EQ(d.encoding, Encoding::kUtf8);
}

TEST(EncodingDetectorTest, EmptyInput) {
  const DetectedEncoding d = DetectEncoding("", true);
  EXPECT_EQ(d.encoding, Encoding::kUtf8);
  EXPECT_EQ(d.bom_bytes, 0u);
}

TEST(EncodingDetectorTest, ValidatesUtf8Strictly) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));       // U+1F600
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));          // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));      // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\x80"));                  // lone continuation
  EXPECT_TRUE(IsValidUtf8("ab\xF0\x9F", /*allow_truncated_tail=*/true));
  EXPECT_FALSE(IsValidUtf8("ab\xF0\x9F", /*allow_truncated_tail=*/false));
}

}  // namespace
}  // namespace loganalyze::internal
