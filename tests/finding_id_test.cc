// One line, one finding: which finding a record counts for.
#include "aggregate/finding_id.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"

namespace loganalyze::internal {
namespace {

class FindingIdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok()) << kb.status();
    kb_ = *std::move(kb);
    auto m = Matcher::Create(kb_);
    ASSERT_TRUE(m.ok()) << m.status();
    matcher_ = *std::move(m);
  }

  std::string IdOf(std::string_view text, ProductScope product = ProductScope::kAny) {
    EXPECT_TRUE(matcher_->Match(text, &scratch_, &result_, product).ok());
    std::string id = "stale";  // the buffer is reused: old contents must go
    FindingId(kb_, result_, &id);
    return id;
  }

  KnowledgeBase kb_;
  std::unique_ptr<const Matcher> matcher_;
  MatchScratch scratch_;
  MatchResult result_;
};

TEST_F(FindingIdTest, TheEntryTheMatcherChose) {
  EXPECT_EQ(IdOf("Windows Server Backup job failed. HResult: 80780049 DetailedHResult: 8007007B",
                 ProductScope::kMars),
            "win32.invalid-name");
  EXPECT_EQ(IdOf("The device is not ready.", ProductScope::kMars), "win32.device-not-ready");
  EXPECT_EQ(IdOf("The device is not ready.", ProductScope::kDpm), "dpm.device-not-ready");
}

TEST_F(FindingIdTest, WithoutAnEntryTheLastCodeNamesTheFinding) {
  EXPECT_EQ(IdOf("SqlException: deadlock (Process ID 62)\nSystem.Data.SqlClient.SqlException "
                 "(0x80131904): Transaction was deadlocked"),
            "code:0x80131904");
  EXPECT_EQ(IdOf("Failed: Hr: = [0x80990f99]"), "code:0x80990F99");
  EXPECT_EQ(IdOf("Strange widget overflowed"), "");
}

}  // namespace
}  // namespace loganalyze::internal
