// MergeReportFiles (`loganalyze merge`): JSON and JSON Lines reports merged once each; what
// cannot be merged is said, listed in the report with its kind, and the rest is merged.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/report.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class MergeFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok());
    kb_ = *std::move(kb);
    dir_ = fs::temp_directory_path() / ("loganalyze_merge_files_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Report Analyze(const std::string& name, const std::string& bytes) {
    auto analyzer = Analyzer::Create(kb_, {});
    auto src = MemorySource(bytes);
    InputInfo info;
    info.name = name;
    return (*analyzer)->Analyze(*src, info, name, "");
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  std::string Render(const Report& r, ReportFormat format) {
    return RenderReport(r, kb_, format, RenderOptions{});
  }

  KnowledgeBase kb_;
  fs::path dir_;
};

TEST_F(MergeFilesTest, JsonAndJsonLinesMergeAsOneRun) {
  const Report a = Analyze("CBEngine1.errlog",
                           "0AB0\t0974\t01/03\t10:00:00.000\t71\tx.cpp(1)\t\t\tWARNING\t"
                           "Failed: Hr: = [0x80070005]\n");
  const Report b = Analyze("CBEngine2.errlog",
                           "0AB0\t0974\t01/04\t10:00:00.000\t71\tx.cpp(1)\t\t\tWARNING\t"
                           "Failed: Hr: = [0x80070570]\n");
  Report both = a;
  both.Merge(b);
  const MergedReports m = MergeReportFiles({Write("a.json", Render(a, ReportFormat::kJson)),
                                            Write("b.jsonl", Render(b, ReportFormat::kJsonl))});
  EXPECT_TRUE(m.complete);
  EXPECT_TRUE(m.notes.empty());
  EXPECT_EQ(Render(m.report, ReportFormat::kJson), Render(both, ReportFormat::kJson));
}

TEST_F(MergeFilesTest, WhatCannotBeMergedIsSaidAndListedWithItsKind) {
  const Report a = Analyze("CBEngine1.errlog",
                           "0AB0\t0974\t01/03\t10:00:00.000\t71\tx.cpp(1)\t\t\tWARNING\tx\n");
  const std::string good = Write("a.json", Render(a, ReportFormat::kJson));
  const std::string again = Write("a-again.json", Render(a, ReportFormat::kJson));
  const std::string text = Write("notes.txt", "not a report\n");
  const std::string missing = (dir_ / "gone.json").string();
  const MergedReports m = MergeReportFiles({good, missing, text, again});
  EXPECT_FALSE(m.complete);
  ASSERT_EQ(m.notes.size(), 3u);
  EXPECT_EQ(m.notes[0].file, missing);
  EXPECT_FALSE(m.notes[0].merged);
  EXPECT_EQ(m.notes[1].file, text);
  EXPECT_FALSE(m.notes[1].merged);
  EXPECT_THAT(m.notes[1].message, HasSubstr("not a JSON document"));
  EXPECT_EQ(m.notes[2].file, again);
  EXPECT_TRUE(m.notes[2].merged);  // nothing new in it: a remark, not an error
  EXPECT_THAT(m.notes[2].message, HasSubstr("in the merge already"));
  ASSERT_EQ(m.report.errors.size(), 2u);
  EXPECT_EQ(m.report.errors[0].path, missing);
  EXPECT_EQ(m.report.errors[0].code, absl::StatusCode::kNotFound);
  EXPECT_EQ(m.report.errors[1].path, text);
  EXPECT_EQ(m.report.errors[1].code, absl::StatusCode::kInvalidArgument);
  for (const ReportError& e : m.report.errors) EXPECT_THAT(e.message, HasSubstr("not merged:"));
  // The good report is in, once.
  EXPECT_EQ(m.report.findings.size(), a.findings.size());
  for (const auto& [id, f] : a.findings) EXPECT_EQ(m.report.findings.at(id).count, f.count);
}

}  // namespace
}  // namespace loganalyze
