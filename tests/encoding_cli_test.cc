// Encodings and line ends through the real `loganalyze` binary, on files written to disk: the
// items of the issue "Every number in the report is true" (section "Nothing lost without a
// word") that decide how an input is read. Each test checks the JSON report's account of the
// input (encoding, lines, replaced sequences) and that its records were parsed and matched.
// The units behind them: encoding_detector_test, line_splitter_test, log_reader_test.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "shell_util.h"
#include "test_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// 備份失敗 ("backup failed") in UTF-8.
constexpr char kBackupFailed[] = "\xE5\x82\x99\xE4\xBB\xBD\xE5\xA4\xB1\xE6\x95\x97";

// One MARS errlog record at second `s` whose message carries a code the knowledge base
// explains (finding mars.failed-file-access-denied), without its line end.
std::string Record(int s, const std::string& message) {
  return "0AB0\t0974\t01/05\t10:00:" + std::string(s < 10 ? "0" : "") + std::to_string(s) +
         ".000\t71\tbackupasync.cpp(1184)\t\t\tWARNING\tFailed: Hr: = [0x80070005] " + message;
}

class EncodingCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("loganalyze_encoding_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Writes `bytes` to the file `name`, runs the CLI on it for a JSON report and returns the
  // report; a failed run or an unreadable report fails the test.
  Report AnalyzeFile(const std::string& name, const std::string& bytes) {
    const fs::path file = dir_ / name, err = dir_ / "stderr.txt";
    std::ofstream(file, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    const testing::ShellResult run =
        testing::RunShell("'" LOGANALYZE_CLI "' -f json -q --year 2026 '" + file.string() +
                          "' 2>'" + err.string() + "'");
    std::ifstream in(err);
    const std::string stderr_text{std::istreambuf_iterator<char>(in),
                                  std::istreambuf_iterator<char>()};
    EXPECT_EQ(run.exit_code, 0) << stderr_text;
    absl::StatusOr<Report> report = ParseJsonReport(run.out);
    EXPECT_TRUE(report.ok()) << report.status() << "\n" << stderr_text;
    if (!report.ok()) return Report();
    EXPECT_EQ(report->inputs.size(), 1u);
    return *std::move(report);
  }

  // What the report must say of its one input.
  struct Account {
    Encoding encoding;
    uint64_t lines = 0, records = 0, replaced_sequences = 0;
  };
  // Checks that the one input of `r` was analysed as `want` says, with all of its `bytes`
  // accounted for.
  static void ExpectAccount(const Report& r, const Account& want, size_t bytes) {
    ASSERT_EQ(r.inputs.size(), 1u);
    const ReportInput& in = r.inputs[0];
    EXPECT_EQ(in.skipped, "");
    EXPECT_EQ(in.encoding, want.encoding);
    EXPECT_EQ(in.stats.lines, want.lines);
    EXPECT_EQ(in.stats.records, want.records);
    EXPECT_EQ(in.stats.replaced_sequences, want.replaced_sequences);
    EXPECT_EQ(in.stats.bytes, bytes);
    EXPECT_TRUE(in.stats.Balanced());
  }
  // Checks the finding of code 0x80070005, which every test input carries: `count` records,
  // and a first sample line that contains `text`.
  static void ExpectAccessDenied(const Report& r, uint64_t count, const std::string& text) {
    const auto it = r.findings.find("mars.failed-file-access-denied");
    ASSERT_NE(it, r.findings.end());
    EXPECT_EQ(it->second.count, count);
    ASSERT_FALSE(it->second.samples.empty());
    EXPECT_THAT(it->second.samples[0].text, HasSubstr(text));
  }

  fs::path dir_;
};

// A UTF-8 log with a few corrupt bytes stays UTF-8: three bad bytes become U+FFFD and are
// counted, and the Chinese text of every record survives.
TEST_F(EncodingCliTest, Utf8WithAFewInvalidBytesStaysUtf8) {
  std::string bytes;
  for (int i = 0; i < 10; ++i) {
    std::string message = kBackupFailed + std::to_string(i);
    if (i == 3) message += " \xFF";
    if (i == 7) message += " \xE5\xA4 cut";  // a character cut to two of its three bytes
    bytes += Record(i, message) + "\r\n";
  }
  const Report r = AnalyzeFile("CBEngineCurr.errlog", bytes);
  ExpectAccount(r, {Encoding::kUtf8, /*lines=*/10, /*records=*/10, /*replaced=*/3}, bytes.size());
  ExpectAccessDenied(r, 10, kBackupFailed);
}

// UTF-16LE without a BOM whose head is Chinese text (few NUL bytes) is found by its
// statistics and analysed; before, it was skipped as binary.
TEST_F(EncodingCliTest, CjkUtf16LeWithoutBomIsAnalysedNotSkipped) {
  std::string text;
  for (int i = 0; i < 6; ++i) {
    text += std::string(kBackupFailed) + "：錯誤 0x80070005，存取被拒。請確認帳戶權限後再試一次。" +
            "第" + std::to_string(i) + "次\r\n";
  }
  const std::string bytes = testing::ToUtf16(text, /*little_endian=*/true, /*bom=*/false);
  const Report r = AnalyzeFile("notes.log", bytes);
  ExpectAccount(r, {Encoding::kUtf16Le, /*lines=*/6, /*records=*/6, /*replaced=*/0}, bytes.size());
  ExpectAccessDenied(r, 6, "存取被拒");
}

// An errlog whose lines end in a bare CR (mixed with LF and CRLF) has one record per line,
// each found; before, the CR-ended lines ran together into the next one.
TEST_F(EncodingCliTest, BareCrLineEndsGiveOneRecordPerLine) {
  const std::string ends[] = {"\r", "\r", "\n", "\r\n"};
  std::string bytes;
  for (int i = 0; i < 12; ++i) bytes += Record(i, "item " + std::to_string(i)) + ends[i % 4];
  const Report r = AnalyzeFile("CBEngineCurr.errlog", bytes);
  ExpectAccount(r, {Encoding::kUtf8, /*lines=*/12, /*records=*/12, /*replaced=*/0}, bytes.size());
  ExpectAccessDenied(r, 12, "item 0");
  // The same file as UTF-16LE with a BOM, as the agent writes it.
  const std::string utf16 = testing::ToUtf16(bytes);
  const Report r16 = AnalyzeFile("CBEngineCurr.errlog", utf16);
  ExpectAccount(r16, {Encoding::kUtf16Le, /*lines=*/12, /*records=*/12, /*replaced=*/0},
                utf16.size());
  ExpectAccessDenied(r16, 12, "item 0");
}

}  // namespace
}  // namespace loganalyze
