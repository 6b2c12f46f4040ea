// One line, one finding: which finding a record counts for, and the invariant that no record
// of the samples, of the benchmark corpus or of the knowledge base's own samples is claimed
// by two entries in a way only the knowledge base's order could settle.
#include "aggregate/finding_id.h"

#include <filesystem>
#include <string>
#include <vector>

#include "aggregate/log_product.h"
#include "corpus.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "loganalyze/reader.h"

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

  // Checks one record (`where` names it in failures) and counts it. A record is settled when
  // precedence leaves one entry, or a tie of entries each found by its own code of the record
  // (the last code wins). Two specific entries, or an entry in a tie found by its wording
  // only, mean an overlap the data must not leave to the knowledge base's order.
  void ExpectSettled(std::string_view text, ProductScope product, const std::string& where) {
    ASSERT_TRUE(matcher_->Match(text, &scratch_, &result_, product).ok());
    ++records_;
    if (result_.entries.size() <= 1) return;
    int specific = 0;
    std::string ids;
    for (int e : result_.entries) {
      const KbEntry& entry = kb_.entries()[e];
      specific += entry.generic ? 0 : 1;
      ids += entry.id + " ";
      bool by_code = false;
      for (const Code& c : result_.codes) by_code = by_code || matcher_->EntryForCode(c) == e;
      EXPECT_TRUE(by_code) << where << ": '" << entry.id
                           << "' ties with other entries by its wording only: " << text;
    }
    EXPECT_LE(specific, 1) << where << ": two specific entries (" << ids << ") claim " << text;
  }

  // Checks every record of an input, whatever its level, not only those the analyzer
  // matches: a NORMAL line that two entries claim is an overlap waiting for a WARNING with
  // the same words. The log family comes from `name`, as in the analyzer.
  void ExpectInputSettled(ByteSource& source, const std::string& name, const std::string& where) {
    class Sink : public RecordSink {
     public:
      Sink(FindingIdTest* test, ProductScope product, const std::string& where)
          : test_(test), product_(product), where_(where) {}
      void OnRecord(const Record& r) override {
        test_->ExpectSettled(r.message, product_, where_ + ":" + std::to_string(r.line));
      }

     private:
      FindingIdTest* test_;
      ProductScope product_;
      const std::string& where_;
    } sink(this, LogProductFromName(name), where);
    InputInfo info;
    info.name = name;
    const InputSummary summary = ReadLog(source, info, {}, sink);
    EXPECT_TRUE(summary.status.ok()) << where << ": " << summary.status;
  }

  KnowledgeBase kb_;
  std::unique_ptr<const Matcher> matcher_;
  MatchScratch scratch_;
  MatchResult result_;
  size_t records_ = 0;
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

TEST_F(FindingIdTest, NoSampleLineIsClaimedByTwoEntries) {
  size_t files = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(LOGANALYZE_SAMPLES_DIR)) {
    const std::string path = f.path().string();
    // The folder's README and generator are documentation and source, which the tool skips
    // when it walks a folder.
    if (!f.is_regular_file() || path.ends_with(".md") || path.ends_with(".py")) continue;
    auto source = OpenFile(path);
    ASSERT_TRUE(source.ok()) << source.status();
    ExpectInputSettled(**source, path, f.path().filename().string());
    ++files;
  }
  // Reading nothing would prove nothing.
  EXPECT_GE(files, 8u);
  EXPECT_GT(records_, 5000u);
}

TEST_F(FindingIdTest, NoCorpusLineIsClaimedByTwoEntries) {
  for (const bool dpm : {false, true}) {
    bench::CorpusOptions options;
    options.bytes = 2 << 20;
    options.dpm = dpm;
    options.code_share = 0.2;  // many coded lines: every kind several hundred times
    std::string text;
    bench::GenerateErrlog(options, &text);
    const std::string name = dpm ? "MSDPMCurr.errlog" : "CBEngineCurr.errlog";
    auto source = MemorySource(text);
    ExpectInputSettled(*source, name, "corpus " + name);
  }
  EXPECT_GT(records_, 10000u);
}

TEST_F(FindingIdTest, NoKnowledgeBaseSampleIsClaimedByTwoEntries) {
  for (const KbEntry& e : kb_.entries()) {
    for (const auto* lines : {&e.samples_match, &e.samples_no_match}) {
      for (const std::string& line : *lines) {
        for (const ProductScope product :
             {ProductScope::kAny, ProductScope::kMars, ProductScope::kDpm}) {
          ExpectSettled(line, product,
                        e.id + " sample in a log of scope " +
                            std::string(ProductScopeName(product)));
        }
      }
    }
  }
}

}  // namespace
}  // namespace loganalyze::internal
