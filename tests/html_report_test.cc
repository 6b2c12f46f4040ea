// The HTML report: structure checks on the rendered text, then the page in a real browser
// (Debian's headless Chromium): its script must run without an error, no resource may fail to
// load, and the screenshots are kept for people to look at.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/report.h"
#include "browser_util.h"
#include "report/html_writer.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

LogTime At(int month, int day, int hour, int minute, int second = 0, int year = 2026) {
  return LogTime::FromCivil(year, month, day, hour, minute, second, 0);
}

ReportSample Sample(std::string path, uint64_t line, std::string text, std::string member = "") {
  return ReportSample{std::move(path), std::move(member), line, std::move(text)};
}

constexpr char kCurr[] =
    R"(C:\Program Files\Microsoft Azure Recovery Services Agent\Temp\CBEngineCurr.errlog)";
constexpr char kList[] = R"(C:\Temp\MARS\LastBackupFailedFiles17af1_1_4_2026_1230.txt)";
constexpr char kZip[] = R"(C:\Cases\2601050042\MABS01-logs.zip)";
constexpr char kZipMember[] = "DPM/Temp/MSDPMCurr.errlog";
constexpr char kBroken[] = R"(C:\Temp\R&D <copy>\CBEngine1.errlog)";
constexpr char kHostile[] = R"(Failed: Hr: = [0x80070020] Unable to open file()"
                            R"(D:\Shares\R&D\<script>alert(1)</script>\a.docx) "x" 'y')";
constexpr char kUnknownCode[] = "0x8007139F";

ReportInput Input(std::string path, std::string member, std::optional<Format> format,
                  Encoding encoding, uint64_t bytes, uint64_t lines, uint64_t records,
                  LogTime first = {}, LogTime last = {}) {
  ReportInput in;
  in.path = std::move(path), in.member = std::move(member);
  in.format = format, in.encoding = encoding;
  in.stats.bytes = in.stats.line_bytes = bytes;
  in.stats.lines = lines, in.stats.records = records;
  in.stats.structure_lines = lines - records;  // keeps the stats balanced
  in.first_time = first, in.last_time = last;
  return in;
}

ReportJob Job(std::string id, std::string kind, LogTime first, LogTime last, uint64_t records,
              std::set<std::string> inputs) {
  ReportJob j;
  j.task_id = std::move(id), j.kind = std::move(kind);
  j.first_seen = first, j.last_seen = last;
  j.records = records, j.inputs = std::move(inputs);
  return j;
}

// A report as a MARS + MABS case bundle would give: every section has something to show, and
// the data holds characters that HTML must escape.
Report CaseReport() {
  Report r;
  r.inputs.push_back(Input(kCurr, "", Format::kErrlog, Encoding::kUtf16Le, 594342, 2017, 1990,
                           At(1, 3, 0, 5), At(1, 4, 22, 47)));
  r.inputs.push_back(Input(kList, "", Format::kFailedFiles, Encoding::kUtf16Le, 6324, 43, 40));
  r.inputs.push_back(Input(kZip, kZipMember, Format::kErrlog, Encoding::kUtf16Le, 606478, 2024,
                           1998, At(1, 3, 9, 0), At(1, 4, 23, 46)));
  r.inputs.back().stats.truncated_lines = 1;
  r.inputs.push_back(Input(kBroken, "", Format::kErrlog, Encoding::kUtf16Le, 65536, 180, 170,
                           At(1, 3, 1, 0), At(1, 3, 2, 0)));
  r.inputs.back().error = "read failed after 65536 bytes: Input/output error";
  r.inputs.push_back(
      Input(R"(C:\Temp\MARS\OnlineBackup.KEK)", "", std::nullopt, Encoding::kUtf8, 4096, 0, 0));
  r.inputs.back().skipped = "binary file (NUL bytes in the first 4 KiB)";
  r.errors.push_back(
      {kBroken, "", "read failed after 65536 bytes: Input/output error (check the copy)"});

  auto add = [&](std::string id, Severity sev, std::set<std::string> codes, uint64_t count,
                 LogTime first, LogTime last, std::set<std::string> inputs,
                 std::vector<ReportSample> samples) {
    r.findings[id] = ReportFinding{id,    sev,  std::move(codes),  count,
                                   first, last, std::move(inputs), std::move(samples)};
  };
  const std::string dpm_key = InputKey(kZip, kZipMember);
  add("dpm.process-crash-999", Severity::kCritical, {"999"}, 1, At(1, 4, 20, 55, 45),
      At(1, 4, 20, 55, 45), {dpm_key},
      {Sample(kZip, 1733,
              "CRITICAL Exception Message = Input string was not in a correct format. of type "
              "System.FormatException, process will terminate after generating dump",
              kZipMember)});
  add("aad.tenant-restriction-denied", Severity::kError, {"AADSTS500021"}, 19, At(1, 3, 20, 55),
      At(1, 4, 2, 35), {kCurr},
      {Sample(kCurr, 812,
              "Exception in GetAADToken: AADSTS500021: Access to 'IDMServiceAADTenantsea01pod01' "
              "tenant is denied."),
       Sample(kCurr, 840,
              "Poll failed: AADSTS500021: Access to 'IDMServiceAADTenantsea01pod01' tenant is "
              "denied.")});
  add("mars.cannot-connect-azure-backup", Severity::kError, {"100050"}, 1, At(1, 3, 21, 31, 7),
      At(1, 3, 21, 31, 7), {kCurr},
      {Sample(kCurr, 905, "Unable to connect to Microsoft Azure Backup. (ID: 100050)")});
  add("win32.sharing-violation", Severity::kWarning, {"0x80070020"}, 32, At(1, 3, 12, 41),
      At(1, 4, 13, 2), {kCurr, kList},
      {Sample(kCurr, 1201, kHostile),
       Sample(kList, 7, R"(D:\Shares\Finance\Q4\ledger.xlsx (Error: 0x80070020))")});
  add("mars.failed-cloud-file-access-denied", Severity::kWarning, {"0x8007018B"}, 8,
      At(1, 4, 12, 44), At(1, 4, 12, 58), {kList},
      {Sample(kList, 12, R"(C:\Users\amy\OneDrive - Contoso\Plans.pptx (Error: 0x8007018B))")});
  add("dpm.agent-list-refresh-31008", Severity::kInfo, {"31008"}, 2, At(1, 3, 9, 30),
      At(1, 4, 9, 30), {dpm_key}, {});
  add(std::string("code:") + kUnknownCode, Severity::kError, {kUnknownCode}, 3, At(1, 4, 21, 2),
      At(1, 4, 21, 9), {dpm_key},
      {Sample(kZip, 1702, "csvapi.cpp(400) Failed: Hr: = [0x8007139f] : resource not found",
              kZipMember)});

  FailedFiles& ff = r.failed_files;
  auto item = [&](std::string path, std::string code, std::set<std::string> days) {
    const uint64_t n = days.size();
    ff.items[{path, code}] = FailedFileItem{path, code, std::move(days), n};
    ff.by_code[code] += n;
    ff.total += n;
  };
  item(R"(D:\Shares\Finance\Q4\ledger.xlsx)", "0x80070020",
       {"2026-01-03", "2026-01-04", "2026-01-05"});
  item(R"(D:\Shares\Finance\Q4\budget.xlsx)", "0x80070020", {"2026-01-04"});
  item(R"(D:\Shares\R&D\<tmp>\notes & "draft".docx)", "0x80070005", {"2026-01-03", "2026-01-04"});
  item(R"(C:\Users\amy\OneDrive - Contoso\Plans.pptx)", "0x8007018B", {"2026-01-04"});
  item(R"(D:\Shares\Archive\old.pst)", kUnknownCode, {"2026-01-05"});

  ReportJob ok = Job("0e44a0ad-4b7c-4f59-9a1e-2f3c9b8d7e61", "mars-backup", At(1, 3, 12, 30, 3),
                     At(1, 3, 13, 24, 17), 812, {kCurr});
  ok.succeeded_at = At(1, 3, 13, 24, 17);
  ok.phases["Prebackup"] = {At(1, 3, 12, 30, 3), At(1, 3, 12, 31, 40)};
  ok.phases["Initialize Storage"] = {At(1, 3, 12, 31, 40), At(1, 3, 12, 33, 5)};
  ok.phases["Data transfer"] = {At(1, 3, 12, 33, 5), At(1, 3, 13, 22, 50)};
  ok.phases["UnInitialize Storage"] = {At(1, 3, 13, 22, 50), At(1, 3, 13, 24, 17)};
  ReportJob failed = Job("29ac192a-77d1-4e0b-8f3a-c1d2e3f4a5b6", "mars-backup", At(1, 3, 21, 30, 5),
                         At(1, 3, 21, 31, 7), 64, {kCurr});
  failed.failed_at = At(1, 3, 21, 31, 7);
  failed.codes = {"0x80131500", "AADSTS500021", "100050"};
  failed.phases["Prebackup"] = {At(1, 3, 21, 30, 5), At(1, 3, 21, 30, 50)};
  failed.phases["Initialize Storage"] = {At(1, 3, 21, 30, 50), {}};
  ReportJob running = Job("44ddd4be-0a1b-4c2d-8e3f-405162738495", "mars-backup",
                          At(1, 4, 21, 30, 4), At(1, 4, 22, 47), 301, {kCurr});
  running.phases["Prebackup"] = {At(1, 4, 21, 30, 4), At(1, 4, 21, 32, 0)};
  running.phases["Initialize Storage"] = {At(1, 4, 21, 32, 0), At(1, 4, 21, 33, 10)};
  running.phases["Data transfer"] = {At(1, 4, 21, 33, 10), {}};
  ReportJob dpm_job = Job("a385a1aa-1111-2222-3333-444455556666", "dpm-task", At(1, 4, 8, 0, 4),
                          At(1, 4, 8, 14, 22), 40, {dpm_key});
  dpm_job.failed_at = At(1, 4, 8, 14, 22);
  dpm_job.codes = {"0x80070015", "104"};
  for (ReportJob* j : {&ok, &failed, &running, &dpm_job}) r.jobs[j->task_id] = *j;

  r.unknown["chunkstore.cpp(<N>) Assertion failed: chunk <HEX> refcount <N> < 0 && <GUID>"] =
      UnknownTemplate{
          "chunkstore.cpp(<N>) Assertion failed: chunk <HEX> refcount <N> < 0 && <GUID>", 2,
          Severity::kError,
          Sample(
              kCurr, 1544,
              "chunkstore.cpp(1877) Assertion failed: chunk 0x3f2a refcount 7 < 0 && {9e1c...}")};
  r.unknown["MTF descriptor block checksum mismatch at offset <N>"] = UnknownTemplate{
      "MTF descriptor block checksum mismatch at offset <N>", 1, Severity::kError,
      Sample(kCurr, 1611, "MTF descriptor block checksum mismatch at offset 1048576")};
  r.unknown["bitmapmerger.cpp(<N>) merge took <N> ms for <PATH>"] = UnknownTemplate{
      "bitmapmerger.cpp(<N>) merge took <N> ms for <PATH>", 4, Severity::kWarning,
      Sample(
          kZip, 1290,
          R"(bitmapmerger.cpp(1204) merge took 9120 ms for C:\ClusterStorage\Volume1\<WEB01>.vhdx)",
          kZipMember)};
  r.unknown_overflow = 17;

  const int hours[][4] = {{3, 0, 1, 2},  {3, 9, 0, 3},   {3, 12, 6, 9}, {3, 13, 2, 4},
                          {3, 20, 4, 1}, {3, 21, 9, 2},  {3, 22, 3, 0}, {4, 1, 2, 0},
                          {4, 8, 3, 1},  {4, 12, 5, 14}, {4, 13, 1, 3}, {4, 20, 2, 6},
                          {4, 21, 7, 1}, {4, 23, 0, 2}};
  for (const auto& h : hours) {
    char key[16];
    std::snprintf(key, sizeof key, "2026-01-%02dT%02d", h[0], h[1]);
    r.timeline[key] = TimelineCount{static_cast<uint64_t>(h[2]), static_cast<uint64_t>(h[3])};
  }
  return r;
}

const KnowledgeBase& Kb() {
  static const KnowledgeBase* kb = [] {
    auto loaded = KnowledgeBase::Default();
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new KnowledgeBase(loaded.ok() ? *std::move(loaded) : KnowledgeBase());
  }();
  return *kb;
}

std::string Render(Language language) {
  RenderOptions options;
  options.language = language;
  options.tool_version = "0.1.0";
  return internal::RenderHtml(CaseReport(), Kb(), options);
}

size_t Occurrences(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlReportTest, TheCaseUsesRealEntriesAndOneCodeWithout) {
  const Report r = CaseReport();
  for (const auto& [id, f] : r.findings) {
    if (id.starts_with("code:")) continue;
    EXPECT_GE(Kb().FindById(id), 0) << id;
  }
  EXPECT_LT(Kb().FindByCode(kUnknownCode), 0);
}

// The page without the <wbr> hints that let paths wrap after a separator.
std::string WithoutWbr(std::string html) {
  for (size_t at; (at = html.find("<wbr>")) != std::string::npos;) html.erase(at, 5);
  return html;
}

TEST(HtmlReportTest, HasEverySectionAndFinding) {
  const std::string html = WithoutWbr(Render(Language::kEnglish));
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  for (const char* id :
       {"overview", "findings", "failed-files", "jobs", "unknown", "timeline", "errors"}) {
    EXPECT_THAT(html, HasSubstr(std::string("<section id=\"") + id + "\"><h2>")) << id;
  }
  EXPECT_THAT(html, HasSubstr("<svg class=\"chart\""));
  EXPECT_EQ(Occurrences(html, "<details class=\"item k-"), CaseReport().findings.size());
  EXPECT_EQ(Occurrences(html, "<details class=\"item job "), CaseReport().jobs.size());
  EXPECT_EQ(Occurrences(html, "<script>"), 1u);  // ours, and nothing from the data
  EXPECT_THAT(html, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr(R"(R&amp;D &lt;copy&gt;\CBEngine1.errlog)"));
  EXPECT_THAT(html, HasSubstr("&quot;x&quot; &#39;y&#39;"));
  // No external resource of any kind.
  EXPECT_THAT(html, AllOf(Not(HasSubstr(" src=")), Not(HasSubstr("<link")),
                          Not(HasSubstr("@import")), Not(HasSubstr("url("))));
}

TEST(HtmlReportTest, ExplainsInBothLanguagesAndShowsTheChosenOneFirst) {
  const KbEntry& crash =
      Kb().entries()[static_cast<size_t>(Kb().FindById("dpm.process-crash-999"))];
  for (Language language : {Language::kEnglish, Language::kTraditionalChinese}) {
    const std::string html = Render(language);
    const bool zh = language == Language::kTraditionalChinese;
    EXPECT_THAT(html, HasSubstr(zh ? R"(<html lang="zh-TW" class="lang-zh")"
                                   : R"(<html lang="en" class="lang-en")"));
    EXPECT_THAT(html, HasSubstr(R"(data-set-lang="zh-TW")"));
    EXPECT_THAT(html, HasSubstr(">" + crash.title.en.substr(0, 20)));
    EXPECT_THAT(html, HasSubstr(">" + crash.title.zh_tw.substr(0, 12)));
    ASSERT_FALSE(crash.actions.zh_tw.empty());
    EXPECT_THAT(html, HasSubstr(crash.actions.zh_tw.back().substr(0, 12)));
    EXPECT_THAT(html, HasSubstr("UTC"));
  }
}

TEST(HtmlReportTest, NamesTheCodeThatHasNoEntry) {
  const std::string html = Render(Language::kEnglish);
  EXPECT_THAT(html, HasSubstr(std::string("Error code ") + kUnknownCode));
  EXPECT_THAT(html, HasSubstr("has no entry in the knowledge base"));
  EXPECT_THAT(html, HasSubstr("知識庫中沒有錯誤碼"));
}

TEST(HtmlReportTest, IsDeterministic) {
  EXPECT_EQ(Render(Language::kEnglish), Render(Language::kEnglish));
}

TEST(HtmlReportTest, RendersAnEmptyReport) {
  const std::string html = internal::RenderHtml(Report(), Kb(), RenderOptions());
  EXPECT_THAT(html, HasSubstr("</html>"));
  EXPECT_THAT(html, HasSubstr("id=\"timeline\""));
  EXPECT_THAT(html, Not(HasSubstr("<svg")));
}

// ---- the page in a real browser ----

using HtmlReportBrowserTest = ::loganalyze::testing::BrowserTest;
using ::loganalyze::testing::Browser;
using ::loganalyze::testing::HtmlTag;
using ::loganalyze::testing::PageProblems;
using ::loganalyze::testing::ReadFile;
using ::loganalyze::testing::WriteFile;

TEST_F(HtmlReportBrowserTest, DetectsAPageWithProblems) {
  // The detector itself: if it missed these, the real check would prove nothing.
  const fs::path page = dir_ / "broken.html";
  // The report's CSP turns any load into a console message, which is how a stray load shows.
  WriteFile(page,
            "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
            "content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body><p>x</p>"
            "<img src=\"missing.png\"><script>console.error('oops');</script>"
            "<script>null.boom();</script></body></html>");
  const Browser b = Run(page, "--dump-dom");
  EXPECT_THAT(b.out, HasSubstr("<p>x</p>"));
  const std::vector<std::string> problems = PageProblems(b.err);
  auto seen = [&](std::string_view what) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(seen("Uncaught TypeError")) << b.err;
  EXPECT_TRUE(seen("oops")) << b.err;
  EXPECT_TRUE(seen("missing.png")) << b.err;
}

TEST_F(HtmlReportBrowserTest, ScriptRunsWithoutErrorsInBothLanguages) {
  for (Language language : {Language::kEnglish, Language::kTraditionalChinese}) {
    const std::string tag(LanguageTag(language));
    const fs::path page = dir_ / ("report-" + tag + ".html");
    WriteFile(page, Render(language));

    const Browser dom = Run(page, "--dump-dom");
    EXPECT_EQ(dom.status, 0) << dom.err;
    EXPECT_THAT(HtmlTag(dom.out), AllOf(HasSubstr("data-ready=\"1\""), HasSubstr("lang=\"" + tag)))
        << "the script did not run to the end";
    for (const char* id :
         {"overview", "findings", "failed-files", "jobs", "unknown", "timeline", "errors"}) {
      EXPECT_THAT(dom.out, HasSubstr(std::string("id=\"") + id + "\"")) << id;
    }
    EXPECT_THAT(dom.out, HasSubstr("<svg class=\"chart\""));
    EXPECT_THAT(dom.out, Not(HasSubstr("<script>alert")));
    EXPECT_THAT(PageProblems(dom.err), IsEmpty()) << dom.err;

    const fs::path png = dir_ / ("report-" + tag + ".png");
    const Browser shot = Run(page, "--screenshot='" + png.string() + "' --window-size=1280,2400");
    EXPECT_THAT(PageProblems(shot.err), IsEmpty()) << shot.err;
    ASSERT_TRUE(fs::exists(png)) << shot.err;
    EXPECT_GT(fs::file_size(png), 50u * 1024) << "a blank page compresses to a few KiB";
    EXPECT_EQ(ReadFile(png).substr(0, 8), "\x89PNG\r\n\x1a\n");
  }
}

TEST_F(HtmlReportBrowserTest, SwitchesLanguageInTheBrowser) {
  // The same code path as the buttons: the script swaps the class and the lang on <html>.
  const fs::path page = dir_ / "report.html";
  WriteFile(page, Render(Language::kEnglish));
  const Browser dom = Run(page, "--dump-dom", "#lang=zh-TW");
  EXPECT_THAT(HtmlTag(dom.out), AllOf(HasSubstr("lang-zh"), Not(HasSubstr("lang-en")),
                                      HasSubstr("lang=\"zh-TW\""), HasSubstr("data-ready=\"1\"")));
  EXPECT_THAT(dom.out, HasSubstr(R"(data-set-lang="zh-TW" aria-pressed="true")"));
  EXPECT_THAT(PageProblems(dom.err), IsEmpty()) << dom.err;
}

}  // namespace
}  // namespace loganalyze
