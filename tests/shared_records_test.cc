// PlanSharedRecords and PlanExclusions: which inputs are compared, and what is dropped.
#include "bundle/shared_records.h"

#include <optional>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace loganalyze::internal {
namespace {

using ::testing::ElementsAre;

LogTime Day(int d) { return LogTime::FromCivil(2026, 1, d, 0, 0, 0, 0); }

// A log of `records` records (small by default: compared with its folder), whose sketch
// holds `sample`.
LogInput Log(std::string family, std::string folder, int first, int last,
             std::vector<uint64_t> sample = {}, bool crash = false, uint64_t records = 10) {
  return LogInput{std::move(family), {std::move(folder)}, crash, Day(first), Day(last),
                  RecordSketch{std::move(sample), {}, records}};
}

constexpr uint64_t kBig = 100000;

TEST(SharedRecordsTest, CrashCopiesAndRotatedLogsInOneFolderAreCompared) {
  const std::vector<LogInput> in = {
      Log("msdpm", "t", 1, 5, {}, /*crash=*/true),  // given first, counts last
      Log("msdpm", "t", 1, 9),
      Log("cbengine", "t", 1, 4),
      Log("cbengine", "t", 4, 8),  // overlaps the day before
      Log("cbengine", "t", 9, 10),  // overlaps nothing
  };
  const SharedRecordsPlan plan = PlanSharedRecords(in);
  EXPECT_THAT(plan.order, ElementsAre(1, 2, 3, 4, 0));  // logs first, then the .Crash copy
  EXPECT_THAT(plan.target, ElementsAre(true, false, false, true, false));
  ASSERT_TRUE(plan.collect[1]);  // the log, within the copy's range
  EXPECT_EQ(plan.collect[1]->first, Day(1));
  EXPECT_EQ(plan.collect[1]->second, Day(5));
  EXPECT_TRUE(plan.collect[0]);  // a target is collected in full
  EXPECT_FALSE(plan.collect[4]);
}

// A fleet: the same log of many servers, in many folders, all at the same time. Nothing is
// compared unless the samples say two of them share records.
TEST(SharedRecordsTest, OneFamilyAcrossFoldersIsComparedOnlyOnSharedSamples) {
  std::vector<LogInput> in;
  for (int server = 0; server < 50; ++server) {
    in.push_back(Log("cbengine", "server" + std::to_string(server), 1, 9,
                     {static_cast<uint64_t>(1000 + server), static_cast<uint64_t>(2000 + server)},
                     false, kBig));
  }
  // Monday's copy of server 7's log, in another folder: it shares server 7's records.
  in.push_back(Log("cbengine", "monday/server7", 1, 6, {1007, 2007, 5}, false, kBig));
  // One record in common is a coincidence, not a copy.
  in.push_back(Log("cbengine", "other/server9", 1, 6, {1009, 6}, false, kBig));
  const SharedRecordsPlan plan = PlanSharedRecords(in);
  for (size_t i = 0; i < 50; ++i) {
    EXPECT_FALSE(plan.target[i]) << i;
    EXPECT_EQ(plan.collect[i].has_value(), i == 7) << i;
  }
  EXPECT_TRUE(plan.target[50]);  // it comes after "server7" in the caller's order
  EXPECT_FALSE(plan.target[51]);
}

// Large logs of one folder that overlap in time but show no record in common (generated
// logs, the same log under several numbers) are not compared; rotated logs that repeat their
// seam are, by the fingerprints of their ends.
TEST(SharedRecordsTest, LargeLogsOfOneFolderAreComparedOnEvidenceOnly) {
  std::vector<LogInput> in = {Log("cbengine", "t", 1, 9, {1}, false, kBig),
                              Log("cbengine", "t", 1, 9, {2}, false, kBig),
                              Log("cbengine", "t", 9, 12, {3}, false, kBig)};
  in[1].sketch.ends = {40, 41};
  in[2].sketch.ends = {41, 42};  // its first records are the last of the one before
  const SharedRecordsPlan plan = PlanSharedRecords(in);
  EXPECT_THAT(plan.target, ElementsAre(false, false, true));
  EXPECT_FALSE(plan.collect[0]);
  ASSERT_TRUE(plan.collect[1]);
  EXPECT_EQ(plan.collect[1]->first, Day(9));
}

TEST(SharedRecordsTest, ExcerptsAreComparedWithEveryOverlappingLog) {
  const std::vector<LogInput> in = {Log("cbengine", "a", 1, 3), Log("msdpm", "b", 2, 4),
                                    Log("dpmra", "c", 8, 9), Log("", "ticket", 2, 2),
                                    Log("", "ticket2", 2, 2)};
  const SharedRecordsPlan plan = PlanSharedRecords(in);
  EXPECT_THAT(plan.target, ElementsAre(false, false, false, true, true));
  EXPECT_TRUE(plan.collect[0]);
  EXPECT_TRUE(plan.collect[1]);
  EXPECT_FALSE(plan.collect[2]);
  EXPECT_TRUE(plan.collect[3]);  // the first excerpt, for the second
}

// The k-th occurrence of a record is dropped when an earlier input holds it k times: the
// most any one earlier input holds, counted where it first came.
TEST(SharedRecordsTest, ExclusionsKeepTheLargestEarlierCountAndTheFirstOrigin) {
  const std::vector<LogInput> in = {Log("x", "f", 1, 9), Log("x", "f", 1, 9),
                                    Log("x", "f", 1, 9, {}, /*crash=*/true)};
  const SharedRecordsPlan plan = PlanSharedRecords(in);
  std::vector<std::optional<FingerprintMap>> collected(3);
  collected[0] = FingerprintMap{{1, {1, plan.rank[0]}}, {2, {2, plan.rank[0]}}};
  collected[1] = FingerprintMap{{1, {3, plan.rank[1]}}, {3, {1, plan.rank[1]}}};
  collected[2] = FingerprintMap{{1, {5, plan.rank[2]}}, {2, {1, plan.rank[2]}},
                                {4, {1, plan.rank[2]}}};
  std::vector<std::vector<size_t>> not_compared;
  const std::vector<FingerprintMap> ex = PlanExclusions(in, plan, collected, &not_compared);
  EXPECT_TRUE(ex[0].empty());
  ASSERT_EQ(ex[1].size(), 1u);  // record 1: once in the first
  EXPECT_EQ(ex[1].at(1).count, 1u);
  ASSERT_EQ(ex[2].size(), 2u);
  EXPECT_EQ(ex[2].at(1).count, 3u);   // the most an earlier input holds
  EXPECT_EQ(ex[2].at(1).origin, plan.rank[0]);  // where it first came
  EXPECT_EQ(ex[2].at(2).count, 2u);
  EXPECT_FALSE(ex[2].contains(4));
  for (const auto& n : not_compared) EXPECT_TRUE(n.empty());
}

TEST(SharedRecordsTest, AnInputThatCouldNotBeCollectedIsNamed) {
  const std::vector<LogInput> in = {Log("x", "f", 1, 9), Log("x", "f", 2, 3)};
  const SharedRecordsPlan plan = PlanSharedRecords(in);
  std::vector<std::optional<FingerprintMap>> collected(2);
  collected[1] = FingerprintMap{{1, {1, plan.rank[1]}}};  // the first could not be read
  std::vector<std::vector<size_t>> not_compared;
  const std::vector<FingerprintMap> ex = PlanExclusions(in, plan, collected, &not_compared);
  EXPECT_TRUE(ex[1].empty());
  EXPECT_THAT(not_compared[1], ElementsAre(0));
}

}  // namespace
}  // namespace loganalyze::internal
