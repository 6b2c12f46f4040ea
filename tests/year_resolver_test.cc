#include "parse/year_resolver.h"

#include "gtest/gtest.h"
#include "test_util.h"

namespace loganalyze::internal {
namespace {

using ::loganalyze::testing::UnixSeconds;

TEST(YearResolverTest, CivilFromUnix) {
  int y, m, d;
  CivilFromUnix(0, &y, &m, &d);
  EXPECT_EQ(y * 10000 + m * 100 + d, 19700101);
  CivilFromUnix(UnixSeconds(2024, 2, 29) + 86399, &y, &m, &d);
  EXPECT_EQ(y * 10000 + m * 100 + d, 20240229);
}

TEST(YearResolverTest, NewestRecordIsNoLaterThanTheModificationTime) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 1, 5), 0);
  EXPECT_EQ(r.Next(1, 2), 2026);
  EXPECT_EQ(r.Next(1, 5), 2026);
  EXPECT_EQ(r.Shift(), 0);
}

TEST(YearResolverTest, DateAfterTheModificationDayIsLastYear) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 3, 1), 0);
  EXPECT_EQ(r.Next(11, 20), 2025);
  EXPECT_EQ(r.Shift(), 0);
}

TEST(YearResolverTest, LogSpanningNewYear) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 1, 2), 0);
  EXPECT_EQ(r.Next(12, 29), 2025);
  EXPECT_EQ(r.Next(12, 31), 2025);
  EXPECT_EQ(r.Next(1, 1), 2026);
  EXPECT_EQ(r.Next(1, 2), 2026);
  EXPECT_EQ(r.Shift(), 0);
}

TEST(YearResolverTest, StrayOlderLineAfterNewYearStepsBack) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 1, 2), 0);
  EXPECT_EQ(r.Next(12, 31), 2025);
  EXPECT_EQ(r.Next(1, 1), 2026);
  EXPECT_EQ(r.Next(12, 31), 2025);  // a late flush from the old year
  EXPECT_EQ(r.Next(1, 1), 2026);
  EXPECT_EQ(r.Shift(), 0);
}

TEST(YearResolverTest, SmallBackwardJumpsStayInTheYear) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 6, 30), 0);
  EXPECT_EQ(r.Next(6, 7), 2026);
  EXPECT_EQ(r.Next(6, 1), 2026);
  EXPECT_EQ(r.Next(6, 7), 2026);
}

TEST(YearResolverTest, ExplicitYearOfNewestRecord) {
  YearResolver r(2019, std::nullopt, UnixSeconds(2026, 11, 22));
  EXPECT_EQ(r.Next(12, 30), 2019);
  r.Next(1, 3);  // provisional 2020
  EXPECT_EQ(r.Shift(), -1);  // the newest record is in 2019, so the first was in 2018
}

TEST(YearResolverTest, LogSpanningTwoNewYearsIsShiftedAtTheEnd) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 2, 1), 0);
  const int first = r.Next(1, 10);  // provisional: 2026
  r.Next(12, 20);
  r.Next(1, 5);
  r.Next(12, 20);
  r.Next(1, 20);  // provisional: first + 2
  EXPECT_EQ(first + r.Shift(), 2024);
}

TEST(YearResolverTest, NoRecordsNoShift) {
  YearResolver r(std::nullopt, std::nullopt, UnixSeconds(2026, 1, 1));
  EXPECT_EQ(r.Shift(), 0);
}

}  // namespace
}  // namespace loganalyze::internal
