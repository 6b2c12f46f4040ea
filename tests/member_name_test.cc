// DecodeStoredName and its parts: names of archive members stored without a declared
// encoding. Archives that hold such names are in archive_test.cc.
#include "source/member_name.h"

#if __has_include(<iconv.h>)
#include <iconv.h>
#define LOGANALYZE_HAVE_ICONV 1
#endif

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace loganalyze::internal {
namespace {

TEST(DecodeStoredNameTest, ValidUtf8StaysAsItIs) {
  for (const char* name : {"CBEngineCurr.errlog", "Temp/CBEngineCurr.errlog", "備份記錄/日誌.log",
                           "Ärger/März.log", ""}) {
    const DecodedName decoded = DecodeStoredName(name);
    EXPECT_EQ(decoded.utf8, name);
    EXPECT_EQ(decoded.encoding, NameEncoding::kUtf8) << name;
  }
}

struct Case {
  const char* stored;
  const char* utf8;
  NameEncoding encoding;
};

TEST(DecodeStoredNameTest, TraditionalChineseWindowsNamesAreCp950AndOthersCp437) {
  const Case kCases[] = {
      // "備份記錄/Temp/CBEngineCurr.errlog"; 記 is 0xB0 0x4F, an ASCII 'O' as second byte.
      {"\xB3\xC6\xA5\xF7\xB0O\xBF\xFD/Temp/CBEngineCurr.errlog",
       "備份記錄/Temp/CBEngineCurr.errlog", NameEncoding::kCp950},
      // 許功蓋 end in 0x5C, a backslash in ASCII: part of the character, not a separator.
      {"\xB3\x5C\xA5\x5C\xBB\x5C\\x.log", "許功蓋\\x.log", NameEncoding::kCp950},
      // The same as libarchive for Windows gives it: each 0x5C turned into '/'.
      {"\xB3/\xA5/\xBB//x.log", "許功蓋/x.log", NameEncoding::kCp950},
      // Full-width punctuation beside the ideographs.
      {"\xA1\x75\xB3\xC6\xA5\xF7\xA1\x76.log", "「備份」.log", NameEncoding::kCp950},
      // German letters before ASCII letters: valid lead bytes, but of CP950's user-defined
      // rows.
      {"\x8E" "rger/M\x84rz/M\x81ller.log", "Ärger/März/Müller.log", NameEncoding::kCp437},
      // A CP950 lead byte cut off by the end of the name.
      {"\xB3\xC6\xA5", "│╞Ñ", NameEncoding::kCp437},
      // Valid CP950, but from Big5's symbol rows ("αβ┌"): not a Chinese name.
      {"\xA3\x5C\xA3\x5D\xA2\x7A", "ú\\ú]óz", NameEncoding::kCp437},
  };
  for (const Case& c : kCases) {
    const DecodedName decoded = DecodeStoredName(c.stored);
    EXPECT_EQ(decoded.utf8, c.utf8);
    EXPECT_EQ(decoded.encoding, c.encoding) << c.utf8;
  }
}

TEST(IsChineseNameTest, IdeographsWithTheirPunctuation) {
  EXPECT_TRUE(IsChineseName(u"備份記錄"));
  EXPECT_TRUE(IsChineseName(u"「備份」 log 2026"));
  EXPECT_TRUE(IsChineseName(u"ㄅ備，Ａ"));  // Bopomofo and full-width forms beside an ideograph
  EXPECT_FALSE(IsChineseName(u"「」"));     // punctuation alone
  EXPECT_FALSE(IsChineseName(u"plain.log"));
  EXPECT_FALSE(IsChineseName(u"備份Ä"));
  EXPECT_FALSE(IsChineseName(u"備份αβ"));
  EXPECT_FALSE(IsChineseName(u"備\uE000"));  // a private-use (user-defined) character
}

TEST(Cp437ToUtf8Test, AsciiStaysAndHighBytesAreDosCharacters) {
  EXPECT_EQ(Cp437ToUtf8("a/b.log"), "a/b.log");
  EXPECT_EQ(Cp437ToUtf8("\x80\x9E\xB0\xC4\xDB\xE1\xFF"), "Ç₧░─█ß\u00A0");
}

#ifdef LOGANALYZE_HAVE_ICONV
// The table against the C library's own CP437, byte by byte.
TEST(Cp437ToUtf8Test, EveryHighByteAgreesWithTheSystemConverter) {
  const iconv_t cd = iconv_open("UTF-8", "CP437");
  if (cd == reinterpret_cast<iconv_t>(-1)) GTEST_SKIP() << "this C library has no CP437";
  for (int b = 0x80; b <= 0xFF; ++b) {
    char in_byte = static_cast<char>(b);
    char out[8];
    char* in = &in_byte;
    size_t in_left = 1;
    char* to = out;
    size_t out_left = sizeof out;
    ASSERT_NE(iconv(cd, &in, &in_left, &to, &out_left), static_cast<size_t>(-1)) << b;
    EXPECT_EQ(Cp437ToUtf8(std::string(1, in_byte)), std::string(out, to)) << std::hex << b;
  }
  iconv_close(cd);
}
#endif

}  // namespace
}  // namespace loganalyze::internal
