// `loganalyze diff` and `loganalyze recurring` through the real CLI, on bundles written here
// with known edits, whose expected results were worked out by hand (see each bundle).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shell_util.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// The three finding ids these bundles produce, with the lines that produce them.
constexpr char kVeto[] = "vss.provider-veto";                 // error
constexpr char kConnect[] = "win32.winhttp-cannot-connect";   // error
constexpr char kSharing[] = "win32.sharing-violation";        // warning
constexpr char kDenied[] = "mars.failed-file-access-denied";  // warning

// One MARS engine record, as the agent writes it (tab-separated; `guid` may be empty).
std::string Record(std::string_view day, std::string_view time, std::string_view level,
                   std::string_view message, std::string_view guid = "") {
  return fmt::format(
      "0D54\t0EC8\t{}\t{}\t71\tbackupasync.cpp(1279)\t[0000000055F97C70]\t{}\t{}\t{}"
      "\r\n",
      day, time, guid, level, message);
}

// A record of each finding, at `day` `time`.
std::string Veto(std::string_view day, std::string_view time) {
  return Record(day, time, "WARNING",
                "Failed: Hr: = [0x80042306] : CVssSnapshotRequestor::DoSnapshotSet failed");
}
std::string Connect(std::string_view day, std::string_view time) {
  return Record(day, time, "WARNING",
                "Failed: Hr: = [0x80072efd] WinHttpSendRequest failed for "
                "https://pod01-manag1.wus2.backup.windowsazure.com");
}
std::string Sharing(std::string_view day, std::string_view time) {
  return Record(day, time, "WARNING",
                "Failed: Hr: = [0x80070020] Unable to open file(D:\\Data\\ledger.mdb) for read");
}
std::string Denied(std::string_view day, std::string_view time) {
  return Record(day, time, "WARNING",
                "Failed: Hr: = [0x80070005] Unable to open file(C:\\Users\\jdoe\\~lock.tmp)");
}
std::string Normal(std::string_view day, std::string_view time) {
  return Record(day, time, "NORMAL", "Service health: ActiveJobs:[0]");
}

// `n` records made by `make`, one a minute from 10:00 on `day`.
std::string Times(int n, std::string_view day,
                  std::string (*make)(std::string_view, std::string_view)) {
  std::string out;
  for (int i = 0; i < n; ++i) out += make(day, fmt::format("10:{:02}:00.000", i));
  return out;
}

// A MARS failed-files list with `items` ("path (Error: code)"), UTF-16LE as the agent writes.
std::string FailedList(const std::vector<std::string>& items) {
  std::string text =
      "Consider adding these to exclusion list of backup policy.-----------------\r\n";
  for (const std::string& item : items) text += item + "\r\n";
  return loganalyze::testing::ToUtf16(text);
}

class DiffCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("loganalyze_diff_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `text` to `name` under the test's folder, creating folders; returns the path.
  std::string Write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Runs the CLI with `args` in the test's folder (so reports name bundles by relative
  // paths); stderr is dropped.
  loganalyze::testing::ShellResult Cli(const std::string& args) const {
    return loganalyze::testing::RunShell("cd '" + dir_.string() + "' && '" LOGANALYZE_CLI "' " +
                                         args + " 2>/dev/null");
  }

  // Pair 1: findings only (no task GUIDs, no lists). Hand-worked truth, rates per calendar
  // day of log:
  //   old/ spans 01/03..01/04 (2 days); new/ spans 01/05..01/08 (4 days).
  //   veto:     old 2 (1.0/day), new 0            -> gone
  //   connect:  old 2 (1.0/day), new 8 (2.0/day)  -> worse
  //   sharing:  old 0,           new 3 (0.75/day) -> new
  //   denied:   old 4 (2.0/day), new 4 (1.0/day)  -> better (the same count, half the rate)
  //   (the NORMAL records only set the time span.)
  void WritePair1() {
    Write("old/CBEngineCurr.errlog", Normal("01/03", "08:00:00.000") + Times(2, "01/03", Veto) +
                                         Times(2, "01/03", Connect) + Times(4, "01/04", Denied) +
                                         Normal("01/04", "20:00:00.000"));
    Write("new/CBEngineCurr.errlog", Normal("01/05", "08:00:00.000") + Times(4, "01/05", Connect) +
                                         Times(4, "01/06", Connect) + Times(3, "01/07", Sharing) +
                                         Times(4, "01/07", Denied) +
                                         Normal("01/08", "20:00:00.000"));
  }

  // Pair 2: failed-files lists and jobs. Hand-worked truth:
  //   failed files: a.docx 0x80070020 in both -> still; b.xlsx 0x80070005 only in old ->
  //   fixed; c.pst 0x80070570 only in new -> new.
  //   jobs: old has one backup that succeeds; new has one that succeeds and one that fails
  //   in Prebackup with 0x80042306 -> one new kind of job failure (mars-backup, Prebackup,
  //   0x80042306), 0 failed jobs before, 1 now.
  void WritePair2() {
    const std::string a = "AAAAAAAA-1111-4111-8111-111111111111";
    const std::string b = "BBBBBBBB-2222-4222-8222-222222222222";
    const std::string c = "CCCCCCCC-3333-4333-8333-333333333333";
    Write("old2/CBEngineCurr.errlog",
          Record("01/03", "12:30:00.000", "NORMAL", "Backup Progress: Prebackup started.", a) +
              Record("01/03", "12:31:00.000", "NORMAL", "Backup Progress: Prebackup finished.", a) +
              Record("01/03", "13:00:00.000", "NORMAL", "Backup Progress: Succeeded", a));
    Write("old2/LastBackupFailedFiles17af1_1_3_2026_1230.txt",
          FailedList({"D:\\Shares\\a.docx (Error: 0x80070020)",
                      "D:\\Shares\\b.xlsx (Error: 0x80070005)"}));
    Write("new2/CBEngineCurr.errlog",
          Record("01/05", "12:30:00.000", "NORMAL", "Backup Progress: Prebackup started.", b) +
              Record("01/05", "12:31:00.000", "NORMAL", "Backup Progress: Prebackup finished.", b) +
              Record("01/05", "13:00:00.000", "NORMAL", "Backup Progress: Succeeded", b) +
              Record("01/06", "12:30:00.000", "NORMAL", "Backup Progress: Prebackup started.", c) +
              Record("01/06", "12:31:40.415", "WARNING",
                     "Failed: Hr: = [0x80042306] Backup Progress: Failed", c));
    Write("new2/LastBackupFailedFiles17af1_1_6_2026_1230.txt",
          FailedList(
              {"D:\\Shares\\a.docx (Error: 0x80070020)", "D:\\Shares\\c.pst (Error: 0x80070570)"}));
  }

  fs::path dir_;
};

constexpr char kOpts[] = " --year 2026 --lang en --color never -q";

// The one line of a JSON list that holds `key` (the writer puts each item on its own line).
std::string ItemLine(const std::string& json, const std::string& key) {
  const size_t at = json.find(key);
  if (at == std::string::npos) return "";
  const size_t start = json.rfind('\n', at) + 1;
  return json.substr(start, json.find('\n', at) - start);
}

TEST_F(DiffCliTest, Pair1FindingsNewGoneWorseBetterByRate) {
  WritePair1();
  const auto r = Cli(std::string("diff old new -f json") + kOpts);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("\"schema\":\"loganalyze.diff/1\""));
  EXPECT_THAT(r.out, HasSubstr("\"findings\":{\"new\":1,\"worse\":1,\"better\":1,\"gone\":1,"
                               "\"same\":0}"));
  EXPECT_THAT(r.out, HasSubstr("\"days\":2,"));
  EXPECT_THAT(r.out, HasSubstr("\"days\":4,"));
  const std::string id = "{\"id\":\"";
  EXPECT_THAT(ItemLine(r.out, id + kVeto),
              AllOf(HasSubstr("\"change\":\"gone\""), HasSubstr("\"old_count\":2,\"new_count\":0,"
                                                                "\"old_rate\":1,\"new_rate\":0")));
  EXPECT_THAT(ItemLine(r.out, id + kConnect),
              AllOf(HasSubstr("\"change\":\"worse\""),
                    HasSubstr("\"old_count\":2,\"new_count\":8,\"old_rate\":1,\"new_rate\":2,"
                              "\"compared_by\":\"rate\"")));
  EXPECT_THAT(ItemLine(r.out, id + kSharing),
              AllOf(HasSubstr("\"change\":\"new\""),
                    HasSubstr("\"old_count\":0,\"new_count\":3,\"old_rate\":0,\"new_rate\":0.75")));
  EXPECT_THAT(ItemLine(r.out, id + kDenied),
              AllOf(HasSubstr("\"change\":\"better\""),
                    HasSubstr("\"old_count\":4,\"new_count\":4,\"old_rate\":2,\"new_rate\":1")));
  // No failed files, no jobs in this pair.
  EXPECT_THAT(r.out, HasSubstr("\"failed_files\":[\n]"));
  EXPECT_THAT(r.out, HasSubstr("\"job_failures\":[\n]"));
}

TEST_F(DiffCliTest, Pair1TextNamesEveryChange) {
  WritePair1();
  const auto r = Cli(std::string("diff old new") + kOpts);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("Findings: 1 new · 1 worse · 1 better · 1 gone · 0 same"));
  EXPECT_THAT(r.out, HasSubstr("2026-01-03 08:00 .. 2026-01-04 20:00 · 2 days of log"));
  EXPECT_THAT(r.out, HasSubstr("×2 → ×8 · 1.00 → 2.00 per day · " + std::string(kConnect)));
  EXPECT_THAT(r.out, HasSubstr("×4 → ×4 · 2.00 → 1.00 per day · " + std::string(kDenied)));
  // New before worse before better before gone.
  const size_t n = r.out.find("NEW "), w = r.out.find("WORSE"), b = r.out.find("BETTER"),
               g = r.out.find("GONE");
  ASSERT_NE(g, std::string::npos);
  EXPECT_LT(n, w);
  EXPECT_LT(w, b);
  EXPECT_LT(b, g);
}

TEST_F(DiffCliTest, Pair2FailedFilesAndANewJobFailure) {
  WritePair2();
  const auto r = Cli(std::string("diff old2 new2 -f json") + kOpts);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("\"failed_files\":{\"new\":1,\"still\":1,\"fixed\":1,"
                               "\"not_listed\":0}"));
  EXPECT_THAT(r.out, HasSubstr("\"job_failures\":{\"new\":1,\"still\":0,\"gone\":0}"));
  EXPECT_THAT(r.out, HasSubstr(R"({"path":"D:\\Shares\\c.pst","code":"0x80070570",)"
                               R"("change":"new","old_count":0,"new_count":1})"));
  EXPECT_THAT(r.out, HasSubstr(R"({"path":"D:\\Shares\\a.docx","code":"0x80070020",)"
                               R"("change":"still","old_count":1,"new_count":1})"));
  EXPECT_THAT(r.out, HasSubstr(R"({"path":"D:\\Shares\\b.xlsx","code":"0x80070005",)"
                               R"("change":"fixed","old_count":1,"new_count":0})"));
  EXPECT_THAT(r.out, HasSubstr(R"({"kind":"mars-backup","phase":"Prebackup",)"
                               R"("codes":["0x80042306"],"change":"new","old_jobs":0,)"
                               R"("new_jobs":1,"first_failed":"2026-01-06T12:31:40.415",)"
                               R"("task_ids":["CCCCCCCC-3333-4333-8333-333333333333"]})"));
}

TEST_F(DiffCliTest, FailOnNewExitsOneOnlyWhenSomethingIsNew) {
  WritePair1();
  WritePair2();
  EXPECT_EQ(Cli(std::string("diff old new --fail-on new") + kOpts).exit_code, 1);
  EXPECT_EQ(Cli(std::string("diff old2 new2 --fail-on new") + kOpts).exit_code, 1);
  // Nothing is new from a bundle to itself, nor when findings only went away.
  EXPECT_EQ(Cli(std::string("diff new new --fail-on new") + kOpts).exit_code, 0);
  Write("fewer/CBEngineCurr.errlog", Times(1, "01/05", Connect));
  EXPECT_EQ(Cli(std::string("diff new fewer --fail-on new") + kOpts).exit_code, 0);
  // Without the option, new findings are no failure.
  EXPECT_EQ(Cli(std::string("diff old new") + kOpts).exit_code, 0);
}

TEST_F(DiffCliTest, UsageAndUnreadableReportsExitTwoIncompleteBundlesThree) {
  WritePair1();
  EXPECT_EQ(Cli(std::string("diff old") + kOpts).exit_code, 2);
  EXPECT_EQ(Cli(std::string("diff old new --fail-on error") + kOpts).exit_code, 2);
  EXPECT_EQ(Cli(std::string("diff old new -f jsonl") + kOpts).exit_code, 2);
  Write("broken.json", "{\"schema\":\"loganalyze.report/1\",");
  const auto broken = loganalyze::testing::RunShell(
      "cd '" + dir_.string() + "' && '" LOGANALYZE_CLI "' diff broken.json new -q 2>&1");
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_THAT(broken.out, HasSubstr("broken.json: not a loganalyze JSON report"));
  // A bundle with an input that cannot be read (a gzip file cut after its header): compared,
  // the input listed, exit 3.
  Write("partial/CBEngineCurr.errlog", Times(2, "01/05", Connect));
  Write("partial/CBEngine1.errlog.gz",
        std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) + "\xff\x01not deflate");
  const auto partial = Cli(std::string("diff old partial") + kOpts);
  EXPECT_EQ(partial.exit_code, 3);
  EXPECT_THAT(partial.out,
              AllOf(HasSubstr("Problems reading inputs"), HasSubstr("CBEngine1.errlog")));
}

TEST_F(DiffCliTest, JsonReportsGiveTheSameComparisonAsTheirBundles) {
  WritePair2();
  ASSERT_EQ(Cli(std::string("old2 -f json -o old2.json") + kOpts).exit_code, 0);
  ASSERT_EQ(Cli(std::string("new2 -f json -o new2.json") + kOpts).exit_code, 0);
  const auto bundles = Cli(std::string("diff old2 new2 -f json") + kOpts);
  const auto reports = Cli(std::string("diff old2.json new2.json -f json") + kOpts);
  ASSERT_EQ(reports.exit_code, 0);
  // Equal but for the names of the operands.
  auto unnamed = [](std::string s) {
    for (const char* name : {"\"old2.json\"", "\"new2.json\""}) {
      for (size_t at; (at = s.find(name)) != std::string::npos;) {
        s.replace(at, std::string(name).size(), std::string(name).substr(0, 5) + "\"");
      }
    }
    return s;
  };
  EXPECT_EQ(unnamed(reports.out), bundles.out);
  // One of each kind works too.
  EXPECT_EQ(Cli(std::string("diff old2.json new2 --fail-on new") + kOpts).exit_code, 1);
}

TEST_F(DiffCliTest, EveryFormatInBothLanguages) {
  WritePair2();
  const auto md = Cli(std::string("diff old2 new2 -f markdown") + kOpts);
  EXPECT_EQ(md.exit_code, 0);
  EXPECT_THAT(md.out,
              AllOf(HasSubstr("# loganalyze: changes since the older report"),
                    HasSubstr("| **NEW** | D:\\\\Shares\\\\c.pst | 0x80070570 | 0 → 1 |"),
                    HasSubstr("| **FIXED** | D:\\\\Shares\\\\b.xlsx |"),
                    HasSubstr("| **NEW** | mars-backup | Prebackup | 0x80042306 | 0 → 1 |")));
  const auto html = Cli(std::string("diff old2 new2 -f html") + kOpts);
  EXPECT_EQ(html.exit_code, 0);
  EXPECT_THAT(html.out, AllOf(HasSubstr("<!DOCTYPE html>"), HasSubstr("class=\"lang-en\""),
                              HasSubstr("id=\"compared\""), HasSubstr("id=\"findings\""),
                              HasSubstr("id=\"failed-files\""), HasSubstr("id=\"job-failures\""),
                              HasSubstr("D:\\Shares\\c.pst"), HasSubstr("</html>")));
  const auto zh = Cli("diff old2 new2 --year 2026 --lang zh-TW --color never -q");
  EXPECT_EQ(zh.exit_code, 0);
  EXPECT_THAT(zh.out, AllOf(HasSubstr("新增"), HasSubstr("已修復"), HasSubstr("仍失敗"),
                            HasSubstr("作業失敗")));
  const auto zh_html = Cli("diff old2 new2 -f html --year 2026 --lang zh-TW -q");
  EXPECT_THAT(zh_html.out, HasSubstr("class=\"lang-zh\""));
  // Written to a file with -o, as the main command does.
  EXPECT_EQ(Cli(std::string("diff old2 new2 -f html -o diff.html") + kOpts).exit_code, 0);
  EXPECT_EQ(loganalyze::testing::ReadFile(Path("diff.html")), html.out);
}

// Recurring: five bundles of one server, one a day. Truth (counts per bundle):
//   connect: 2 1 1 3 1 -> in 5 of 5, first in #1
//   veto:    1 0 2 0 1 -> in 3 of 5, first in #1
//   sharing: 0 1 0 0 2 -> in 2 of 5, first in #2
//   denied:  0 0 0 1 0 -> in 1 of 5, first in #4
class RecurringCliTest : public DiffCliTest {
 protected:
  void WriteSeries() {
    const int connect[] = {2, 1, 1, 3, 1}, veto[] = {1, 0, 2, 0, 1}, sharing[] = {0, 1, 0, 0, 2},
              denied[] = {0, 0, 0, 1, 0};
    for (int b = 0; b < 5; ++b) {
      const std::string day = fmt::format("01/{:02}", b + 1);
      // The finding's records at 10:00, 11:00, 12:00, 13:00 of the bundle's day.
      auto at = [&](int n, std::string_view hour,
                    std::string (*make)(std::string_view, std::string_view)) {
        std::string out;
        for (int i = 0; i < n; ++i) out += make(day, fmt::format("{}:{:02}:00.000", hour, i));
        return out;
      };
      Write(fmt::format("b{}/CBEngineCurr.errlog", b + 1),
            at(connect[b], "10", Connect) + at(veto[b], "11", Veto) +
                at(sharing[b], "12", Sharing) + at(denied[b], "13", Denied));
    }
  }
};

TEST_F(RecurringCliTest, FindingsInKOfFiveWithTheirFirstAppearance) {
  WriteSeries();
  const auto r = Cli(std::string("recurring b1 b2 b3 b4 b5 -f json") + kOpts);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("\"schema\":\"loganalyze.recurring/1\""));
  const std::string id = "{\"id\":\"";
  EXPECT_THAT(ItemLine(r.out, id + kConnect),
              AllOf(HasSubstr("\"present\":5,\"first_report\":1,\"first_report_name\":\"b1\","
                              "\"first_seen\":\"2026-01-01T10:00:00.000\",\"in_latest\":true,"
                              "\"counts\":[2,1,1,3,1]")));
  EXPECT_THAT(ItemLine(r.out, id + kVeto),
              HasSubstr("\"present\":3,\"first_report\":1,\"first_report_name\":\"b1\","
                        "\"first_seen\":\"2026-01-01T11:00:00.000\",\"in_latest\":true,"
                        "\"counts\":[1,0,2,0,1]"));
  EXPECT_THAT(ItemLine(r.out, id + kSharing),
              HasSubstr("\"present\":2,\"first_report\":2,\"first_report_name\":\"b2\","
                        "\"first_seen\":\"2026-01-02T12:00:00.000\",\"in_latest\":true,"
                        "\"counts\":[0,1,0,0,2]"));
  EXPECT_THAT(r.out, Not(HasSubstr(kDenied)));  // in 1 of 5 only
  // Most reports first.
  EXPECT_LT(r.out.find(kConnect), r.out.find(kVeto));
  EXPECT_LT(r.out.find(kVeto), r.out.find(kSharing));
}

TEST_F(RecurringCliTest, MinimumChoosesWhatIsKept) {
  WriteSeries();
  const auto three = Cli(std::string("recurring b1 b2 b3 b4 b5 --min 3 -f json") + kOpts);
  ASSERT_EQ(three.exit_code, 0);
  EXPECT_THAT(three.out, AllOf(HasSubstr(kConnect), HasSubstr(kVeto), Not(HasSubstr(kSharing))));
  const auto one = Cli(std::string("recurring b1 b2 b3 b4 b5 --min 1 -f json") + kOpts);
  EXPECT_THAT(ItemLine(one.out, std::string("{\"id\":\"") + kDenied),
              HasSubstr("\"present\":1,\"first_report\":4,\"first_report_name\":\"b4\","
                        "\"first_seen\":\"2026-01-04T13:00:00.000\",\"in_latest\":false"));
  EXPECT_EQ(Cli(std::string("recurring b1 b2 b3 b4 b5 --min 6") + kOpts).exit_code, 2);
  EXPECT_EQ(Cli(std::string("recurring b1") + kOpts).exit_code, 2);
}

TEST_F(RecurringCliTest, TextMarkdownAndHtml) {
  WriteSeries();
  const auto text = Cli(std::string("recurring b1 b2 b3 b4 b5") + kOpts);
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, AllOf(HasSubstr("Findings in at least 2 of 5 reports (3)"),
                              HasSubstr("5/5"), HasSubstr("per report: 2 1 1 3 1"),
                              HasSubstr("first in #2 (b2) 2026-01-02 12:00")));
  const auto md = Cli(std::string("recurring b1 b2 b3 b4 b5 -f md") + kOpts);
  EXPECT_THAT(md.out, AllOf(HasSubstr("# loganalyze: recurring findings"), HasSubstr("| 3/5 |"),
                            HasSubstr("| 1 0 2 0 1 |")));
  const auto html = Cli(std::string("recurring b1 b2 b3 b4 b5 -f html") + kOpts);
  EXPECT_THAT(html.out, AllOf(HasSubstr("id=\"reports\""), HasSubstr("id=\"findings\""),
                              HasSubstr("</html>")));
}

}  // namespace
