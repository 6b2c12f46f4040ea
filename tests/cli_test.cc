// Runs the real `loganalyze` binary, as a user would, from the source directory so that the
// reports name inputs by relative paths (no machine paths in the golden files).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include <unistd.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "shell_util.h"

namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::loganalyze::ParseJsonReport;
using ::loganalyze::ReportFinding;
using ::loganalyze::ReportLimits;
using ::loganalyze::ReportSummary;
using ::loganalyze::Summarize;

struct CliRun {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command line in the source directory; stderr is discarded unless
// `with_stderr`.
CliRun Shell(const std::string& command, bool with_stderr = false) {
  loganalyze::testing::ShellResult r = loganalyze::testing::RunShell(
      "cd '" LOGANALYZE_SOURCE_DIR "' && " + command + (with_stderr ? " 2>&1" : " 2>/dev/null"));
  return CliRun{r.exit_code, std::move(r.out)};
}

// Runs the CLI with `args` (shell syntax) in the source directory.
CliRun Cli(const std::string& args, bool with_stderr = false) {
  return Shell("'" LOGANALYZE_CLI "' " + args, with_stderr);
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("loganalyze_cli_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The bundled samples have no meaningful modification time after a git clone, so the golden
// runs fix the year.
constexpr char kSampleArgs[] = "samples/ --year 2026 --lang en --color never -q";

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, SamplesReportMatchesTheGoldenFile) {
  const std::string format = GetParam();
  const CliRun r = Cli(std::string(kSampleArgs) + " -f " + format);
  EXPECT_EQ(r.exit_code, 0);
  const std::filesystem::path golden =
      std::filesystem::path(LOGANALYZE_SOURCE_DIR) / "tests/golden" / ("samples." + format);
  if (std::getenv("LOGANALYZE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden, std::ios::binary) << r.out;
  }
  const std::string want = ReadFile(golden);
  ASSERT_FALSE(want.empty()) << "missing " << golden
                             << " (run the test with LOGANALYZE_UPDATE_GOLDEN=1)";
  EXPECT_TRUE(r.out == want) << "the " << format << " report differs from " << golden
                             << "; inspect the difference, then regenerate with "
                                "LOGANALYZE_UPDATE_GOLDEN=1 if it is intended";
}

INSTANTIATE_TEST_SUITE_P(Formats, GoldenTest,
                         ::testing::Values("text", "json", "jsonl", "markdown"));

TEST(CliTest, ReportSaysWhatASupportEngineerNeeds) {
  const CliRun r = Cli(std::string(kSampleArgs));
  ASSERT_EQ(r.exit_code, 0);
  // Overview, with the skipped binary and the expected logs.
  EXPECT_THAT(r.out, HasSubstr("samples/dpm/DPMUI.etl\n      skipped: binary file"));
  EXPECT_THAT(r.out, HasSubstr("CBEngineCurr.errlog present"));
  // Findings planted in the samples.
  for (const char* code : {"SalBitmapError", "AADSTS500021", "30112", "0x800423F3",
                           "CBPSourceSnapshotFailedReplicaInconsistent", "FileFaultFault",
                           "0x8007018B", "130055"}) {
    EXPECT_THAT(r.out, HasSubstr(code)) << code;
  }
  EXPECT_THAT(r.out, HasSubstr("Failed files"));
  EXPECT_THAT(r.out, HasSubstr("Recurring (2+ days)"));
  EXPECT_THAT(r.out, HasSubstr("Unknown errors"));
  EXPECT_THAT(r.out, HasSubstr("Timeline"));
  // Every line fits a 100-column terminal.
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("https://") != std::string::npos) continue;  // links are not wrapped
    size_t columns = 0;
    for (unsigned char c : line) columns += (c & 0xC0) != 0x80;
    EXPECT_LE(columns, 100u) << line;
  }
}

// Colour changes no layout: the coloured report, its colour sequences removed, is the plain
// one in both languages (job lines were cut at another width once colour was on).
TEST(CliTest, ColourChangesNothingButTheColour) {
  for (const char* lang : {"en", "zh-TW"}) {
    const std::string args = std::string("samples/ --year 2026 -q --lang ") + lang;
    const CliRun plain = Cli(args + " --color never");
    const CliRun coloured = Cli(args + " --color always");
    ASSERT_EQ(plain.exit_code, 0);
    ASSERT_EQ(coloured.exit_code, 0);
    std::string stripped;
    for (size_t i = 0; i < coloured.out.size(); ++i) {
      if (coloured.out[i] == '\x1b' && i + 1 < coloured.out.size() && coloured.out[i + 1] == '[') {
        i = coloured.out.find('m', i);
        ASSERT_NE(i, std::string::npos);
        continue;
      }
      stripped += coloured.out[i];
    }
    EXPECT_NE(stripped, coloured.out) << lang << ": no colour at all";
    EXPECT_TRUE(stripped == plain.out) << lang;
  }
}

TEST(CliTest, ParallelRunsGiveByteIdenticalJson) {
  const CliRun one = Cli(std::string(kSampleArgs) + " -f json -j1");
  const CliRun two = Cli(std::string(kSampleArgs) + " -f json -j2");
  ASSERT_EQ(one.exit_code, 0);
  EXPECT_FALSE(one.out.empty());
  EXPECT_TRUE(one.out == two.out);
}

// A zip is read by one worker per thread (each takes every other member): the report is the
// same as with one thread.
TEST(CliTest, ZipReadInParallelGivesTheSameReport) {
  const auto dir = TempDir("zip");
  const std::string zip = (dir / "bundle.zip").string();
  ASSERT_EQ(std::system(("cd '" LOGANALYZE_SOURCE_DIR "' && zip -q -r '" + zip +
                         "' samples/mars samples/dpm")
                            .c_str()),
            0);
  const CliRun one = Cli("'" + zip + "' --year 2026 -q -f json -j1");
  const CliRun two = Cli("'" + zip + "' --year 2026 -q -f json -j2");
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_THAT(one.out, HasSubstr("\"member\":\"samples/mars/CBEngineCurr.errlog\""));
  EXPECT_TRUE(one.out == two.out);
  std::filesystem::remove_all(dir);
}

TEST(CliTest, MergeEqualsOneRun) {
  const auto dir = TempDir("merge");
  const std::string a = (dir / "mars.json").string(), b = (dir / "dpm.json").string();
  ASSERT_EQ(Cli("samples/mars --year 2026 -q -f json -o '" + a + "'").exit_code, 0);
  ASSERT_EQ(Cli("samples/dpm --year 2026 -q -f json -o '" + b + "'").exit_code, 0);
  const CliRun merged = Cli("merge '" + b + "' '" + a + "' --lang en");
  const CliRun single =
      Cli("samples/mars samples/dpm --year 2026 --lang en --color never -q -f json");
  EXPECT_EQ(merged.exit_code, 0);
  EXPECT_TRUE(merged.out == single.out);
  std::filesystem::remove_all(dir);
}

// A report merged with itself, or with the report of a part of its inputs, counts every
// input once; a report that shares only some inputs is not merged, with the reason.
TEST(CliTest, MergeCountsAnInputOnce) {
  const auto dir = TempDir("mergeonce");
  const std::string all = (dir / "all.json").string(), mars = (dir / "mars.json").string(),
                    engine = (dir / "engine.json").string();
  ASSERT_EQ(Cli("samples/ --year 2026 -q -f json -o '" + all + "'").exit_code, 0);
  ASSERT_EQ(Cli("samples/mars --year 2026 -q -f json -o '" + mars + "'").exit_code, 0);
  // The same file by another name: identities are contents, not paths.
  std::filesystem::copy_file(std::filesystem::path(LOGANALYZE_SOURCE_DIR) /
                                 "samples/mars/CBEngineCurr.errlog",
                             dir / "renamed.errlog");
  ASSERT_EQ(Cli("'" + (dir / "renamed.errlog").string() + "' samples/dpm/DPMRA3.errlog --year "
                "2026 -q -f json -o '" + engine + "'")
                .exit_code,
            0);
  const CliRun alone = Cli("merge '" + all + "' --lang en");
  for (const std::string& more : {all, mars}) {
    const CliRun twice = Cli("merge '" + all + "' '" + more + "' --lang en", true);
    EXPECT_EQ(twice.exit_code, 0) << more;
    EXPECT_THAT(twice.out, HasSubstr("not counted again")) << more;
    auto a = ParseJsonReport(alone.out);
    auto b = ParseJsonReport(Cli("merge '" + all + "' '" + more + "' --lang en").out);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->inputs.size(), b->inputs.size());
    ASSERT_EQ(a->findings.size(), b->findings.size());
    for (const auto& [id, f] : a->findings) EXPECT_EQ(b->findings.at(id).count, f.count) << id;
    EXPECT_EQ(a->failed_files.total, b->failed_files.total);
    EXPECT_EQ(a->jobs.size(), b->jobs.size());
  }
  const CliRun partial = Cli("merge '" + mars + "' '" + engine + "' --lang en", true);
  EXPECT_EQ(partial.exit_code, 3);
  EXPECT_THAT(partial.out, HasSubstr("engine.json: not merged: it shares 1 input(s)"));
  std::filesystem::remove_all(dir);
}

TEST(CliTest, MergeRejectsBadReportsAndGoesOn) {
  const auto dir = TempDir("badmerge");
  std::ofstream(dir / "bad.json") << "{\"schema\":\"loganalyze.report/2\"}";
  std::ofstream(dir / "cut.json") << "{\"schema\":\"loganalyze.report/1\",\"inputs\":[";
  const CliRun r = Cli("merge '" + (dir / "bad.json").string() + "' '" + (dir / "cut.json").string() +
                        "'",
                    true);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.out, HasSubstr("bad.json: schema is \"loganalyze.report/2\""));
  EXPECT_THAT(r.out, HasSubstr("cut.json: not a complete JSON document"));
  std::filesystem::remove_all(dir);
}

// merge takes JSON Lines reports too, and refuses a format it does not write (before, an
// unknown -f reached an empty optional).
TEST(CliTest, MergeReadsJsonLinesAndRefusesAnUnknownFormat) {
  const auto dir = TempDir("jsonlmerge");
  const std::string jsonl = (dir / "engine.jsonl").string();
  ASSERT_EQ(Cli("samples/mars/CBEngineCurr.errlog --year 2026 -q -f jsonl -o '" + jsonl + "'")
                .exit_code,
            0);
  const CliRun direct = Cli("samples/mars/CBEngineCurr.errlog --year 2026 -q -f json");
  const CliRun merged = Cli("merge '" + jsonl + "' -f json");
  EXPECT_EQ(merged.exit_code, 0);
  EXPECT_EQ(merged.out, direct.out);
  const CliRun bad = Cli("merge '" + jsonl + "' -f xml", true);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.out, HasSubstr("xml"));
  std::filesystem::remove_all(dir);
}

// `merge --limit NAME=N` bounds the merged report's lists: what is past a bound is counted,
// not listed, and every total stays that of one run; a bad setting is a usage error.
TEST(CliTest, MergeLimitBoundsTheListsAndKeepsTheTotals) {
  const auto dir = TempDir("mergelimit");
  const std::string a = (dir / "mars.json").string(), b = (dir / "dpm.json").string();
  ASSERT_EQ(Cli("samples/mars --year 2026 -q -f json -o '" + a + "'").exit_code, 0);
  ASSERT_EQ(Cli("samples/dpm --year 2026 -q -f json -o '" + b + "'").exit_code, 0);
  const std::string both = "merge '" + b + "' '" + a + "' --lang en";
  auto whole = ParseJsonReport(Cli(both).out);
  // Before the reports too: --limit takes one NAME=N, not the operands after it.
  const CliRun bounded_run = Cli("merge --limit max_inputs=2 '" + b + "' '" + a +
                                 "' --lang en --limit inputs_per_finding=1");
  EXPECT_EQ(bounded_run.exit_code, 0);
  auto bounded = ParseJsonReport(bounded_run.out);
  ASSERT_TRUE(whole.ok() && bounded.ok());
  ASSERT_GT(whole->inputs.size(), 2u);
  EXPECT_EQ(bounded->inputs.size(), 2u);
  EXPECT_EQ(bounded->unlisted_inputs.inputs, whole->inputs.size() - 2);
  ASSERT_TRUE(bounded->limits.has_value());
  EXPECT_EQ(bounded->limits->max_inputs, 2u);
  EXPECT_EQ(bounded->limits->inputs_per_finding, 1u);
  EXPECT_EQ(bounded->limits->max_errors, ReportLimits().max_errors);  // not named: the default
  const ReportSummary s = Summarize(*whole), t = Summarize(*bounded);
  EXPECT_EQ(t.inputs, s.inputs);
  EXPECT_EQ(t.lines, s.lines);
  EXPECT_EQ(t.records, s.records);
  EXPECT_EQ(t.findings, s.findings);
  EXPECT_EQ(t.unlisted_inputs, whole->inputs.size() - 2);
  for (const auto& [id, f] : whole->findings) {
    const ReportFinding& g = bounded->findings.at(id);
    EXPECT_EQ(g.count, f.count) << id;
    EXPECT_EQ(g.inputs.size() + g.more_inputs, f.inputs.size()) << id;
    EXPECT_LE(g.inputs.size(), 1u) << id;
  }
  EXPECT_THAT(Cli(both + " --limit max_inputs=2 -f text").out,
              HasSubstr("more inputs are not listed (the first 2 are; bound max_inputs)"));

  for (const std::string bad : {"max_inputz=2", "max_inputs=0", "max_inputs=x", "max_inputs",
                                "max_inputs=-1"}) {
    const CliRun r = Cli(both + " --limit " + bad, true);
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_THAT(r.out, HasSubstr("--limit " + bad + ": ")) << bad;
  }
  EXPECT_THAT(Cli(both + " --limit max_inputz=2", true).out,
              HasSubstr("no bound is called 'max_inputz'; the bounds are samples_per_finding"));
  std::filesystem::remove_all(dir);
}

TEST(CliTest, ExitCodes) {
  EXPECT_EQ(Cli("samples/mars/CBEngineCurr.errlog --year 2026 -q").exit_code, 0);
  EXPECT_EQ(Cli("samples/mars/CBEngineCurr.errlog --year 2026 -q --fail-on error").exit_code, 1);
  const CliRun missing = Cli("samples/mars/CBEngineCurr.errlog no/such/file.errlog -q -f json");
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.out, HasSubstr("no/such/file.errlog"));
  EXPECT_THAT(missing.out, HasSubstr("\"path\":\"samples/mars/CBEngineCurr.errlog\""));
  EXPECT_EQ(Cli("--lang fr samples/").exit_code, 2);
  EXPECT_EQ(Cli("--no-such-flag").exit_code, 2);
  EXPECT_EQ(Cli("").exit_code, 2);
  EXPECT_EQ(Cli("--help").exit_code, 0);
}

TEST(CliTest, WildcardsWithEitherSeparator) {
  const CliRun slash = Cli("'samples/mars/*.errlog' --year 2026 -q -f jsonl");
  const CliRun backslash = Cli("'samples\\mars\\*.errlog' --year 2026 -q -f jsonl");
  const CliRun deep = Cli("'samples/**/CBEngine*.errlog' --year 2026 -q -f jsonl");
  const CliRun shallow = Cli("'samples/mars/CBEngine?*.errlog' --year 2026 -q -f jsonl");
  EXPECT_EQ(slash.exit_code, 0);
  EXPECT_TRUE(slash.out == backslash.out);
  EXPECT_TRUE(deep.out == shallow.out);
  EXPECT_THAT(slash.out, HasSubstr("\"path\":\"samples/mars/CBEngine1.errlog\""));
  EXPECT_THAT(slash.out, HasSubstr("\"path\":\"samples/mars/GatewayProvider0.errlog\""));
  EXPECT_THAT(slash.out, Not(HasSubstr("\"path\":\"samples/mars/LastBackupFailedFiles")));
  EXPECT_THAT(deep.out, Not(HasSubstr("GatewayProvider0")));
}

TEST(CliTest, FilesFromStdin) {
  const CliRun r = Shell("printf 'samples/mars/CBEngineCurr.errlog\\n' | '" LOGANALYZE_CLI
                         "' --files-from - --year 2026 -q -f jsonl");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("\"path\":\"samples/mars/CBEngineCurr.errlog\""));
}

// A list as PowerShell's `>` writes it (UTF-16LE with a BOM, CRLF line ends) naming a log in
// a folder with a Chinese name: every path in it is read. Before, the list was read as bytes,
// every path came out with NUL bytes in it, and none was found.
TEST(CliTest, FilesFromListInUtf16AsPowerShellWritesIt) {
  const auto dir = TempDir("files_from");
  // 備份記錄: "backup records".
  const std::filesystem::path folder = dir / std::filesystem::path(u8"備份記錄");
  std::filesystem::create_directories(folder);
  std::filesystem::copy_file(
      std::filesystem::path(LOGANALYZE_SOURCE_DIR) / "samples/mars/CBEngineCurr.errlog",
      folder / "CBEngineCurr.errlog");
  const std::u16string list = u"\uFEFF" + (folder / "CBEngineCurr.errlog").u16string() +
                              u"\r\n\r\nsamples/mars/GatewayProvider0.errlog\r\n";
  std::string bytes;
  for (char16_t c : list) bytes += {static_cast<char>(c & 0xFF), static_cast<char>(c >> 8)};
  std::ofstream(dir / "list.txt", std::ios::binary) << bytes;
  const CliRun r =
      Cli("--files-from '" + (dir / "list.txt").string() + "' --year 2026 -q -f jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out,
              HasSubstr("\"path\":\"" + (dir / "備份記錄/CBEngineCurr.errlog").string() + "\""));
  EXPECT_THAT(r.out, HasSubstr("\"path\":\"samples/mars/GatewayProvider0.errlog\""));
  std::filesystem::remove_all(dir);
}

// --since and --until take days and times that exist, in order: anything else is a usage
// error naming the option and the value, never a report that says "No known problem found".
// Before, 2026-02-30, 2025-02-29, 2026-04-31 and a trailing word were taken, and --since
// after --until gave an empty report.
TEST(CliTest, SinceAndUntilTakeOnlyRealTimesInOrder) {
  for (const char* option : {"--since", "--until"}) {
    for (const char* value : {"2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
                              "2026-01-00", "2026-01-01T24:00", "2026-01-01T10:60",
                              "2026-01-01T10:00:60", "2026-01-01T10:00 noon", "2026/01/01"}) {
      const CliRun r =
          Cli(std::string("samples/mars --year 2026 -q ") + option + " '" + value + "'", true);
      EXPECT_EQ(r.exit_code, 2) << option << " " << value;
      EXPECT_THAT(r.out, AllOf(HasSubstr(option), HasSubstr(value))) << option << " " << value;
      EXPECT_THAT(r.out, Not(HasSubstr("Findings"))) << option << " " << value;
    }
  }
  EXPECT_THAT(Cli("samples/mars -q --since 2026-02-30", true).out,
              HasSubstr("February 2026 has 28 days"));
  // 2024 was a leap year: its 29 February is a day like any other.
  const CliRun leap =
      Cli("samples/mars --year 2026 -q --since 2024-02-29 --until '2026-12-31 23:59'");
  EXPECT_EQ(leap.exit_code, 0);
  EXPECT_THAT(leap.out, HasSubstr("Findings"));
  EXPECT_THAT(leap.out, Not(HasSubstr("No known problem found")));
  // The same day at both ends is that day; --since after --until keeps nothing and says so.
  EXPECT_EQ(Cli("samples/mars --year 2026 -q --since 2026-01-03 --until 2026-01-03").exit_code, 0);
  const CliRun reversed =
      Cli("samples/mars --year 2026 -q --since 2026-01-05 --until 2026-01-01T10:00", true);
  EXPECT_EQ(reversed.exit_code, 2);
  EXPECT_THAT(reversed.out,
              AllOf(HasSubstr("--since 2026-01-05"), HasSubstr("--until 2026-01-01T10:00")));
  EXPECT_THAT(reversed.out, Not(HasSubstr("Findings")));
}

TEST(CliTest, ExplainInBothLanguages) {
  const CliRun en = Cli("explain 0x80070005 --lang en");
  EXPECT_EQ(en.exit_code, 0);
  EXPECT_THAT(en.out, HasSubstr("0x80070005"));
  EXPECT_THAT(en.out, HasSubstr("What to do"));
  const CliRun zh = Cli("explain --lang zh-TW -- -2147024891");
  EXPECT_EQ(zh.exit_code, 0);
  EXPECT_THAT(zh.out, HasSubstr("處理方式"));
  const CliRun env = Cli("explain '[0x1FC07]'", false);
  EXPECT_THAT(env.out, HasSubstr("130055"));
  EXPECT_EQ(Cli("explain 0x12345678").exit_code, 1);
}

TEST(CliTest, KnowledgeBaseCheckAndExport) {
  EXPECT_EQ(Cli("kb check patterns/").exit_code, 0);
  const auto dir = TempDir("kb");
  std::ofstream(dir / "broken.json") << "{\"schema\": \"loganalyze.kb/1\", \"entries\": [}";
  const CliRun bad = Cli("kb check '" + dir.string() + "'", true);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.out, HasSubstr("broken.json:1:"));
  const CliRun exported = Cli("patterns export");
  EXPECT_EQ(exported.exit_code, 0);
  EXPECT_GT(std::count(exported.out.begin(), exported.out.end(), '\n'), 100);
  std::filesystem::remove_all(dir);
}

TEST(CliTest, VersionNamesTheKnowledgeBase) {
  const CliRun r = Cli("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("loganalyze 0.1.0"));
  EXPECT_THAT(r.out, HasSubstr("knowledge base"));
}

}  // namespace
