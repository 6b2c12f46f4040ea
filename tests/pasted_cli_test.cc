// Errlog excerpts as people paste them, and errlog lines dated on days that no year has,
// through the real `loganalyze` binary: a file in, the JSON report out (read back with
// ParseJsonReport), and what it must say: records, levels, times and findings.
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "shell_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class PastedCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           (std::string("loganalyze_pasted_cli_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `bytes` as `name`, runs the CLI on it with --year 2026 and reads the JSON report.
  // The raw JSON stays in json_.
  Report Analyze(const std::string& name, std::string_view bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    const testing::ShellResult run = testing::RunShell(
        "'" LOGANALYZE_CLI "' --format json --year 2026 '" + path.string() + "' 2>/dev/null");
    EXPECT_EQ(run.exit_code, 0) << name;
    json_ = run.out;
    absl::StatusOr<Report> report = ParseJsonReport(run.out);
    EXPECT_TRUE(report.ok()) << report.status();
    if (!report.ok() || report->inputs.size() != 1) return Report();
    const InputStats& s = report->inputs[0].stats;
    EXPECT_TRUE(s.Balanced()) << json_;
    EXPECT_EQ(s.bytes, bytes.size());
    return *std::move(report);
  }

  // The finding that carries `code`, or nullptr.
  static const ReportFinding* WithCode(const Report& r, const std::string& code) {
    for (const auto& [id, f] : r.findings) {
      if (f.codes.contains(code)) return &f;
    }
    return nullptr;
  }

  fs::path dir_;
  std::string json_;
};

TEST_F(PastedCliTest, ALineDatedOnADayNoYearHasIsUnparsedNotAFinding) {
  const std::string text =
      "0AB0\t0974\t04/30\t23:59:58.100\t18\tmtffile.cpp(1372)\t[0000000053582120]\t"
      "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\t\tWARNING\tFailed: Hr: = [0x80070005] BackupRead "
      "failed on file(D:\\Shares\\a.docx)\r\n"
      "0AB0\t0974\t04/31\t00:00:01.000\t18\tmtffile.cpp(1372)\t[0000000053582120]\t"
      "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\t\tWARNING\tFailed: Hr: = [0x80070570] BackupRead "
      "failed on file(D:\\Shares\\b.docx)\r\n"
      "0AB0\t0974\t05/01\t00:00:02.000\t71\tbackupasync.cpp(1338)\t[000000001A12E3F0]\t"
      "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\tNORMAL\tBackup Progress: Succeeded\r\n";
  const Report r = Analyze("CBEngineCurr.errlog", text);
  ASSERT_EQ(r.inputs.size(), 1u);
  const InputStats& s = r.inputs[0].stats;
  EXPECT_EQ(s.lines, 3u);
  EXPECT_EQ(s.records, 2u);
  EXPECT_EQ(s.unparsed_lines, 1u);
  EXPECT_EQ(s.continuation_lines, 0u);
  EXPECT_EQ(r.inputs[0].first_time.ToString(), "2026-04-30T23:59:58.100");
  EXPECT_EQ(r.inputs[0].last_time.ToString(), "2026-05-01T00:00:02.000");
  // The report shows no date that does not exist, and no finding from the undatable line.
  EXPECT_THAT(json_, Not(HasSubstr("04-31")));
  EXPECT_EQ(WithCode(r, "0x80070570"), nullptr);
  const ReportFinding* denied = WithCode(r, "0x80070005");
  ASSERT_NE(denied, nullptr);
  EXPECT_EQ(denied->count, 1u);
  EXPECT_EQ(denied->first_seen.ToString(), "2026-04-30T23:59:58.100");
}

}  // namespace
}  // namespace loganalyze
