#include "loganalyze/matcher.h"

#include <string>
#include <thread>
#include <utility>
#include <vector>

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
  void SetUp() override { Load(kKb); }
  void Load(std::string_view json) {
    auto kb = KnowledgeBase::FromJson(json, "test.json");
    ASSERT_TRUE(kb.ok()) << kb.status();
    Use(*std::move(kb));
  }
  void Use(KnowledgeBase kb) {
    kb_ = std::move(kb);
    auto m = Matcher::Create(kb_);
    ASSERT_TRUE(m.ok()) << m.status();
    matcher_ = *std::move(m);
  }
  // The ids of the entries left by precedence.
  std::vector<std::string> Findings(std::string_view text,
                                    ProductScope product = ProductScope::kAny) {
    EXPECT_TRUE(matcher_->Match(text, &scratch_, &result_, product).ok());
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
  EXPECT_EQ(result_.finding, kb_.FindById("dpm.vss-retryable"));
  std::vector<std::string> codes;
  for (const Code& c : result_.codes) codes.push_back(c.ToString());
  EXPECT_THAT(codes, ElementsAre("30112", "0x800423F3"));
  EXPECT_EQ(result_.matched.size(), 2u);  // the generic entry matched, then folded
}

TEST_F(MatcherTest, GenericEntriesExplainWhenNothingSpecificMatches) {
  EXPECT_THAT(Findings("Failed: Hr: = [0x800423f3] and then -2147024891"),
              ElementsAre("vss.retryable", "win32.access-denied"));
  // One line, one finding: on a tie the code that comes last (the detail) wins.
  EXPECT_EQ(result_.finding, kb_.FindById("win32.access-denied"));
  Findings("Failed: Hr: = [0x80070005] and then 0x800423F3");
  EXPECT_EQ(result_.finding, kb_.FindById("vss.retryable"));
}

TEST_F(MatcherTest, PatternAndCodeFindingsTogether) {
  EXPECT_THAT(Findings("Replica of D: is inconsistent (ID 30112)"),
              ElementsAre("dpm.vss-retryable", "dpm.replica-inconsistent"));
  // An entry found by a code of the line comes before one found by its wording alone.
  EXPECT_EQ(result_.finding, kb_.FindById("dpm.vss-retryable"));
}

TEST_F(MatcherTest, CodesWithoutEntriesAreStillReported) {
  EXPECT_THAT(Findings("Failed: Hr: = [0x80990F75]"), IsEmpty());
  EXPECT_EQ(result_.finding, -1);
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

// An entry's regexps are compiled by the first call of Captures for it: calls racing for
// that first time, from several threads on one matcher, all get the captures.
TEST_F(MatcherTest, FirstCapturesFromManyThreadsAgree) {
  const int e = kb_.FindById("dpm.replica-inconsistent");
  constexpr int kThreads = 4;
  std::vector<std::vector<std::pair<std::string, std::string>>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(
        [&, t] { got[t] = matcher_->Captures(e, "replica of E: is inconsistent"); });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& g : got) {
    EXPECT_THAT(g, ElementsAre(std::pair<std::string, std::string>("datasource", "E:")));
  }
}

TEST_F(MatcherTest, ExportsItsPatterns) {
  EXPECT_THAT(matcher_->Patterns(),
              ElementsAre("(?i)replica (?:of (?P<datasource>[^ ]+) )?is inconsistent"));
}

// Entries with the same wording for each product scope, and a generic one.
constexpr std::string_view kScopedKb = R"json({
  "schema": "loganalyze.kb/1",
  "entries": [
    {"id": "dpm.not-ready", "products": ["DPM", "MABS"], "codes": [], "severity": "error",
     "title": {"en": "DPM: device not ready", "zh-TW": "DPM：裝置未就緒"},
     "cause": {"en": "Shadow copy storage.", "zh-TW": "陰影複製儲存區。"},
     "actions": {"en": ["Grow it."], "zh-TW": ["加大。"]},
     "patterns": ["(?i)the device is not ready"],
     "samples": {"match": ["The device is not ready."], "no_match": ["ready"]}},
    {"id": "win32.not-ready", "products": ["MARS", "DPM", "Windows"], "generic": true,
     "codes": ["0x80070015"], "severity": "error",
     "title": {"en": "Device not ready", "zh-TW": "裝置未就緒"},
     "cause": {"en": "A volume was offline.", "zh-TW": "磁碟區離線。"},
     "actions": {"en": ["Bring it online."], "zh-TW": ["設為線上。"]},
     "patterns": ["(?i)the device is not ready"],
     "samples": {"match": ["The device is not ready."], "no_match": ["ready"]}},
    {"id": "mars.widget", "products": ["MARS"], "codes": [], "severity": "error",
     "title": {"en": "MARS widget", "zh-TW": "MARS 元件"},
     "cause": {"en": "Widget.", "zh-TW": "元件。"},
     "actions": {"en": ["Fix."], "zh-TW": ["修正。"]},
     "patterns": ["widget failed", "gadget failed"],
     "samples": {"match": ["widget failed"], "no_match": ["x"]}},
    {"id": "dpm.widget", "products": ["MARS", "DPM"], "scope": "dpm", "codes": [],
     "severity": "error",
     "title": {"en": "DPM widget", "zh-TW": "DPM 元件"},
     "cause": {"en": "Widget.", "zh-TW": "元件。"},
     "actions": {"en": ["Fix."], "zh-TW": ["修正。"]},
     "patterns": ["widget failed"], "samples": {"match": ["widget failed"], "no_match": ["x"]}},
    {"id": "any.widget", "products": ["MARS", "MABS"], "codes": [], "severity": "error",
     "title": {"en": "Any widget", "zh-TW": "任何元件"},
     "cause": {"en": "Widget.", "zh-TW": "元件。"},
     "actions": {"en": ["Fix."], "zh-TW": ["修正。"]},
     "patterns": ["widget failed"], "samples": {"match": ["widget failed"], "no_match": ["x"]}}
  ]})json";

class ScopedMatcherTest : public MatcherTest {
 protected:
  void SetUp() override { Load(kScopedKb); }
  // The entries left by precedence, then the finding, as ids: "a b -> a".
  std::string Explain(std::string_view text, ProductScope product) {
    EXPECT_TRUE(matcher_->Match(text, &scratch_, &result_, product).ok());
    std::string out;
    for (int e : result_.entries) out += kb_.entries()[e].id + " ";
    return out + "-> " + (result_.finding < 0 ? "" : kb_.entries()[result_.finding].id);
  }
};

TEST_F(ScopedMatcherTest, TheLogsProductWins) {
  EXPECT_EQ(Explain("widget failed", ProductScope::kMars), "mars.widget -> mars.widget");
  EXPECT_EQ(Explain("widget failed", ProductScope::kDpm), "dpm.widget -> dpm.widget");
  // In a log of unknown origin the three tie; the knowledge base's order decides.
  EXPECT_EQ(Explain("widget failed", ProductScope::kAny),
            "mars.widget dpm.widget any.widget -> mars.widget");
}

TEST_F(ScopedMatcherTest, AGenericEntryBeatsAnEntryOfTheOtherProduct) {
  EXPECT_EQ(Explain("Failed: The device is not ready.", ProductScope::kMars),
            "win32.not-ready -> win32.not-ready");
  EXPECT_EQ(Explain("Failed: The device is not ready.", ProductScope::kDpm),
            "dpm.not-ready -> dpm.not-ready");
  EXPECT_EQ(Explain("Failed: The device is not ready.", ProductScope::kAny),
            "dpm.not-ready -> dpm.not-ready");
  // Every match is still listed, folded or not.
  EXPECT_EQ(result_.matched.size(), 2u);
}

TEST_F(ScopedMatcherTest, AnEntryOfTheOtherProductIsBetterThanNothing) {
  EXPECT_EQ(Explain("gadget failed", ProductScope::kDpm), "mars.widget -> mars.widget");
}

// The shipped knowledge base: lines that two entries used to claim count for one entry.
class DefaultKbMatcherTest : public MatcherTest {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok()) << kb.status();
    Use(*std::move(kb));
  }
};

TEST_F(DefaultKbMatcherTest, DeviceNotReadyIsTheDpmEntryOnlyInDpmLogs) {
  constexpr std::string_view kMarsLine = "Failed: Hr: = [0x80070015] The device is not ready.";
  EXPECT_THAT(Findings(kMarsLine, ProductScope::kMars), ElementsAre("win32.device-not-ready"));
  EXPECT_THAT(Findings(kMarsLine, ProductScope::kDpm), ElementsAre("dpm.device-not-ready"));
  // ID 104 only wraps the detail, which is the finding.
  constexpr std::string_view kDpmLine =
      "Job failed. Datasource:[D:\\] Server:[FS02.contoso.local] Error:[An unexpected error "
      "occurred while the job was running. (ID 104 Details: The device is not ready "
      "(0x80070015))]";
  EXPECT_THAT(Findings(kDpmLine, ProductScope::kDpm), ElementsAre("dpm.device-not-ready"));
  EXPECT_THAT(Findings(kDpmLine, ProductScope::kMars), ElementsAre("win32.device-not-ready"));
}

TEST_F(DefaultKbMatcherTest, AnInconsistentReplicaInAnOnlineBackupIsOneEntry) {
  constexpr std::string_view kLine =
      "Online recovery point creation failed for [D:\\] on [FS02.contoso.local]. "
      "ErrorCode:[CBPSourceSnapshotFailedReplicaInconsistent] Backup failed because the "
      "disk-backup replica is inconsistent.";
  EXPECT_THAT(Findings(kLine, ProductScope::kDpm), ElementsAre("mabs.online-replica-inconsistent"));
  EXPECT_THAT(Findings(kLine, ProductScope::kMars),
              ElementsAre("mabs.online-replica-inconsistent"));
  EXPECT_THAT(Findings("Replica is inconsistent for datasource FS01\\D:", ProductScope::kDpm),
              ElementsAre("dpm.replica-inconsistent"));
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
