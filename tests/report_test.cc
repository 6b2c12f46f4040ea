#include "loganalyze/report.h"

#include <algorithm>
#include <string>
#include <vector>

#include "aggregate/templates.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/analyzer.h"
#include "test_util.h"

namespace loganalyze {
namespace {

using ::loganalyze::testing::ToUtf16;
using ::loganalyze::testing::UnixSeconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Errlog(int day, int variant) {
  std::string out;
  for (int i = 0; i < 20; ++i) {
    const std::string guid = "AAAAAAAA-0000-0000-0000-00000000000" + std::to_string(i % 3);
    out += "0AB0\t0974\t01/0" + std::to_string(day) + "\t1" + std::to_string(i % 10) +
           ":00:00.000\t71\tx.cpp(1)\t\t" + guid + "\tWARNING\t";
    switch ((i + variant) % 4) {
      case 0: out += "Failed: Hr: = [0x80070005] on file(D:\\f" + std::to_string(i) + ")"; break;
      case 1: out += "Widget " + std::to_string(i) + " misbehaved"; break;
      case 2: out += "Backup Progress: Data transfer started."; break;
      default: out += "Unable to find changes in a file. SalBitmapError"; break;
    }
    out += "\r\n";
  }
  return out;
}

Report Analyze(const KnowledgeBase& kb, const std::string& name, const std::string& bytes) {
  auto analyzer = Analyzer::Create(kb, {});
  auto src = MemorySource(bytes);
  InputInfo info;
  info.name = name;
  info.mtime = UnixSeconds(2026, 1, 9);
  return (*analyzer)->Analyze(*src, info, name, "");
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok());
    kb_ = *std::move(kb);
    options_.tool_version = "test";
  }
  std::string Json(const Report& r) { return RenderReport(r, kb_, ReportFormat::kJson, options_); }
  // Analyzes `bytes` as a MARS engine log with `options`.
  Report AnalyzeEngineLog(const std::string& bytes, const AnalyzeOptions& options) {
    auto analyzer = Analyzer::Create(kb_, options);
    EXPECT_TRUE(analyzer.ok());
    if (!analyzer.ok()) return Report();
    auto src = MemorySource(bytes);
    InputInfo info;
    info.name = "CBEngineCurr.errlog";
    return (*analyzer)->Analyze(*src, info, "CBEngineCurr.errlog", "");
  }
  KnowledgeBase kb_;
  RenderOptions options_;
};

// merge(a, b) equals one run over a + b: the property that buys threads and `merge`.
TEST_F(ReportTest, MergeEqualsOneRun) {
  const Report a = Analyze(kb_, "a/CBEngine1.errlog", ToUtf16(Errlog(1, 0)));
  const Report b = Analyze(kb_, "b/CBEngineCurr.errlog", ToUtf16(Errlog(2, 1)));
  const Report c = Analyze(kb_, "c/MSDPMCurr.errlog", Errlog(3, 2));
  Report ab = a;
  ab.Merge(b);
  ab.Merge(c);
  Report ba = c;
  ba.Merge(b);
  ba.Merge(a);
  EXPECT_EQ(Json(ab), Json(ba));  // order of merging does not matter
  // Merging JSON reports read back equals the in-memory merge.
  auto ra = ParseJsonReport(Json(a));
  auto rbc = ParseJsonReport(Json([&] { Report x = b; x.Merge(c); return x; }()));
  ASSERT_TRUE(ra.ok()) << ra.status();
  ASSERT_TRUE(rbc.ok()) << rbc.status();
  Report merged = *ra;
  merged.Merge(*rbc);
  EXPECT_EQ(Json(merged), Json(ab));
}

TEST_F(ReportTest, JsonRoundTrip) {
  Report r = Analyze(kb_, "CBEngineCurr.errlog", ToUtf16(Errlog(4, 3)));
  r.Merge(Analyzer::Unreadable("x.zip", "inner/y.errlog", absl::DataLossError("corrupt member")));
  const std::string json = Json(r);
  auto back = ParseJsonReport(json);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(Json(*back), json);
  EXPECT_THAT(json, HasSubstr("\"schema\":\"loganalyze.report/1\""));
}

// The identity, duplicate and note fields of inputs survive the round trip, and a report of
// an earlier version, written without them, is still read.
TEST_F(ReportTest, InputIdentityAndNotesRoundTrip) {
  Report r = Analyze(kb_, "CBEngineCurr.errlog", ToUtf16(Errlog(4, 3)));
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].content_hash.size(), 16u);
  r.inputs[0].notes = {"year from the modification time", "another note"};
  r.inputs[0].duplicates = {{"a.zip!/MSDPMCurr.errlog", 3}, {"b.errlog", 2}};
  r.inputs[0].stats.duplicate_records = 5;
  r.inputs[0].stats.undated_records = 1;
  const std::string json = Json(r);
  auto back = ParseJsonReport(json);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->inputs.size(), 1u);
  EXPECT_EQ(back->inputs[0].content_hash, r.inputs[0].content_hash);
  EXPECT_EQ(back->inputs[0].notes, r.inputs[0].notes);
  EXPECT_EQ(back->inputs[0].duplicates, r.inputs[0].duplicates);
  EXPECT_EQ(back->inputs[0].stats.duplicate_records, 5u);
  EXPECT_EQ(back->inputs[0].stats.undated_records, 1u);
  EXPECT_EQ(Json(*back), json);

  std::string old = json;
  for (const char* field : {"\"duplicate_records\":5,", "\"undated_records\":1,"}) {
    const size_t at = old.find(field, old.find("\"inputs\":["));
    ASSERT_NE(at, std::string::npos) << field;
    old.erase(at, std::string(field).size());
  }
  const size_t from = old.find(",\"content_hash\"");
  const size_t to = old.find(",\"error\"", from);
  ASSERT_NE(from, std::string::npos);
  old.erase(from, to - from);
  auto older = ParseJsonReport(old);
  ASSERT_TRUE(older.ok()) << older.status();
  EXPECT_TRUE(older->inputs[0].content_hash.empty());
  EXPECT_TRUE(older->inputs[0].notes.empty());
  EXPECT_EQ(older->inputs[0].stats.duplicate_records, 0u);
}

TEST_F(ReportTest, JoinedRecordsAreWrittenAndReadBack) {
  Report r = Analyze(kb_, "CBEngineCurr.errlog", Errlog(4, 3));
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_THAT(Json(r), HasSubstr("\"joined_records\":0,"));
  // An excerpt whose 3 lines held 5 records, 2 of them on the line of the record before.
  InputStats& s = r.inputs[0].stats;
  s.lines = 3;
  s.records = 5;
  s.joined_records = 2;
  s.continuation_lines = s.structure_lines = s.unparsed_lines = 0;
  ASSERT_TRUE(s.Balanced());
  const std::string json = Json(r);
  EXPECT_THAT(json, HasSubstr("\"records\":5,\"joined_records\":2,"));
  auto back = ParseJsonReport(json);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->inputs[0].stats.joined_records, 2u);
  EXPECT_TRUE(back->inputs[0].stats.Balanced());
  EXPECT_EQ(Json(*back), json);
  InputStats twice = s;
  twice.Add(s);
  EXPECT_EQ(twice.joined_records, 4u);
  EXPECT_TRUE(twice.Balanced());
}

TEST_F(ReportTest, MergeOnceCountsAnInputOnce) {
  const Report a = Analyze(kb_, "a/CBEngine1.errlog", ToUtf16(Errlog(1, 0)));
  const Report b = Analyze(kb_, "b/MSDPMCurr.errlog", Errlog(3, 2));
  Report ab = a;
  ab.Merge(b);
  Report merged = a;
  EXPECT_EQ(MergeOnce(&merged, b, "b.json").outcome, MergeOnceResult::Outcome::kMerged);
  EXPECT_EQ(Json(merged), Json(ab));
  // The same again, and a part of it under another name: not counted again.
  const MergeOnceResult again = MergeOnce(&merged, ab, "ab.json");
  EXPECT_EQ(again.outcome, MergeOnceResult::Outcome::kAlreadyCounted);
  EXPECT_EQ(again.shared.size(), 2u);
  const Report renamed = Analyze(kb_, "elsewhere/x.errlog", Errlog(3, 2));
  EXPECT_EQ(MergeOnce(&merged, renamed, "x.json").outcome,
            MergeOnceResult::Outcome::kAlreadyCounted);
  ASSERT_FALSE(ab.findings.empty());
  for (const auto& [id, f] : ab.findings) EXPECT_EQ(merged.findings.at(id).count, f.count) << id;
  EXPECT_THAT(merged.inputs[1].notes, ::testing::Contains(HasSubstr("also in the merged report")));
  // Some inputs shared, some not: not merged at all.
  Report bc = b;
  bc.Merge(Analyze(kb_, "c/DPMRACurr.errlog", Errlog(5, 1)));
  const std::string before = Json(merged);
  const MergeOnceResult partly = MergeOnce(&merged, bc, "bc.json");
  EXPECT_EQ(partly.outcome, MergeOnceResult::Outcome::kOverlapping);
  EXPECT_THAT(partly.shared, ::testing::ElementsAre("b/MSDPMCurr.errlog"));
  EXPECT_EQ(Json(merged), before);
  // A report without identities (an earlier version) is merged, with a note.
  Report old = Analyze(kb_, "d/DPMRA1.errlog", Errlog(6, 3));
  old.inputs[0].content_hash.clear();
  EXPECT_EQ(MergeOnce(&merged, old, "old.json").outcome, MergeOnceResult::Outcome::kMerged);
  EXPECT_THAT(merged.inputs.back().notes, ::testing::Contains(HasSubstr("cannot be checked")));
}

// `loganalyze merge` of one report more: merged, counted already, overlapping or not a
// report; what is not merged is listed in the merged report. Merging merges of disjoint
// reports gives the bytes of merging them all one after the other.
TEST_F(ReportTest, MergeJsonReportAsTheMergeCommandDoes) {
  const std::string a = Json(Analyze(kb_, "a/CBEngine1.errlog", ToUtf16(Errlog(1, 0))));
  const std::string b = Json(Analyze(kb_, "b/MSDPMCurr.errlog", Errlog(3, 2)));
  const std::string c = Json(Analyze(kb_, "c/DPMRACurr.errlog", Errlog(5, 1)));
  Report all;
  for (const std::string* r : {&a, &b, &c}) {
    const MergeJsonResult m = MergeJsonReport(&all, *r, "r.json");
    EXPECT_FALSE(m.failed);
    EXPECT_EQ(m.message, "");
  }
  Report ab, abc;
  MergeJsonReport(&ab, a, "a.json");
  MergeJsonReport(&ab, b, "b.json");
  MergeJsonReport(&abc, Json(ab), "ab.json");
  MergeJsonReport(&abc, c, "c.json");
  EXPECT_EQ(Json(abc), Json(all));

  const MergeJsonResult again = MergeJsonReport(&all, b, "again.json");
  EXPECT_FALSE(again.failed);
  EXPECT_EQ(again.message, "b/MSDPMCurr.errlog");
  const std::string d = Json(Analyze(kb_, "d/DPMRA1.errlog", Errlog(6, 3)));
  Report bd;
  MergeJsonReport(&bd, b, "b.json");
  MergeJsonReport(&bd, d, "d.json");
  const MergeJsonResult partly = MergeJsonReport(&all, Json(bd), "bd.json");
  EXPECT_TRUE(partly.failed);
  EXPECT_THAT(partly.message, HasSubstr("not merged: it shares 1 input(s)"));
  const MergeJsonResult bad = MergeJsonReport(&all, "{\"schema\": 7", "bad.json");
  EXPECT_TRUE(bad.failed);
  EXPECT_FALSE(bad.message.empty());
  ASSERT_EQ(all.errors.size(), 2u);
  EXPECT_EQ(all.errors[0].path, "bd.json");
  EXPECT_EQ(all.errors[1].path, "bad.json");
  EXPECT_THAT(all.errors[1].message, HasSubstr("not merged: " + bad.message));
}

TEST_F(ReportTest, ParseJsonReportErrors) {
  const std::string json = Json(Analyze(kb_, "CBEngineCurr.errlog", Errlog(5, 0)));
  auto truncated = ParseJsonReport(json.substr(0, json.size() / 2));
  ASSERT_FALSE(truncated.ok());
  EXPECT_THAT(std::string(truncated.status().message()), HasSubstr("truncated"));
  std::string other = json;
  other.replace(other.find("loganalyze.report/1"), 19, "loganalyze.report/9");
  auto wrong = ParseJsonReport(other);
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(std::string(wrong.status().message()), HasSubstr("loganalyze.report/9"));
  EXPECT_FALSE(ParseJsonReport("hello").ok());
  EXPECT_FALSE(ParseJsonReport("{\"schema\":\"loganalyze.report/1\"}").ok());
}

// A report with something in every part: findings with and without an entry, jobs, unknown
// templates, failed files, an error, limits.
Report FullReport(const KnowledgeBase& kb) {
  Report r = Analyze(kb, "CBEngineCurr.errlog", ToUtf16(Errlog(4, 3)));
  r.Merge(Analyze(kb, "CBEngine2.errlog",
                  "0AB0\t0974\t01/03\t10:00:00.000\t71\tx.cpp(1)\t\t\tWARNING\tcode 0x8007FFFF\n"));
  r.Merge(Analyze(kb, "LastBackupFailedFiles17af1_1_4_2026_1230.txt",
                  "D:\\a.txt\t0x80070005\r\nD:\\b.txt\t0x80070020\r\n"));
  r.Merge(Analyzer::Unreadable("x.zip", "inner/y.errlog", absl::DataLossError("corrupt member")));
  return r;
}

// JSON Lines reports are read back as JSON reports are, and lose nothing: the JSON report
// of what was read from the JSON Lines one is the original's, byte for byte.
TEST_F(ReportTest, JsonlRoundTrip) {
  const Report r = FullReport(kb_);
  ASSERT_FALSE(r.failed_files.items.empty());
  ASSERT_FALSE(r.jobs.empty());
  ASSERT_FALSE(r.unknown.empty());
  ASSERT_TRUE(r.limits.has_value());
  const std::string jsonl = RenderReport(r, kb_, ReportFormat::kJsonl, options_);
  auto back = ParseJsonReport(jsonl);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(Json(*back), Json(r));
  EXPECT_EQ(RenderReport(*back, kb_, ReportFormat::kJsonl, options_), jsonl);
  EXPECT_EQ(back->limits, r.limits);
}

TEST_F(ReportTest, JsonlErrorsNameTheLine) {
  const std::string jsonl = RenderReport(FullReport(kb_), kb_, ReportFormat::kJsonl, options_);
  // Cut before its summary line: a report that ends early.
  const size_t last = jsonl.rfind("{\"type\":\"summary\"");
  ASSERT_NE(last, std::string::npos);
  auto cut = ParseJsonReport(jsonl.substr(0, last));
  ASSERT_FALSE(cut.ok());
  EXPECT_THAT(std::string(cut.status().message()), HasSubstr("no summary line"));
  // A line broken in the middle.
  std::string broken = jsonl;
  const size_t second = broken.find('\n') + 1;
  broken.erase(second + 10, 5);
  auto bad = ParseJsonReport(broken);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("line 2:"));
  std::string other = jsonl;
  other.replace(other.find("\"type\":\"job\""), 12, "\"type\":\"jab\"");
  auto unknown = ParseJsonReport(other);
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(std::string(unknown.status().message()), HasSubstr("type \"jab\""));
}

// What a report says in words (titles, causes, actions in its language), its summary and
// its expected logs are read back from JSON and from JSON Lines as Describe() makes them.
TEST_F(ReportTest, DescribedReportReadsBackItsWordsAndSummary) {
  const Report r = FullReport(kb_);
  for (Language lang : {Language::kEnglish, Language::kTraditionalChinese}) {
    const DescribedReport made = Describe(r, kb_, lang, "test");
    ASSERT_EQ(made.texts.size(), r.findings.size());
    EXPECT_EQ(made.summary, Summarize(r));
    EXPECT_EQ(made.summary.inputs, r.inputs.size());
    EXPECT_EQ(made.summary.findings, r.findings.size());
    EXPECT_THAT(made.summary.expected_logs,
                ElementsAre(ExpectedLog{"CBEngineCurr.errlog", true}));
    for (ReportFormat format : {ReportFormat::kJson, ReportFormat::kJsonl}) {
      RenderOptions o = options_;
      o.language = lang;
      auto back = ParseDescribedReport(RenderReport(r, kb_, format, o));
      ASSERT_TRUE(back.ok()) << back.status();
      EXPECT_EQ(back->language, lang);
      EXPECT_EQ(back->tool_version, "test");
      EXPECT_EQ(back->kb_version, kb_.version());
      EXPECT_EQ(back->summary, made.summary);
      EXPECT_EQ(back->texts, made.texts);
    }
  }
  // The words are the knowledge base's, in the language asked for; a code without an entry
  // gets words that say so.
  const DescribedReport en = Describe(r, kb_, Language::kEnglish);
  const DescribedReport zh = Describe(r, kb_, Language::kTraditionalChinese);
  bool known_seen = false, unknown_seen = false;
  for (const auto& [id, f] : r.findings) {
    const FindingText& e = en.TextOf(f);
    const FindingText& z = zh.TextOf(f);
    EXPECT_FALSE(e.title.empty()) << id;
    EXPECT_NE(e.title, z.title) << id;
    if (e.known) {
      known_seen = true;
      const KbEntry& entry = kb_.entries()[kb_.FindById(id)];
      EXPECT_EQ(e.title, entry.title.Get(Language::kEnglish));
      EXPECT_EQ(z.cause, entry.cause.Get(Language::kTraditionalChinese));
    } else {
      unknown_seen = true;
      EXPECT_THAT(e.title, HasSubstr("no knowledge-base entry"));
    }
  }
  EXPECT_TRUE(known_seen);
  EXPECT_TRUE(unknown_seen);
}

// Every error says what kind of failure it is, in the C++ report, in JSON and after reading
// it back; a report of an earlier version, without kinds, is still read.
TEST_F(ReportTest, ErrorsKeepTheirKind) {
  const Report r = FullReport(kb_);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, absl::StatusCode::kDataLoss);
  const std::string json = Json(r);
  EXPECT_THAT(json, HasSubstr(R"("code":"data_loss","message":"corrupt member")"));
  auto back = ParseJsonReport(json);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->errors[0].code, absl::StatusCode::kDataLoss);
  std::string old = json;
  old.erase(old.find(R"("code":"data_loss",)"), 19);
  auto old_back = ParseJsonReport(old);
  ASSERT_TRUE(old_back.ok()) << old_back.status();
  EXPECT_EQ(old_back->errors[0].code, absl::StatusCode::kUnknown);
  std::string bad = json;
  bad.replace(bad.find("data_loss"), 9, "data_lost");
  auto bad_back = ParseJsonReport(bad);
  ASSERT_FALSE(bad_back.ok());
  EXPECT_THAT(std::string(bad_back.status().message()), HasSubstr("errors[].code"));
}

TEST(StatusCodeNameTest, EveryCodeHasANameThatReadsBack) {
  for (int c = 0; c <= 16; ++c) {
    const auto code = static_cast<absl::StatusCode>(c);
    const std::string_view name = StatusCodeName(code);
    EXPECT_EQ(StatusCodeFromName(name), code) << name;
  }
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kNotFound), "not_found");
  EXPECT_FALSE(StatusCodeFromName("NOT_FOUND").has_value());
}

// `n` engine-log WARNING lines that each make a template of their own (their words differ
// in letters, which templates do not mask).
std::string DistinctWarnings(int n) {
  std::string bytes;
  for (int i = 0; i < n; ++i) {
    std::string word;
    for (int k = i; k > 0 || word.empty(); k /= 26) word += static_cast<char>('a' + k % 26);
    bytes += "0AB0\t0974\t01/05\t10:00:00.000\t71\tx.cpp(1)\t\t\tWARNING\tstate " + word + "\n";
  }
  return bytes;
}

TEST_F(ReportTest, TemplatesAreBoundedAndTheOverflowCounted) {
  const std::string bytes = DistinctWarnings(500);
  AnalyzeOptions o;
  o.limits.max_templates = 100;
  const Report r = AnalyzeEngineLog(bytes, o);
  EXPECT_EQ(r.unknown.size(), 100u);
  EXPECT_EQ(r.unknown_overflow, 400u);
  Report twice = r;
  twice.Merge(r);
  EXPECT_EQ(twice.unknown.size(), 100u);  // the same templates: no more than before
  EXPECT_EQ(twice.unknown_overflow, 800u);
}

// A report keeps the limits it was made with, through merges and through its JSON. Before,
// Report::Merge bounded every merge by default arguments: a report made to keep 3000
// templates lost 1000 of them when merged into an empty report, unless the caller passed all
// four bounds again.
TEST_F(ReportTest, MergeKeepsTheLimitsTheReportsWereMadeWith) {
  const std::string bytes = DistinctWarnings(3000);
  AnalyzeOptions wide;
  wide.limits.max_templates = 5000;
  const Report r = AnalyzeEngineLog(bytes, wide);
  ASSERT_TRUE(r.limits.has_value());
  EXPECT_EQ(*r.limits, wide.limits);
  EXPECT_EQ(r.unknown.size(), 3000u);

  Report merged;  // made by hand: no limits of its own
  merged.Merge(r);
  EXPECT_EQ(merged.unknown.size(), 3000u);
  EXPECT_EQ(merged.unknown_overflow, 0u);
  EXPECT_EQ(merged.limits, r.limits);

  // The limits survive the report file, so `loganalyze merge` keeps them too.
  absl::StatusOr<Report> back = ParseJsonReport(Json(r));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->limits, r.limits);
  Report from_files;
  from_files.Merge(*back);
  EXPECT_EQ(from_files.unknown.size(), 3000u);

  // Reports made with different limits merge within the wider of each.
  AnalyzeOptions narrow;
  narrow.limits.max_templates = 10;
  narrow.limits.max_jobs = 20000;
  Report mixed = AnalyzeEngineLog(bytes, narrow);
  EXPECT_EQ(mixed.unknown.size(), 10u);
  mixed.Merge(r);
  ASSERT_TRUE(mixed.limits.has_value());
  EXPECT_EQ(mixed.limits->max_templates, 5000u);
  EXPECT_EQ(mixed.limits->max_jobs, 20000u);
  EXPECT_EQ(mixed.unknown.size(), 3000u);

  // A report file of an older version has no limits: the defaults bound it.
  std::string old = Json(r);
  const size_t at = old.find("\"limits\":");
  ASSERT_NE(at, std::string::npos);
  old.erase(at, old.find('\n', at) - at + 1);
  absl::StatusOr<Report> older = ParseJsonReport(old);
  ASSERT_TRUE(older.ok()) << older.status();
  EXPECT_FALSE(older->limits.has_value());
  Report bounded;
  bounded.Merge(*older);
  EXPECT_EQ(bounded.unknown.size(), ReportLimits().max_templates);
  EXPECT_EQ(bounded.unknown_overflow, 3000u - ReportLimits().max_templates);
}

TEST_F(ReportTest, JobsAndCodeFindingsAreBoundedAndTheOverflowCounted) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    char guid[64];
    std::snprintf(guid, sizeof guid, "%08X-0000-0000-0000-000000000000", i);
    char code[16];
    std::snprintf(code, sizeof code, "0x8EAD%04X", i);  // codes no entry knows
    bytes += "0AB0\t0974\t01/05\t10:00:00.000\t71\tx.cpp(1)\t\t" + std::string(guid) +
             "\tWARNING\tFailed: Hr: = [" + code + "]\n";
  }
  AnalyzeOptions o;
  o.limits.max_jobs = 100;
  o.limits.max_code_findings = 50;
  const Report r = AnalyzeEngineLog(bytes, o);
  EXPECT_EQ(r.jobs.size(), 100u);
  EXPECT_EQ(r.jobs_overflow, 200u);
  EXPECT_EQ(r.findings.size(), 50u);
  EXPECT_EQ(r.findings_overflow, 250u);
  // Merging keeps the bound and counts what it drops.
  Report merged;
  ReportLimits tighter = o.limits;
  tighter.max_jobs = 60;
  tighter.max_code_findings = 40;
  merged.Merge(r, tighter);
  EXPECT_EQ(merged.jobs.size(), 60u);
  EXPECT_EQ(merged.jobs_overflow, 240u);
  EXPECT_EQ(merged.findings.size(), 40u);
  EXPECT_EQ(merged.findings_overflow, 260u);
  auto back = ParseJsonReport(Json(merged));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->jobs_overflow, 240u);
  EXPECT_EQ(back->findings_overflow, 260u);
}

// The bounds a fleet's merges reach (inputs listed, inputs per finding, failed-file items,
// errors listed) keep the first ones of a fixed order, so a merge of many reports gives the
// same bytes whether it runs one report after the other or as a tree of any width; and the
// totals are those of the merge without bounds.
TEST_F(ReportTest, FleetBoundsGiveTheSameReportWhateverTheGrouping) {
  const std::string header =
      "Consider adding these to exclusion list of backup policy." + std::string(46, '-') + "\r\n";
  std::vector<Report> parts;
  for (int i = 0; i < 30; ++i) {
    const std::string server = "srv" + std::to_string(i);
    Report r = Analyze(kb_, server + "/CBEngineCurr.errlog", ToUtf16(Errlog(i % 9 + 1, i % 4)));
    std::string list = header;
    for (int k = 0; k <= i % 3; ++k) {
      list += "D:\\F\\" + std::to_string((i * 7 + k) % 11) + ".xlsx\t0x8007002" +
              std::to_string(k) + "\r\n";
    }
    r.Merge(Analyze(kb_, server + "/LastBackupFailedFiles17af1_1_3_2026_1230.txt", ToUtf16(list)));
    if (i % 3 == 0) {
      r.Merge(Analyzer::Unreadable(server + ".zip", "Temp/x.errlog",
                                   absl::DataLossError("damaged member " + std::to_string(i))));
    }
    parts.push_back(std::move(r));
  }
  ReportLimits bounds;
  bounds.max_inputs = 7;
  bounds.inputs_per_finding = 3;
  bounds.max_failed_files = 5;
  bounds.max_errors = 4;

  Report unbounded, sequential;
  for (const Report& r : parts) {
    unbounded.Merge(r);
    sequential.Merge(r, bounds);
  }
  const std::string expected = Json(sequential);
  for (size_t fan_in : {2, 3, 16}) {
    std::vector<Report> level = parts;
    while (level.size() > 1) {
      std::vector<Report> next;
      for (size_t at = 0; at < level.size(); at += fan_in) {
        Report group;
        for (size_t k = at; k < std::min(level.size(), at + fan_in); ++k) group.Merge(level[k], bounds);
        next.push_back(std::move(group));
      }
      level = std::move(next);
    }
    EXPECT_EQ(Json(level[0]), expected) << "a tree of " << fan_in << " a group";
  }

  // What is listed is the first of each, and the rest is counted.
  ASSERT_EQ(sequential.inputs.size(), 7u);
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(sequential.inputs[i].path, unbounded.inputs[i].path);
  EXPECT_EQ(sequential.unlisted_inputs.inputs, unbounded.inputs.size() - 7);
  for (const auto& [id, f] : unbounded.findings) {
    const ReportFinding& b = sequential.findings.at(id);
    EXPECT_EQ(b.count, f.count) << id;
    EXPECT_EQ(b.days, f.days) << id;
    EXPECT_EQ(b.inputs.size(), std::min<size_t>(f.inputs.size(), 3)) << id;
    EXPECT_EQ(b.inputs.size() + b.more_inputs, f.inputs.size()) << id;
    EXPECT_EQ(*b.inputs.begin(), *f.inputs.begin()) << id;
  }
  EXPECT_EQ(sequential.failed_files.items.size(), 5u);
  EXPECT_GT(unbounded.failed_files.items.size(), 5u);
  EXPECT_EQ(sequential.failed_files.total, unbounded.failed_files.total);
  EXPECT_EQ(sequential.failed_files.by_code, unbounded.failed_files.by_code);
  uint64_t kept = 0;
  for (const auto& [key, item] : sequential.failed_files.items) {
    EXPECT_EQ(item.count, unbounded.failed_files.items.at(key).count);
    kept += item.count;
  }
  EXPECT_EQ(sequential.failed_files.unlisted, unbounded.failed_files.total - kept);
  ASSERT_EQ(sequential.errors.size(), 4u);
  EXPECT_EQ(sequential.errors.size() + sequential.errors_overflow, unbounded.errors.size());
  EXPECT_EQ(sequential.errors[3].message, unbounded.errors[3].message);
  // Every total of the summary is the one of the merge without bounds.
  ReportSummary with = Summarize(sequential), without = Summarize(unbounded);
  EXPECT_EQ(with.unlisted_inputs, unbounded.inputs.size() - 7);
  EXPECT_EQ(with.errors_overflow, unbounded.errors.size() - 4);
  with.unlisted_inputs = with.errors_overflow = 0;
  EXPECT_EQ(with, without);

  // The report reads back to the same bytes, from JSON and from JSON Lines.
  absl::StatusOr<Report> back = ParseJsonReport(expected);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(Json(*back), expected);
  absl::StatusOr<Report> lines =
      ParseJsonReport(RenderReport(sequential, kb_, ReportFormat::kJsonl, options_));
  ASSERT_TRUE(lines.ok()) << lines.status();
  EXPECT_EQ(Json(*lines), expected);
  // Merging more into a report at its bounds does not make it bigger, only its counts.
  Report twice = sequential;
  for (Report r : parts) {
    for (ReportInput& in : r.inputs) in.path = "again/" + in.path;
    twice.Merge(r, bounds);
  }
  EXPECT_EQ(twice.inputs.size(), 7u);
  EXPECT_EQ(twice.failed_files.items.size(), 5u);
  EXPECT_EQ(twice.errors.size(), 4u);
  EXPECT_EQ(twice.unlisted_inputs.inputs, 2 * unbounded.inputs.size() - 7);
}

// Found by fuzz_errlog_parser: a leap second (23:59:60, which errlog heads accept) was
// written as "24:00:00" in the JSON, which `merge` then refused to read.
TEST_F(ReportTest, LeapSecondSurvivesTheJsonRoundTrip) {
  const Report r = Analyze(kb_, "CBEngineCurr.errlog",
                           "0AB0\t0974\t12/31\t23:59:60.500\t71\tx.cpp(1)\t\t\tWARNING\tleap\r\n");
  ASSERT_EQ(r.inputs.size(), 1u);
  EXPECT_EQ(r.inputs[0].first_time.ToString(), "2025-12-31T23:59:60.500");
  const std::string json = Json(r);
  auto back = ParseJsonReport(json);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(Json(*back), json);
  EXPECT_EQ(back->inputs[0].first_time, r.inputs[0].first_time);
}

// Found by fuzz_report_reader: a failed-files item listed twice was counted twice in the
// totals but kept once, so the merged report contradicted itself. Lists keyed by a name
// (findings, items, jobs, templates, timeline) now refuse a name given twice.
TEST_F(ReportTest, ParseJsonReportRefusesAKeyGivenTwice) {
  const std::string json = Json(Analyze(kb_, "LastBackupFailedFiles17af1_1_4_2026_1230.txt",
                                        "D:\\a.txt\t0x80070005\r\n"));
  const std::string item = R"({"path":"D:\\a.txt","code":"0x80070005")";
  const size_t at = json.find(item, json.find("\"items\""));
  ASSERT_NE(at, std::string::npos) << json;
  std::string twice = json;
  const size_t end = twice.find('}', at) + 1;
  twice.insert(end, "," + twice.substr(at, end - at));
  auto back = ParseJsonReport(twice);
  ASSERT_FALSE(back.ok());
  EXPECT_THAT(
      std::string(back.status().message()),
      HasSubstr(R"(failed_files.items[] holds path "D:\a.txt" with code "0x80070005" twice)"));
}

TEST(TemplateTest, MasksVariableParts) {
  std::string t;
  internal::MessageTemplate(
      "Task 8AE83798-7A85-466A-80CA-22CA66582965 hr 0x8007000e at \\\\srv\\share\\f.txt and "
      "C:\\Program Files\\x.dll [000000001A12E3F0] took 35 ms\nsecond line",
      &t);
  EXPECT_EQ(t, "Task <GUID> hr <HEX> at <PATH> and <PATH> [<HEX>] took <N> ms");
}

// Templates are bounded: a token that crosses the bound is cut with the rest, and trailing
// blanks go before the cut, not after.
TEST(TemplateTest, CutAtTheBound) {
  std::string t;
  internal::MessageTemplate(std::string(197, 'a') + " 1234 more", &t);
  EXPECT_EQ(t, std::string(197, 'a') + " <N");
  internal::MessageTemplate(std::string(199, 'a') + "   x", &t);
  EXPECT_EQ(t, std::string(199, 'a'));
  internal::MessageTemplate(std::string(300, 'b'), &t);
  EXPECT_EQ(t, std::string(internal::kMaxTemplateBytes, 'b'));
  internal::MessageTemplate("", &t);
  EXPECT_EQ(t, "");
}

TEST(InputKeyTest, Members) {
  EXPECT_EQ(InputKey("a.zip", ""), "a.zip");
  EXPECT_EQ(InputKey("a.zip", "Temp/CBEngineCurr.errlog"), "a.zip!/Temp/CBEngineCurr.errlog");
}

}  // namespace
}  // namespace loganalyze
