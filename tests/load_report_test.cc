// LoadReportOrBundle: a JSON report read as one, anything else analysed as a bundle.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/diff.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class LoadReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("loganalyze_load_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    kb_ = *KnowledgeBase::Default();
    analyzer_ = *Analyzer::Create(kb_, {});
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream((dir_ / name), std::ios::binary) << text;
    return (dir_ / name).string();
  }

  fs::path dir_;
  KnowledgeBase kb_;
  std::unique_ptr<const Analyzer> analyzer_;
};

constexpr char kLine[] =
    "0D54\t0EC8\t01/03\t10:00:00.000\t71\tbackupasync.cpp(1)\t[0000000055F97C70]\t\tWARNING\t"
    "Failed: Hr: = [0x80072efd] WinHttpSendRequest failed\r\n";

TEST_F(LoadReportTest, AJsonReportIsReadAndABundleAnalysed) {
  const std::string log = Write("CBEngineCurr.errlog", kLine);
  absl::StatusOr<Report> analysed = LoadReportOrBundle(*analyzer_, dir_.string(), {});
  ASSERT_TRUE(analysed.ok()) << analysed.status();
  ASSERT_EQ(analysed->findings.count("win32.winhttp-cannot-connect"), 1u);
  // The report of that bundle, written as JSON (with a BOM and blank lines before it).
  const std::string json =
      Write("report.json", "\xEF\xBB\xBF\n  " +
                               RenderReport(*analysed, kb_, ReportFormat::kJson, RenderOptions()));
  absl::StatusOr<Report> read = LoadReportOrBundle(*analyzer_, json, {});
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->findings.at("win32.winhttp-cannot-connect").count, 1u);
  EXPECT_EQ(read->inputs.size(), analysed->inputs.size());
  // A single log file is a bundle of one.
  absl::StatusOr<Report> one = LoadReportOrBundle(*analyzer_, log, {});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->inputs.size(), 1u);
}

TEST_F(LoadReportTest, ABrokenReportIsAnErrorNamingTheFile) {
  const std::string bad = Write("old.json", "{\"schema\":\"loganalyze.report/1\",");
  absl::StatusOr<Report> r = LoadReportOrBundle(*analyzer_, bad, {});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(std::string(r.status().message()),
              AllOf(HasSubstr(bad), HasSubstr("not a loganalyze JSON report")));
  const std::string other = Write("other.json", "{\"schema\":\"something.else/2\"}");
  EXPECT_FALSE(LoadReportOrBundle(*analyzer_, other, {}).ok());
}

TEST_F(LoadReportTest, AMissingPathIsAnInputTheReportCannotRead) {
  absl::StatusOr<Report> r = LoadReportOrBundle(*analyzer_, (dir_ / "nothing").string(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->errors.size(), 1u);
}

}  // namespace
}  // namespace loganalyze
