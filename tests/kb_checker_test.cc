// The checker finds each kind of broken knowledge-base file, all at once, with file, entry
// id and reason.
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"

namespace loganalyze {

// Readable failure messages.
void PrintTo(const KbProblem& p, std::ostream* os) { *os << p.ToString(); }

namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Entry(std::string_view id, std::string_view codes, std::string_view patterns,
                  std::string_view match, std::string_view zh_title = "標題") {
  return std::string(R"({"id": ")") + std::string(id) +
         R"(", "products": ["MARS"], "codes": [)" + std::string(codes) +
         R"(], "severity": "error", "title": {"en": "Title", "zh-TW": ")" +
         std::string(zh_title) +
         R"("}, "cause": {"en": "Cause.", "zh-TW": "原因。"},
     "actions": {"en": ["Do it."], "zh-TW": ["做。"]}, "patterns": [)" +
         std::string(patterns) + R"(], "samples": {"match": [)" + std::string(match) +
         R"(], "no_match": ["nothing"]}})";
}

class KbCheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("loganalyze_kb_checker_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string File(const std::string& name) { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(KbCheckerTest, ValidDirectoryHasNoProblems) {
  Write("a.json", R"({"schema": "loganalyze.kb/1", "entries": [)" +
                      Entry("mars.one", R"("34513")", "", R"j("(ID: 34513)")j") + "]}");
  EXPECT_TRUE(CheckKnowledgeBase(dir_.string()).empty());
}

TEST_F(KbCheckerTest, ReportsEveryKindOfProblemAtOnce) {
  // Invalid JSON: a missing comma on line 3.
  Write("broken.json", "{\n  \"schema\": \"loganalyze.kb/1\",\n  \"entries\": [] \"x\": 1\n}\n");
  Write("entries.json",
        R"({"schema": "loganalyze.kb/1", "entries": [)" +
            Entry("mars.dup", R"("34513")", "", R"j("(ID: 34513)")j") + "," +
            Entry("mars.dup", R"("34506")", "", R"("Error 34506")") + "," +
            Entry("mars.bad-regex", "", R"("(?<=behind)x")", R"("x")") + "," +
            Entry("mars.no-zh", R"("100050")", "", R"("ID: 100050")", "") + "," +
            Entry("mars.bad-sample", R"("100051")", "", R"("ID: 999")") + "," +
            Entry("mars.same-code", R"("34513")", "", R"j("(ID: 34513)")j") + "," +
            Entry("mars.not-canonical", R"("0x8007000e")", "", R"("0x8007000E")") + "]}");
  const std::vector<KbProblem> problems = CheckKnowledgeBase(dir_.string());
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::file, File("broken.json")),
                                       Field(&KbProblem::line, 3), Field(&KbProblem::column, 17),
                                       Field(&KbProblem::reason, HasSubstr("invalid JSON")))));
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::entry_id, "mars.dup"),
                                       Field(&KbProblem::reason, HasSubstr("duplicate id")))));
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::entry_id, "mars.bad-regex"),
                                       Field(&KbProblem::reason, HasSubstr("rejected by RE2")))));
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::entry_id, "mars.no-zh"),
                                       Field(&KbProblem::reason, HasSubstr("zh-TW")))));
  EXPECT_THAT(problems,
              Contains(AllOf(Field(&KbProblem::entry_id, "mars.bad-sample"),
                             Field(&KbProblem::reason, HasSubstr("does not produce")))));
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::entry_id, "mars.same-code"),
                                       Field(&KbProblem::reason, HasSubstr("34513")))));
  EXPECT_THAT(problems,
              Contains(AllOf(Field(&KbProblem::entry_id, "mars.not-canonical"),
                             Field(&KbProblem::reason, HasSubstr("write '0x8007000E'")))));
  for (const KbProblem& p : problems) EXPECT_FALSE(p.file.empty()) << p.ToString();
}

// Found by fuzz_kb_loader: a number ending in 0 ("10") was taken for one with a leading
// zero, so the error was located at the number instead of at the real mistake.
TEST_F(KbCheckerTest, SyntaxErrorIsLocatedPastNumbersEndingInZero) {
  Write("n.json", "{\"schema\": \"loganalyze.kb/1\", \"x\": 10,\n \"entries\": [] \"y\": 1}\n");
  const std::vector<KbProblem> problems = CheckKnowledgeBase(File("n.json"));
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::line, 2), Field(&KbProblem::column, 16),
                                       Field(&KbProblem::reason, HasSubstr("expected ','")))));
}

TEST_F(KbCheckerTest, WrongSchemaAndMissingFields) {
  Write("old.json", R"({"schema": "loganalyze.kb/0", "entries": []})");
  Write("fields.json", R"({"schema": "loganalyze.kb/1", "entries": [{"id": "Bad Id"}]})");
  const std::vector<KbProblem> problems = CheckKnowledgeBase(dir_.string());
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::file, File("old.json")),
                                       Field(&KbProblem::reason, HasSubstr("schema")))));
  EXPECT_THAT(problems, Contains(Field(&KbProblem::reason, HasSubstr("[a-z0-9]"))));
  EXPECT_THAT(problems, Contains(Field(&KbProblem::reason, HasSubstr("'severity'"))));
  EXPECT_THAT(problems, Contains(Field(&KbProblem::reason, HasSubstr("'samples'"))));
}

TEST_F(KbCheckerTest, TwoSpecificEntriesForOneSampleAreAProblem) {
  Write("o.json", R"({"schema": "loganalyze.kb/1", "entries": [)" +
                      Entry("mars.one", "", R"("widget failed")", R"("widget failed")") + "," +
                      Entry("mars.two", "", R"j("widget (?:failed|broke)")j", R"("widget broke")") +
                      "]}");
  const std::vector<KbProblem> problems = CheckKnowledgeBase(dir_.string());
  EXPECT_THAT(problems,
              Contains(AllOf(Field(&KbProblem::entry_id, "mars.one"),
                             Field(&KbProblem::reason, HasSubstr("specific entry 'mars.two'")))));
  // The sample of mars.two is its own alone.
  EXPECT_THAT(problems, Not(Contains(Field(&KbProblem::entry_id, "mars.two"))));
}

// A pattern-only entry with the products and the `scope` field (left out when empty) given.
std::string ScopedEntry(std::string_view id, std::string_view products, std::string_view scope) {
  const std::string scope_field =
      scope.empty() ? std::string() : R"("scope": )" + std::string(scope) + ",";
  return R"({"id": ")" + std::string(id) + R"(", "products": )" + std::string(products) + "," +
         scope_field + R"( "codes": [], "severity": "error",
     "title": {"en": "Title", "zh-TW": "標題"}, "cause": {"en": "Cause.", "zh-TW": "原因。"},
     "actions": {"en": ["Do it."], "zh-TW": ["做。"]}, "patterns": ["oops"],
     "samples": {"match": ["oops"], "no_match": ["nothing"]}})";
}

TEST_F(KbCheckerTest, ScopeMustBeKnownAndAgreeWithTheProducts) {
  Write("s.json", R"({"schema": "loganalyze.kb/1", "entries": [)" +
                      ScopedEntry("mars.ok", R"(["MARS", "MABS"])", R"("mars")") + "," +
                      ScopedEntry("mars.unknown", R"(["MARS"])", R"("cbengine")") + "," +
                      ScopedEntry("mars.not-a-string", R"(["MARS"])", "1") + "," +
                      ScopedEntry("mars.not-mars", R"(["DPM"])", R"("mars")") + "," +
                      ScopedEntry("dpm.not-dpm", R"(["MARS", "Windows"])", R"("dpm")") + "]}");
  const std::vector<KbProblem> problems = CheckKnowledgeBase(dir_.string());
  EXPECT_THAT(problems, Not(Contains(Field(&KbProblem::entry_id, "mars.ok"))));
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::entry_id, "mars.unknown"),
                                       Field(&KbProblem::reason, HasSubstr("'scope' must")))));
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::entry_id, "mars.not-a-string"),
                                       Field(&KbProblem::reason, HasSubstr("'scope' must")))));
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::entry_id, "mars.not-mars"),
                                       Field(&KbProblem::reason, HasSubstr("needs MARS")))));
  EXPECT_THAT(problems, Contains(AllOf(Field(&KbProblem::entry_id, "dpm.not-dpm"),
                                       Field(&KbProblem::reason, HasSubstr("needs DPM or MABS")))));
}

TEST(KbScopeTest, DefaultScopeFollowsTheProducts) {
  auto kb = KnowledgeBase::FromJson(
      R"({"schema": "loganalyze.kb/1", "entries": [)" +
          ScopedEntry("mars.only", R"(["MARS", "Windows"])", "") + "," +
          ScopedEntry("dpm.only", R"(["MABS", "DPM"])", "") + "," +
          ScopedEntry("both.any", R"(["MARS", "MABS"])", "") + "," +
          ScopedEntry("windows.any", R"(["Windows"])", "") + "," +
          ScopedEntry("both.explicit", R"(["MARS", "DPM"])", R"("dpm")") + "]}",
      "scopes.json");
  ASSERT_TRUE(kb.ok()) << kb.status();
  std::vector<std::string> scopes;
  for (const KbEntry& e : kb->entries()) scopes.emplace_back(ProductScopeName(e.scope));
  EXPECT_THAT(scopes, ::testing::ElementsAre("mars", "dpm", "any", "any", "dpm"));
}

TEST_F(KbCheckerTest, MissingDirectory) {
  const std::vector<KbProblem> problems = CheckKnowledgeBase(File("nope"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].reason, HasSubstr("no such"));
}

TEST_F(KbCheckerTest, LoadingAMissingDirectoryIsNotFound) {
  for (auto kb : {KnowledgeBase::FromDirectory(File("nope")),
                  KnowledgeBase::DefaultExtendedBy(File("nope"))}) {
    ASSERT_FALSE(kb.ok());
    EXPECT_EQ(kb.status().code(), absl::StatusCode::kNotFound);
    EXPECT_THAT(std::string(kb.status().message()), HasSubstr(File("nope")));
  }
}

TEST_F(KbCheckerTest, LoadingFailsWithEveryProblem) {
  Write("a.json", R"({"schema": "loganalyze.kb/1", "entries": [)" +
                      Entry("mars.a", R"("34513")", "", R"j("(ID: 34513)")j") + "," +
                      Entry("mars.a", R"("34513")", "", R"j("(ID: 34513)")j") + "]}");
  auto kb = KnowledgeBase::FromDirectory(dir_.string());
  ASSERT_FALSE(kb.ok());
  EXPECT_THAT(std::string(kb.status().message()), HasSubstr("duplicate id"));
  EXPECT_THAT(std::string(kb.status().message()), HasSubstr("also claimed"));
}

TEST(KbMergeTest, AddingADirectoryRejectsClashes) {
  auto base = KnowledgeBase::Default();
  ASSERT_TRUE(base.ok());
  auto extra = KnowledgeBase::FromJson(
      R"({"schema": "loganalyze.kb/1", "entries": [)" +
          Entry("local.one", R"("999999")", "", R"("ID: 999999")") + "]}",
      "local.json");
  ASSERT_TRUE(extra.ok()) << extra.status();
  const size_t before = base->entries().size();
  absl::StatusOr<KnowledgeBase> merged = base->CombinedWith(*extra);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->entries().size(), before + 1);
  EXPECT_THAT(merged->version(), HasSubstr("+local"));
  EXPECT_FALSE(merged->CombinedWith(*extra).ok());  // the same id again
  // Neither input changed: a knowledge base is immutable.
  EXPECT_EQ(base->entries().size(), before);
  EXPECT_THAT(base->version(), Not(HasSubstr("+local")));
  EXPECT_EQ(extra->entries().size(), 1u);
}

}  // namespace
}  // namespace loganalyze
