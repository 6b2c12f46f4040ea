// EscapeControls: control characters from logs and file names shown as `less` shows them.
#include "report/escape_controls.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace loganalyze::internal {
namespace {

TEST(EscapeControlsTest, TextWithoutControlsIsKept) {
  EXPECT_EQ(EscapeControls(""), "");
  EXPECT_EQ(EscapeControls("Failed: Hr: = [0x80070005] C:\\Data\\a b.txt ~!@#$%^&*()"),
            "Failed: Hr: = [0x80070005] C:\\Data\\a b.txt ~!@#$%^&*()");
  // Chinese, the first character past the C1 range, and one of four bytes.
  EXPECT_EQ(EscapeControls("備份失敗 \xC2\xA0 \xF0\x9F\x98\x80"),
            "備份失敗 \xC2\xA0 \xF0\x9F\x98\x80");
}

TEST(EscapeControlsTest, C0ControlsInCaretNotation) {
  EXPECT_EQ(EscapeControls("\x1b[2Jcleared"), "^[[2Jcleared");
  EXPECT_EQ(EscapeControls("\x1b]0;title\x07"), "^[]0;title^G");
  EXPECT_EQ(EscapeControls("abc\b\b\bxyz"), "abc^H^H^Hxyz");
  EXPECT_EQ(EscapeControls("one\r\ntwo\rthree\n"), "one^M^Jtwo^Mthree^J");
  EXPECT_EQ(EscapeControls(std::string("nul\0end", 7)), "nul^@end");
  EXPECT_EQ(EscapeControls("\x01\x1a\x1c\x1f"), "^A^Z^\\^_");
}

TEST(EscapeControlsTest, TabBecomesOneSpace) {
  EXPECT_EQ(EscapeControls("path\t0x80070005"), "path 0x80070005");
}

TEST(EscapeControlsTest, DelAndC1Controls) {
  EXPECT_EQ(EscapeControls("a\x7f z"), "a^? z");
  // CSI (U+009B) would start an escape sequence on a terminal that reads C1 controls.
  EXPECT_EQ(EscapeControls("\xC2\x9B;J"), "<U+009B>;J");
  EXPECT_EQ(EscapeControls("\xC2\x80\xC2\x85\xC2\x9F"), "<U+0080><U+0085><U+009F>");
}

TEST(EscapeControlsTest, BytesThatAreNotUtf8AreShownInHex) {
  EXPECT_EQ(EscapeControls("a\x9B z"), "a<9B> z");
  EXPECT_EQ(EscapeControls("\xFF\xFE"), "<FF><FE>");
  EXPECT_EQ(EscapeControls("cut \xE5\x82"), "cut <E5><82>");
  EXPECT_EQ(EscapeControls("\xC0\xAF"), "<C0><AF>");  // overlong '/'
}

// The escaped form holds no control character, so that text escaped twice (a name, then
// the line that holds it) is shown once.
TEST(EscapeControlsTest, EscapingTwiceChangesNothing) {
  const std::string once = EscapeControls("\x1b[2J\t\x07\x7f\xC2\x9B\xFF 備份");
  EXPECT_EQ(once, "^[[2J ^G^?<U+009B><FF> 備份");
  EXPECT_EQ(EscapeControls(once), once);
}

}  // namespace
}  // namespace loganalyze::internal
