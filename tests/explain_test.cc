#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"

namespace loganalyze {
namespace {

class ExplainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok());
    kb_ = *std::move(kb);
  }
  std::string First(std::string_view q) {
    const std::vector<int> hits = Explain(kb_, q);
    return hits.empty() ? "" : kb_.entries()[hits[0]].id;
  }
  KnowledgeBase kb_;
};

TEST_F(ExplainTest, AnyFormOfACode) {
  const std::string id = First("0x80070005");
  ASSERT_FALSE(id.empty());
  for (std::string_view q : {"0X80070005", "80070005", "-2147024891", "2147942405",
                             "hr=0x80070005", "Hr: = [0x80070005]", "(0x80070005)",
                             "ERROR_ACCESS_DENIED", "E_ACCESSDENIED"}) {
    EXPECT_EQ(First(q), id) << q;
  }
  EXPECT_EQ(First("[0x1FC07]"), First("130055"));
  EXPECT_EQ(First("ID: 100050"), First("100050"));
}

TEST_F(ExplainTest, WordsInEitherLanguage) {
  EXPECT_EQ(First("SalBitmapError"), First("unable to find changes in a file"));
  EXPECT_EQ(First("replica inconsistent"), "dpm.replica-inconsistent");
  EXPECT_FALSE(First("複本不一致").empty());
  EXPECT_FALSE(First("保存庫認證").empty());
}

TEST_F(ExplainTest, ByIdAndNothing) {
  EXPECT_EQ(First("mars.vault-credentials-invalid"), "mars.vault-credentials-invalid");
  EXPECT_TRUE(Explain(kb_, "0x12345678").empty());
  EXPECT_TRUE(Explain(kb_, "zzzz qqqq").empty());
}

}  // namespace
}  // namespace loganalyze
