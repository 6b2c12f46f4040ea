#include "loganalyze/matcher.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"

namespace loganalyze {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A small knowledge base: a specific DPM id, a generic VSS HRESULT, a generic Win32 HRESULT,
// and a text-only entry with a named capture.
constexpr std::string_view kKb = R"json({
  "schema": "loganalyze.kb/1",
  "entries": [
    {"id": "dpm.vss-retryable", "products": ["DPM"], "codes": ["30112"], "severity": "error",
     "title": {"en": "Retryable VSS error", "zh-TW": "可重試的 VSS 錯誤"},
     "cause": {"en": "A writer failed transiently.", "zh-TW": "寫入器暫時失敗。"},
     "actions": {"en": ["Retry."], "zh-TW": ["重試。"]},
     "patterns": [], "samples": {"match": ["(ID 30112 Details: x)"], "no_match": ["ID 30113"]}},
    {"id": "vss.retryable", "products": ["Windows"], "codes": ["0x800423F3"],
     "severity": "warning", "generic": true,
     "title": {"en": "VSS writer retryable error", "zh-TW": "VSS 寫入器可重試錯誤"},
     "cause": {"en": "Transient.", "zh-TW": "暫時性。"},
     "actions": {"en": ["Retry."], "zh-TW": ["重試。"]},
     "patterns": [], "samples": {"match": ["0x800423F3"], "no_match": ["0x800423F4"]}},
    {"id": "win32.access-denied", "products": ["Windows"], "codes": ["0x80070005"],
     "severity": "error", "generic": true,
     "title": {"en": "Access denied", "zh-TW": "存取被拒"},
     "cause": {"en": "Permissions.", "zh-TW": "權限。"},
     "actions": {"en": ["Fix ACLs."], "zh-TW": ["修正權限。"]},
     "patterns": [], "samples": {"match": ["hr=0x80070005"], "no_match": ["0x80070006"]}},
    {"id": "dpm.replica-inconsistent", "products": ["DPM"], "codes": [], "severity": "error",
     "title": {"en": "Replica is inconsistent", "zh-TW": "複本不一致"},
     "cause": {"en": "Changes were missed.", "zh-TW": "遺漏變更。"},
     "actions": {"en": ["Run a consistency check."], "zh-TW": ["執行一致性檢查。"]},
     "patterns": ["(?i)replica (?:of (?P<datasource>[^ ]+) )?is inconsistent"],
     "samples": {"match": ["Replica of D: is inconsistent"], "no_match": ["Replica is fine"]}}
  ]})json";

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::FromJson(kKb, "test.json");
    ASSERT_TRUE(kb.ok()) << kb.status();
    kb_ = *std::move(kb);
    auto m = Matcher::Create(kb_);
    ASSERT_TRUE(m.ok()) << m.status();
    matcher_ = *std::move(m);
  }
  std::vector<std::string> Findings(std::string_view text) {
    EXPECT_TRUE(matcher_->Match(text, &scratch_, &result_).ok());
    std::vector<std::string> ids;
    for (int e : result_.entries) ids.push_back(kb_.entries()[e].id);
    return ids;
  }

  KnowledgeBase kb_;
  std::unique_ptr<const Matcher> matcher_;
  MatchScratch scratch_;
  MatchResult result_;
};

TEST_F(MatcherTest, SpecificEntryWinsAndKeepsTheGenericCode) {
  EXPECT_THAT(Findings("DPM encountered a retryable VSS error. (ID 30112 Details: VssError:The "
                       "writer experienced a transient error. (0x800423F3))"),
              ElementsAre("dpm.vss-retryable"));
  std::vector<std::string> codes;
  for (const Code& c : result_.codes) codes.push_back(c.ToString());
  EXPECT_THAT(codes, ElementsAre("30112", "0x800423F3"));
  EXPECT_EQ(result_.matched.size(), 2u);  // the generic entry matched, then folded
}

TEST_F(MatcherTest, GenericEntriesAreFindingsWhenNothingSpecificMatches) {
  EXPECT_THAT(Findings("Failed: Hr: = [0x800423f3] and then -2147024891"),
              ElementsAre("vss.retryable", "win32.access-denied"));
}

TEST_F(MatcherTest, PatternAndCodeFindingsTogether) {
  EXPECT_THAT(Findings("Replica of D: is inconsistent (ID 30112)"),
              ElementsAre("dpm.vss-retryable", "dpm.replica-inconsistent"));
}

TEST_F(MatcherTest, CodesWithoutEntriesAreStillReported) {
  EXPECT_THAT(Findings("Failed: Hr: = [0x80990F75]"), IsEmpty());
  ASSERT_EQ(result_.codes.size(), 1u);
  EXPECT_EQ(result_.codes[0].ToString(), "0x80990F75");
  EXPECT_EQ(matcher_->EntryForCode(result_.codes[0]), -1);
}

TEST_F(MatcherTest, NamedCaptures) {
  const int e = kb_.FindById("dpm.replica-inconsistent");
  EXPECT_THAT(matcher_->Captures(e, "Replica of D: is inconsistent"),
              ElementsAre(std::pair<std::string, std::string>("datasource", "D:")));
  EXPECT_THAT(matcher_->Captures(e, "nothing here"), IsEmpty());
}

TEST_F(MatcherTest, ExportsItsPatterns) {
  EXPECT_THAT(matcher_->Patterns(),
              ElementsAre("(?i)replica (?:of (?P<datasource>[^ ]+) )?is inconsistent"));
}

TEST(MatcherCreateTest, RejectedPatternNamesTheEntry) {
  std::string json(kKb);
  const std::string good = "(?i)replica (?:of (?P<datasource>[^ ]+) )?is inconsistent";
  json.replace(json.find(good), good.size(), "(?<=lookbehind)");
  // The loader does not compile patterns; the matcher refuses with the entry's name.
  auto kb = KnowledgeBase::FromJson(json, "bad.json");
  ASSERT_TRUE(kb.ok());
  auto m = Matcher::Create(*kb);
  ASSERT_FALSE(m.ok());
  EXPECT_THAT(std::string(m.status().message()), HasSubstr("dpm.replica-inconsistent"));
  EXPECT_THAT(std::string(m.status().message()), HasSubstr("bad.json"));
}

TEST(MatcherCreateTest, EmptyKnowledgeBaseStillScansCodes) {
  KnowledgeBase kb;
  auto m = Matcher::Create(kb);
  ASSERT_TRUE(m.ok());
  MatchScratch scratch;
  MatchResult result;
  ASSERT_TRUE((*m)->Match("hr=0x80070005", &scratch, &result).ok());
  EXPECT_TRUE(result.entries.empty());
  EXPECT_EQ(result.codes.size(), 1u);
}

}  // namespace
}  // namespace loganalyze
