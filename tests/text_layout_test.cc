// Terminal text layout: columns of Chinese and of coloured text, cutting and wrapping.
#include "report/text_layout.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace loganalyze::internal {
namespace {

TEST(TextLayoutTest, ChineseTakesTwoColumns) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("backup"), 6u);
  EXPECT_EQ(DisplayWidth("備份失敗"), 8u);
  EXPECT_EQ(DisplayWidth("MARS 備份"), 9u);
}

// The report's colours take no column, so a coloured line is laid out as a plain one.
TEST(TextLayoutTest, ColourSequencesTakeNoColumn) {
  EXPECT_EQ(DisplayWidth("\x1b[31mfailed\x1b[0m"), 6u);
  EXPECT_EQ(DisplayWidth("\x1b[1;35m[CRITICAL]\x1b[0m 備份"), 15u);
  // An ESC that does not open a sequence is a control: no column, and what follows counts.
  EXPECT_EQ(DisplayWidth("\x1b" "abc"), 3u);
  // A sequence cut short at the end of the text is not one.
  EXPECT_EQ(DisplayWidth("ab\x1b[31"), 5u);
}

TEST(TextLayoutTest, EllipsizeCutsAtTheWidth) {
  EXPECT_EQ(Ellipsize("short", 10), "short");
  EXPECT_EQ(Ellipsize("exactly10!", 10), "exactly10!");
  EXPECT_EQ(Ellipsize("one more than ten", 10), "one more …");
  // A wide character that would cross the width is left out whole.
  EXPECT_EQ(Ellipsize("備份失敗了", 6), "備份…");
  EXPECT_EQ(DisplayWidth(Ellipsize("備份失敗了", 6)), 5u);
}

TEST(TextLayoutTest, EllipsizeCountsOnlyWhatShows) {
  const std::string line = "  \x1b[31mfailed   \x1b[0m  mars-backup";
  // 24 columns show: a cut at 24 keeps all of it, sequences included.
  EXPECT_EQ(DisplayWidth(line), 24u);
  EXPECT_EQ(Ellipsize(line, 24), line);
  EXPECT_EQ(Ellipsize(line, 20), "  \x1b[31mfailed   \x1b[0m  mars-b\x1b[0m…");
  EXPECT_EQ(DisplayWidth(Ellipsize(line, 20)), 20u);
  // A cut inside a colour ends it before the ellipsis.
  EXPECT_EQ(Ellipsize("\x1b[1mA long title\x1b[0m", 7), "\x1b[1mA long\x1b[0m…");
}

TEST(TextLayoutTest, WrapAtSpacesAndInsideChinese) {
  EXPECT_THAT(Wrap("one two three four", 9), ::testing::ElementsAre("one two", "three", "four"));
  for (const std::string& line : Wrap("備份作業失敗因為磁碟空間不足", 10)) {
    EXPECT_LE(DisplayWidth(line), 10u) << line;
  }
}

TEST(TextLayoutTest, TrailingSpacesAreStripped) {
  EXPECT_EQ(StripTrailingSpaces("a  \nb\n  \nc "), "a\nb\n\nc");
}

}  // namespace
}  // namespace loganalyze::internal
