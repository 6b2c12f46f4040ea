// FindRecurring on reports made by hand: which findings come back, in how many reports,
// since when.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/diff.h"

namespace loganalyze {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

LogTime At(int day, int hour) { return LogTime::FromCivil(2026, 1, day, hour, 0, 0, 0); }

// Report `day` with findings {id, count}; first_seen at `day`, hour = position + 10.
Report Bundle(int day, const std::vector<std::pair<std::string, uint64_t>>& findings) {
  Report r;
  int hour = 10;
  for (const auto& [id, count] : findings) {
    ReportFinding f;
    f.id = id;
    f.count = count;
    f.first_seen = f.last_seen = At(day, hour++);
    f.severity = id == "warn" ? Severity::kWarning : Severity::kError;
    r.findings[id] = f;
  }
  return r;
}

std::vector<std::string> Names(size_t n) {
  std::vector<std::string> names;
  for (size_t i = 1; i <= n; ++i) names.push_back("b" + std::to_string(i));
  return names;
}

TEST(RecurringTest, FindingsInAtLeastKReportsWithTheirFirstAppearance) {
  const std::vector<Report> reports = {
      Bundle(1, {{"always", 2}, {"often", 1}}),
      Bundle(2, {{"always", 1}, {"warn", 1}}),
      Bundle(3, {{"always", 1}, {"often", 2}}),
      Bundle(4, {{"always", 3}, {"once", 1}}),
      Bundle(5, {{"often", 1}, {"always", 1}, {"warn", 2}}),
  };
  absl::StatusOr<RecurringFindings> r = FindRecurring(reports, Names(5), {});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->findings.size(), 3u);
  std::vector<std::string> ids;
  for (const RecurringFinding& f : r->findings) ids.push_back(f.id);
  EXPECT_THAT(ids, ElementsAre("always", "often", "warn"));
  const RecurringFinding& often = r->findings[1];
  EXPECT_EQ(often.present, 3u);
  EXPECT_EQ(often.first_report, 0u);
  EXPECT_EQ(often.first_seen, At(1, 11));
  EXPECT_THAT(often.counts, ElementsAre(1, 0, 2, 0, 1));
  EXPECT_TRUE(often.in_latest);
  const RecurringFinding& warn = r->findings[2];
  EXPECT_EQ(warn.first_report, 1u);
  EXPECT_EQ(warn.first_seen, At(2, 11));
  EXPECT_EQ(warn.severity, Severity::kWarning);
  ASSERT_EQ(r->reports.size(), 5u);
  EXPECT_EQ(r->reports[3].name, "b4");

  absl::StatusOr<RecurringFindings> all = FindRecurring(reports, Names(5), {5});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->findings.size(), 1u);
  EXPECT_EQ(all->findings[0].id, "always");
  absl::StatusOr<RecurringFindings> any = FindRecurring(reports, Names(5), {1});
  ASSERT_TRUE(any.ok());
  ASSERT_EQ(any->findings.size(), 4u);
  EXPECT_EQ(any->findings[3].id, "once");
  EXPECT_FALSE(any->findings[3].in_latest);
}

TEST(RecurringTest, RefusesWhatCannotBeAnswered) {
  const std::vector<Report> two = {Bundle(1, {}), Bundle(2, {})};
  EXPECT_THAT(std::string(FindRecurring({}, {}, {}).status().message()), HasSubstr("no reports"));
  EXPECT_FALSE(FindRecurring(two, Names(3), {}).ok());
  EXPECT_THAT(std::string(FindRecurring(two, Names(2), {3}).status().message()),
              HasSubstr("between 1 and 2"));
  EXPECT_FALSE(FindRecurring(two, Names(2), {0}).ok());
  EXPECT_TRUE(FindRecurring(two, Names(2), {2}).ok());
}

}  // namespace
}  // namespace loganalyze
