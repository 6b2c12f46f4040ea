// LogTime: the time bounds people write (--since, --until, the C API's since/until), parsed
// in one place for the command line and the library.
#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/record.h"

namespace loganalyze {
namespace {

using ::testing::HasSubstr;

std::string Bound(const std::string& text, bool end) {
  std::string error;
  const std::optional<LogTime> t = LogTime::ParseBound(text, end, &error);
  return t ? t->ToString() : "error: " + error;
}

TEST(LogTimeTest, BoundsThatExist) {
  EXPECT_EQ(Bound("2026-01-03", false), "2026-01-03T00:00:00.000");
  EXPECT_EQ(Bound("2026-01-03", true), "2026-01-03T23:59:59.999");
  EXPECT_EQ(Bound("2026-1-3T07:05", false), "2026-01-03T07:05:00.000");
  EXPECT_EQ(Bound("2026-01-03 07:05", true), "2026-01-03T07:05:00.999");
  EXPECT_EQ(Bound("2026-01-03T07:05:09", true), "2026-01-03T07:05:09.000");
  EXPECT_EQ(Bound("2028-02-29", false), "2028-02-29T00:00:00.000");
}

TEST(LogTimeTest, BoundsThatDoNotExistSayWhy) {
  EXPECT_THAT(Bound("2026-02-30", false), HasSubstr("no such day (February 2026 has 28 days)"));
  EXPECT_THAT(Bound("2025-02-29", false), HasSubstr("no such day"));
  EXPECT_THAT(Bound("2026-04-31", true), HasSubstr("April 2026 has 30 days"));
  EXPECT_THAT(Bound("2026-13-01", false), HasSubstr("no month 13"));
  EXPECT_THAT(Bound("0000-01-01", false), HasSubstr("no year 0"));
  EXPECT_THAT(Bound("2026-01-03T24:00", false), HasSubstr("no such time of day"));
  EXPECT_EQ(Bound("yesterday", false), "error: takes YYYY-MM-DD[THH:MM[:SS]], not 'yesterday'");
  EXPECT_THAT(Bound("2026-01-03 07:05 pm", false), HasSubstr("takes YYYY-MM-DD"));
  EXPECT_THAT(Bound("", false), HasSubstr("takes YYYY-MM-DD"));
}

}  // namespace
}  // namespace loganalyze
