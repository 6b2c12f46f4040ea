#include "parse/year_resolver.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "loganalyze/reader.h"
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

// Excerpts pasted together in no order: each jump back of more than half a year would start a
// new year, and 300 of them walked the dates back by three centuries.
TEST(YearResolverTest, DatesOutOfOrderStayWithinAFewYearsAndAreCounted) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 1, 5), 0);
  for (int i = 0; i < 300; ++i) {
    r.Next(12, 20);
    r.Next(1, 3);
  }
  EXPECT_GE(r.min_year() + r.Shift(), 2026 - 3);
  EXPECT_LE(r.max_year() + r.Shift(), 2026);
  EXPECT_GT(r.disorder(), 0u);
  EXPECT_EQ(r.first_disorder(), "12/20 to 01/03");
}

TEST(YearResolverTest, BackwardJumpsWithinTheYearAreDisorder) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 6, 30), 0);
  r.Next(6, 7);
  r.Next(6, 6);  // one day back: threads flushing around midnight, not disorder
  EXPECT_EQ(r.disorder(), 0u);
  r.Next(3, 1);
  EXPECT_EQ(r.disorder(), 1u);
  EXPECT_EQ(r.first_disorder(), "06/06 to 03/01");
  EXPECT_EQ(r.Shift(), 0);
}

TEST(YearResolverTest, AnOrdinaryLogIsNotDisorder) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 1, 2), 0);
  for (int d = 20; d <= 31; ++d) r.Next(12, d);
  r.Next(1, 1);
  r.Next(12, 31);  // a late line of the old year
  r.Next(1, 2);
  EXPECT_EQ(r.disorder(), 0u);
}

// A log copied in 2026 (its modification time) whose dates include 02/29: the day exists in
// 2024, not in 2026, so the dates are placed in 2024.
TEST(YearResolverTest, LeapDayMovesTheLogToALeapYear) {
  YearResolver r(std::nullopt, UnixSeconds(2026, 3, 10), 0);
  EXPECT_EQ(r.Next(2, 28), 2026);
  r.Next(2, 29);
  r.Next(3, 1);
  EXPECT_EQ(r.Shift(), -2);
  EXPECT_EQ(r.leap_day_shift(), 2);
}

TEST(YearResolverTest, LeapDayInALeapYearChangesNothing) {
  YearResolver r(std::nullopt, UnixSeconds(2028, 3, 10), 0);
  r.Next(2, 29);
  EXPECT_EQ(r.Shift(), 0);
  EXPECT_EQ(r.leap_day_shift(), 0);
}

TEST(YearResolverTest, AGivenYearIsKeptEvenAgainstALeapDay) {
  YearResolver r(2026, std::nullopt, 0);
  r.Next(2, 29);
  EXPECT_EQ(r.Shift(), 0);  // 2026-02-29 does not exist: the caller leaves it undated
  EXPECT_EQ(r.leap_day_shift(), 0);
}

TEST(YearResolverTest, ReferenceFallsBackWhenTheModificationTimeCannotBeALogs) {
  const int64_t now = UnixSeconds(2026, 12, 3);
  ReadOptions options;
  struct Case {
    std::optional<int64_t> mtime;
    std::string why;
  };
  for (const Case& c : {Case{0, "Unix epoch"}, Case{UnixSeconds(1980, 1, 1), "1980-01-01"},
                        Case{UnixSeconds(1985, 6, 1), "1985-06-01"},
                        Case{UnixSeconds(2310, 5, 1), "in the future (2310-05-01)"},
                        Case{std::nullopt, "no modification time"}}) {
    InputInfo info;
    info.name = "CBEngineCurr.errlog";
    info.mtime = c.mtime;
    const YearReference ref = ChooseYearReference(info, options, now);
    EXPECT_EQ(ref.unix, now) << c.why;
    EXPECT_EQ(ref.source, "the current date");
    EXPECT_NE(ref.fallback_note.find(c.why), std::string::npos) << ref.fallback_note;
    EXPECT_NE(ref.fallback_note.find("2026-12-03"), std::string::npos) << ref.fallback_note;
    info.archive_mtime = UnixSeconds(2026, 1, 6);
    const YearReference from_archive = ChooseYearReference(info, options, now);
    EXPECT_EQ(from_archive.unix, UnixSeconds(2026, 1, 6));
    EXPECT_NE(from_archive.fallback_note.find("the archive's modification time (2026-01-06)"),
              std::string::npos)
        << from_archive.fallback_note;
  }
  InputInfo good;
  good.name = "x.errlog";
  good.mtime = UnixSeconds(2026, 1, 6);
  const YearReference ref = ChooseYearReference(good, options, now);
  EXPECT_EQ(ref.unix, UnixSeconds(2026, 1, 6));
  EXPECT_TRUE(ref.fallback_note.empty());
}

TEST(YearResolverTest, CrashNameStampIsTheReference) {
  InputInfo info;
  info.name = "dpm/MSDPMCurr.errlog.2024-02-29_20-55-45.Crash";
  info.mtime = UnixSeconds(2026, 12, 1);  // copied later
  const YearReference ref = ChooseYearReference(info, ReadOptions(), UnixSeconds(2026, 12, 3));
  EXPECT_EQ(ref.unix, UnixSeconds(2024, 2, 29) + 20 * 3600 + 55 * 60 + 45);
  EXPECT_EQ(ref.source, "the date in the file name");
  info.name = "MSDPMCurr.errlog.2024-13-29_20-55-45.Crash";  // not a stamp
  EXPECT_EQ(ChooseYearReference(info, ReadOptions(), UnixSeconds(2026, 12, 3)).source,
            "the modification time");
}

TEST(YearResolverTest, NoRecordsNoShift) {
  YearResolver r(std::nullopt, std::nullopt, UnixSeconds(2026, 1, 1));
  EXPECT_EQ(r.Shift(), 0);
}

}  // namespace
}  // namespace loganalyze::internal
