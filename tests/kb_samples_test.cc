// Every sample of every entry of the default knowledge base behaves.
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"

namespace loganalyze {
namespace {

TEST(KbSamplesTest, DefaultKnowledgeBaseHasNoProblems) {
  const std::vector<KbProblem> problems = CheckDefaultKnowledgeBase();
  for (const KbProblem& p : problems) ADD_FAILURE() << p.ToString();
  EXPECT_TRUE(problems.empty());
}

TEST(KbSamplesTest, EverySampleBehaves) {
  absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::Default();
  ASSERT_TRUE(kb.ok()) << kb.status();
  absl::StatusOr<std::unique_ptr<const Matcher>> matcher = Matcher::Create(*kb);
  ASSERT_TRUE(matcher.ok()) << matcher.status();
  MatchScratch scratch;
  MatchResult result;
  size_t samples = 0;
  for (size_t i = 0; i < kb->entries().size(); ++i) {
    const KbEntry& e = kb->entries()[i];
    for (const std::string& line : e.samples_match) {
      ASSERT_TRUE((*matcher)->Match(line, &scratch, &result).ok());
      EXPECT_THAT(result.matched, ::testing::Contains(static_cast<int>(i)))
          << e.id << " should match: " << line;
      ++samples;
    }
    for (const std::string& line : e.samples_no_match) {
      ASSERT_TRUE((*matcher)->Match(line, &scratch, &result).ok());
      EXPECT_THAT(result.matched, ::testing::Not(::testing::Contains(static_cast<int>(i))))
          << e.id << " should not match: " << line;
      ++samples;
    }
  }
  EXPECT_GT(samples, 2 * kb->entries().size());
}

TEST(KbSamplesTest, CoverageAndBothLanguages) {
  absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::Default();
  ASSERT_TRUE(kb.ok());
  EXPECT_GE(kb->entries().size(), 100u);
  std::set<std::string> products;
  for (const KbEntry& e : kb->entries()) {
    EXPECT_FALSE(e.title.en.empty()) << e.id;
    EXPECT_FALSE(e.title.zh_tw.empty()) << e.id;
    EXPECT_FALSE(e.cause.zh_tw.empty()) << e.id;
    EXPECT_EQ(e.actions.en.size(), e.actions.zh_tw.size()) << e.id;
    products.insert(e.products.begin(), e.products.end());
  }
  EXPECT_THAT(products, ::testing::IsSupersetOf({"MARS", "MABS", "DPM"}));
  EXPECT_FALSE(kb->version().empty());
}

}  // namespace
}  // namespace loganalyze
