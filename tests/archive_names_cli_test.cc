// Archive member names and entries that are not files, through the real `loganalyze` binary:
// the bundles support engineers receive from Windows (zips by Explorer in the OEM code page,
// by PowerShell with the UTF-8 flag, 7z by 7-Zip) and tars with links, read into the JSON
// report. Names come out in UTF-8, the expected-log check finds CBEngineCurr.errlog in a
// Chinese-named folder, and links are listed as skipped with the reason. The library side
// is in archive_test.cc.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "archive_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "shell_util.h"
#include "simdjson.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

constexpr char kEngine[] =
    "1F40\t1F44\t01/04\t12:30:01.123\t03\tCBEngine.cpp(100)\t\tNORMAL\tStarting backup\n";
constexpr char kMember[] = "備份記錄/Temp/CBEngineCurr.errlog";
// The same path as Traditional Chinese Windows stores it without the UTF-8 flag (CP950).
constexpr char kMemberCp950[] = "\xB3\xC6\xA5\xF7\xB0O\xBF\xFD/Temp/CBEngineCurr.errlog";

// What a report says about one run over one archive.
struct CliReport {
  int exit_code = -1;
  std::string json;
  std::vector<ReportInput> inputs;
  std::vector<std::pair<std::string, bool>> expected_logs;  // summary.expected_logs
};

class ArchiveNamesCliTest : public ::testing::Test {
 protected:
  void Write(const std::string& relative, const std::string& text) const {
    const fs::path p = dir_ / relative;
    fs::create_directories(p.parent_path());
    testing::WriteWholeFile(p, text);
  }
  void Shell(const std::string& command) const {
    const std::string line = "cd '" + dir_.string() + "' && (" + command + ") >/dev/null 2>&1";
    ASSERT_EQ(std::system(line.c_str()), 0) << line;
  }

  // `loganalyze -f json archive`, its report read back.
  CliReport Analyze(const std::string& archive) const {
    CliReport run;
    const testing::ShellResult shell = testing::RunShell(
        "cd '" + dir_.string() + "' && '" LOGANALYZE_CLI "' -f json '" + archive + "' 2>/dev/null");
    run.exit_code = shell.exit_code;
    run.json = shell.out;
    absl::StatusOr<Report> report = ParseJsonReport(run.json);
    EXPECT_TRUE(report.ok()) << report.status() << "\n" << run.json;
    if (report.ok()) run.inputs = std::move(report->inputs);
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(run.json).get(root) != simdjson::SUCCESS) return run;
    simdjson::dom::array expected;
    if (root["summary"]["expected_logs"].get(expected) != simdjson::SUCCESS) {
      ADD_FAILURE() << "no summary.expected_logs in\n" << run.json;
      return run;
    }
    for (simdjson::dom::element log : expected) {
      std::string_view name;
      bool present = false;
      EXPECT_EQ(log["name"].get(name), simdjson::SUCCESS);
      EXPECT_EQ(log["present"].get(present), simdjson::SUCCESS);
      run.expected_logs.emplace_back(std::string(name), present);
    }
    return run;
  }

  // Checks that `archive` is read as one analysed member kMember, which counts as the
  // expected CBEngineCurr.errlog.
  void ExpectTheEngineLogIn(const std::string& archive) const {
    SCOPED_TRACE(archive);
    const CliReport run = Analyze(archive);
    EXPECT_EQ(run.exit_code, 0) << run.json;
    ASSERT_EQ(run.inputs.size(), 1u) << run.json;
    EXPECT_EQ(run.inputs[0].member, kMember);
    EXPECT_EQ(run.inputs[0].format, Format::kErrlog);
    EXPECT_EQ(run.inputs[0].stats.bytes, sizeof kEngine - 1);
    EXPECT_THAT(run.expected_logs, ElementsAre(Pair("CBEngineCurr.errlog", true)));
  }

  testing::ScratchDir scratch_{"loganalyze_archive_names_cli_test_"};
  const fs::path dir_ = scratch_.path();
};

TEST_F(ArchiveNamesCliTest, ZipFromExplorerOnTraditionalChineseWindows) {
  ASSERT_TRUE(testing::WriteLegacyZip(dir_ / "bundle.zip", {{kMemberCp950, kEngine}}));
  ExpectTheEngineLogIn("bundle.zip");
}

TEST_F(ArchiveNamesCliTest, ZipWithTheUtf8Flag) {
  ASSERT_TRUE(testing::WriteZip(dir_ / "bundle.zip", {{kMember, kEngine}}));
  ExpectTheEngineLogIn("bundle.zip");
}

TEST_F(ArchiveNamesCliTest, SevenZip) {
  REQUIRE_TOOL("7z", "p7zip-full");
  Write(kMember, kEngine);
  Shell("7z a -bd -y bundle.7z 備份記錄");
  ExpectTheEngineLogIn("bundle.7z");
}

TEST_F(ArchiveNamesCliTest, TarLinksAndFifosAreListedAsSkipped) {
  REQUIRE_TOOL("tar", "tar");
  Write(kMember, kEngine);
  Shell(std::string("ln ") + kMember + " hard.errlog && ln -s " + kMember +
        " sym.errlog && mkfifo fifo && tar -cf bundle.tar 備份記錄 hard.errlog sym.errlog fifo");
  const CliReport run = Analyze("bundle.tar");
  EXPECT_EQ(run.exit_code, 0) << run.json;
  // The report lists inputs by (path, member).
  ASSERT_EQ(run.inputs.size(), 4u) << run.json;
  EXPECT_EQ(run.inputs[0].member, "fifo");
  EXPECT_EQ(run.inputs[0].skipped, "a FIFO entry, not a file");
  EXPECT_EQ(run.inputs[1].member, "hard.errlog");
  EXPECT_EQ(run.inputs[1].skipped,
            "hard link to member '備份記錄/Temp/CBEngineCurr.errlog'; its data is read as that "
            "member");
  EXPECT_EQ(run.inputs[2].member, "sym.errlog");
  EXPECT_EQ(run.inputs[2].skipped,
            "symbolic link to '備份記錄/Temp/CBEngineCurr.errlog'; links inside an archive are "
            "not followed");
  EXPECT_EQ(run.inputs[3].member, kMember);
  EXPECT_EQ(run.inputs[3].skipped, "");
  EXPECT_EQ(run.inputs[3].stats.bytes, sizeof kEngine - 1);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(run.inputs[i].path, "bundle.tar");
    EXPECT_EQ(run.inputs[i].stats.bytes, 0u) << run.inputs[i].member;
    EXPECT_THAT(run.inputs[i].error, IsEmpty());
  }
  EXPECT_THAT(run.expected_logs, ElementsAre(Pair("CBEngineCurr.errlog", true)));
}

}  // namespace
}  // namespace loganalyze
