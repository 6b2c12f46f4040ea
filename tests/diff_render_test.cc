// RenderDiff and RenderRecurring: every format on comparisons made by hand, JSON read back
// with simdjson, hostile names escaped, and the HTML pages in a real browser.
#include <string>
#include <utility>

#include "browser_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/diff.h"
#include "simdjson.h"

namespace loganalyze {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// The built-in knowledge base (its loading is tested in kb_samples_test).
const KnowledgeBase& Kb() {
  static const KnowledgeBase kb = KnowledgeBase::Default().value_or(KnowledgeBase());
  return kb;
}

LogTime Day(int day, int hour = 12) { return LogTime::FromCivil(2026, 1, day, hour, 0, 0, 0); }

constexpr char kHostile[] = "D:\\R&D\\<script>alert(1)</script>\\x\x1b[2J.docx";

ReportDiff Sample() {
  ReportDiff d;
  d.older.name = "case-1.json";
  d.older.first_time = Day(3, 8);
  d.older.last_time = Day(4, 20);
  d.older.days = 2;
  d.older.inputs = d.older.analysed = 2;
  d.newer.name = "case-2.zip";
  d.newer.inputs = d.newer.analysed = 1;  // no dated records
  d.newer.has_failed_file_lists = true;
  d.newer.errors.push_back(ReportError{"case-2.zip", "CBEngine1.errlog", "truncated member"});
  FindingDiff veto;
  veto.id = "vss.provider-veto";
  veto.codes = {"0x80042306"};
  veto.change = FindingChange::kNew;
  veto.new_count = 3;
  veto.old_rate = 0;
  d.findings.push_back(veto);
  FindingDiff code;
  code.id = "code:0x8007139F";
  code.codes = {"0x8007139F"};
  code.change = FindingChange::kGone;
  code.old_count = 2;
  code.old_rate = 1;
  d.findings.push_back(code);
  d.failed_files.push_back(FailedFileDiff{kHostile, "0x80070020", FailedFileChange::kNew, 0, 1});
  d.failed_files.push_back(
      FailedFileDiff{"D:\\b.xlsx", "0x80070005", FailedFileChange::kFixed, 1, 0});
  JobFailureDiff job;
  job.kind = "mars-backup";
  job.phase = "Prebackup";
  job.codes = {"0x80042306"};
  job.change = JobFailureChange::kNew;
  job.new_jobs = 1;
  job.new_task_ids = {"CCCCCCCC-3333-4333-8333-333333333333"};
  job.first_failed = Day(6, 12);
  d.job_failures.push_back(job);
  return d;
}

RecurringFindings SampleRecurring() {
  RecurringFindings r;
  for (const char* name : {"b1.zip", "b2.zip", "b3.zip"}) {
    ComparedReport c;
    c.name = name;
    r.reports.push_back(c);
  }
  RecurringFinding f;
  f.id = "vss.provider-veto";
  f.counts = {1, 0, 4};
  f.present = 2;
  f.first_seen = Day(1, 10);
  f.in_latest = true;
  r.findings.push_back(f);
  return r;
}

std::string Render(const ReportDiff& d, ReportFormat format, Language lang = Language::kEnglish) {
  RenderOptions o;
  o.language = lang;
  o.tool_version = "9.9.9";
  absl::StatusOr<std::string> out = RenderDiff(d, Kb(), format, o);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : "";
}

std::string Render(const RecurringFindings& r, ReportFormat format,
                   Language lang = Language::kEnglish) {
  RenderOptions o;
  o.language = lang;
  absl::StatusOr<std::string> out = RenderRecurring(r, Kb(), format, o);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : "";
}

TEST(DiffRenderTest, TextSaysWhatChangedAndWhenARateIsUnknown) {
  const std::string text = Render(Sample(), ReportFormat::kText);
  EXPECT_THAT(text, AllOf(HasSubstr("loganalyze 9.9.9"), HasSubstr("case-1.json"),
                          HasSubstr("2026-01-03 08:00 .. 2026-01-04 20:00 · 2 days of log"),
                          HasSubstr("no dated records (rates per day unknown)"),
                          HasSubstr("Findings: 1 new · 0 worse · 0 better · 1 gone · 0 same"),
                          HasSubstr("rate unknown: no dated records in the newer report; "
                                    "compared by count"),
                          HasSubstr("Failed files: 1 new · 0 still · 1 fixed · 0 not listed"),
                          HasSubstr("Job failures: 1 new · 0 still · 0 gone"),
                          HasSubstr("mars-backup · failed in Prebackup · 0x80042306"),
                          HasSubstr("tasks CCCCCCCC"), HasSubstr("truncated member")));
  // Control characters from names are shown, never sent to the terminal.
  EXPECT_THAT(text, AllOf(HasSubstr("^[[2J"), Not(HasSubstr("\x1b"))));
  const std::string zh = Render(Sample(), ReportFormat::kText, Language::kTraditionalChinese);
  EXPECT_THAT(zh, AllOf(HasSubstr("新增"), HasSubstr("已修復"), HasSubstr("沒有含日期的記錄")));
}

TEST(DiffRenderTest, JsonIsValidAndComplete) {
  const std::string json = Render(Sample(), ReportFormat::kJson);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  EXPECT_EQ(std::string_view(doc["schema"]), "loganalyze.diff/1");
  EXPECT_EQ(double(doc["threshold"]), 0.2);
  EXPECT_EQ(int64_t(doc["older"]["days"]), 2);
  EXPECT_TRUE(doc["newer"]["days"].is_null());
  EXPECT_EQ(std::string_view(doc["newer"]["errors"].at(0)["message"]), "truncated member");
  EXPECT_TRUE(bool(doc["summary"]["has_new"]));
  EXPECT_EQ(int64_t(doc["summary"]["failed_files"]["fixed"]), 1);
  simdjson::dom::element veto = doc["findings"].at(0);
  EXPECT_EQ(std::string_view(veto["change"]), "new");
  EXPECT_EQ(double(veto["old_rate"]), 0.0);
  EXPECT_TRUE(veto["new_rate"].is_null());
  EXPECT_EQ(std::string_view(veto["compared_by"]), "count");
  EXPECT_THAT(std::string(std::string_view(veto["title"])), Not(IsEmpty()));
  EXPECT_EQ(std::string_view(doc["failed_files"].at(0)["path"]), kHostile);
  EXPECT_EQ(std::string_view(doc["job_failures"].at(0)["task_ids"].at(0)),
            "CCCCCCCC-3333-4333-8333-333333333333");

  const std::string rec = Render(SampleRecurring(), ReportFormat::kJson);
  ASSERT_EQ(parser.parse(rec).get(doc), simdjson::SUCCESS) << rec;
  EXPECT_EQ(std::string_view(doc["schema"]), "loganalyze.recurring/1");
  EXPECT_EQ(int64_t(doc["findings"].at(0)["first_report"]), 1);
  EXPECT_EQ(int64_t(doc["findings"].at(0)["counts"].at(2)), 4);
  EXPECT_EQ(std::string_view(doc["reports"].at(2)["name"]), "b3.zip");
}

TEST(DiffRenderTest, MarkdownEscapesNames) {
  const std::string md = Render(Sample(), ReportFormat::kMarkdown);
  EXPECT_THAT(md, AllOf(HasSubstr("## Findings: 1 new"), HasSubstr("| **NEW** |"),
                        HasSubstr("D:\\\\R&D\\\\\\<script\\>"), Not(HasSubstr("<script>")),
                        HasSubstr("## Problems reading inputs")));
  const std::string rec = Render(SampleRecurring(), ReportFormat::kMarkdown);
  EXPECT_THAT(rec, AllOf(HasSubstr("| 2/3 |"), HasSubstr("| 1 0 4 |"), HasSubstr("#1 b1.zip")));
}

TEST(DiffRenderTest, JsonlIsRefused) {
  EXPECT_FALSE(RenderDiff(Sample(), Kb(), ReportFormat::kJsonl, {}).ok());
  EXPECT_FALSE(RenderRecurring(SampleRecurring(), Kb(), ReportFormat::kJsonl, {}).ok());
}

TEST(DiffRenderTest, HtmlHasEverySectionAndEscapes) {
  const std::string html = Render(Sample(), ReportFormat::kHtml);
  for (const char* id : {"compared", "findings", "failed-files", "job-failures", "errors"}) {
    EXPECT_THAT(html, HasSubstr(std::string("id=\"") + id + "\"")) << id;
  }
  EXPECT_THAT(html, AllOf(HasSubstr("&lt;script&gt;"), Not(HasSubstr("<script>alert")),
                          HasSubstr("default-src 'none'")));
}

using DiffRenderBrowserTest = testing::BrowserTest;

TEST_F(DiffRenderBrowserTest, PagesLoadCleanlyInBothLanguages) {
  for (Language lang : {Language::kEnglish, Language::kTraditionalChinese}) {
    const std::string tag(LanguageTag(lang));
    const testing::fs::path diff = dir_ / ("diff-" + tag + ".html");
    const testing::fs::path rec = dir_ / ("recurring-" + tag + ".html");
    testing::WriteFile(diff, Render(Sample(), ReportFormat::kHtml, lang));
    testing::WriteFile(rec, Render(SampleRecurring(), ReportFormat::kHtml, lang));

    const testing::Browser d = Run(diff, "--dump-dom");
    EXPECT_EQ(d.status, 0) << d.err;
    EXPECT_THAT(testing::HtmlTag(d.out), HasSubstr("lang=\"" + tag));
    for (const char* id : {"compared", "findings", "failed-files", "job-failures", "errors"}) {
      EXPECT_THAT(d.out, HasSubstr(std::string("id=\"") + id + "\"")) << id;
    }
    EXPECT_THAT(d.out, AllOf(HasSubstr("data-change=\"new\""), Not(HasSubstr("<script>alert"))));
    EXPECT_THAT(testing::PageProblems(d.err), IsEmpty()) << d.err;

    const testing::Browser r = Run(rec, "--dump-dom");
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_THAT(r.out, AllOf(HasSubstr("id=\"reports\""), HasSubstr("b3.zip")));
    EXPECT_THAT(testing::PageProblems(r.err), IsEmpty()) << r.err;
  }
}

}  // namespace
}  // namespace loganalyze
