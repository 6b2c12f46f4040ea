#include "parse/format_detector.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reference_lines.h"

namespace loganalyze::internal {
namespace {

TEST(FormatDetectorTest, FromName) {
  EXPECT_EQ(FormatFromName("CBEngineCurr.errlog"), Format::kErrlog);
  EXPECT_EQ(FormatFromName("Temp/CBEngine12.ERRLOG"), Format::kErrlog);
  EXPECT_EQ(FormatFromName("C:\\DPM\\Temp\\MSDPMCurr.errlog.2016-06-01_20-55-45.Crash"),
            Format::kErrlog);
  EXPECT_EQ(FormatFromName("LastBackupFailedFiles17af1_7_21_2020_1230.txt"),
            Format::kFailedFiles);
  EXPECT_EQ(FormatFromName("bundle/lastbackupfailedfiles_1_2_2026.TXT"), Format::kFailedFiles);
  EXPECT_EQ(FormatFromName("engine-excerpt.log"), std::nullopt);
  EXPECT_EQ(FormatFromName("notes.txt"), std::nullopt);
  EXPECT_EQ(FormatFromName("errlog"), std::nullopt);
}

TEST(FormatDetectorTest, FromContent) {
  EXPECT_EQ(FormatFromContent({"", "06/07\t01:23:25.640\t71\tbackupasync.cpp(1279)\t\t\tNORMAL\tx"}),
            Format::kErrlog);
  EXPECT_EQ(FormatFromContent({"Consider adding these to exclusion list of backup policy.---",
                               "D:\\a.txt\t0x80070005"}),
            Format::kFailedFiles);
  EXPECT_EQ(FormatFromContent({"2026-01-04 10:00:00 setup started", "ERROR something"}),
            Format::kText);
  EXPECT_EQ(FormatFromContent({}), Format::kText);
}

TEST(FormatDetectorTest, PastedExcerptsAreErrlogs) {
  const std::string notepad_hit = "\tLine 28: " + std::string(testing::kMarsRestore1);
  const std::string findstr_hit = "CBEngineCurr.errlog:" + std::string(testing::kMarsRestore1);
  const std::string collapsed = testing::Collapse(testing::kDpmCrashLine);
  const std::string heading = "Search \"0x8000ffff\" (2 hits in 1 file of 1 searched)";
  for (const std::vector<std::string_view>& lines : std::vector<std::vector<std::string_view>>{
           {heading, "  C:\\Temp\\CBEngineCurr.errlog (2 hits)", notepad_hit},
           {findstr_hit},
           {testing::kCsvFindstr1, testing::kCsvFindstr2},
           {"", collapsed},
           {"pasted from the case:", testing::kOfflineSeedingRun},
           {testing::kDpmraCollapsed}}) {
    EXPECT_EQ(FormatFromContent(lines), Format::kErrlog) << lines.back();
    EXPECT_EQ(ErrlogLayoutFromContent(lines), ErrlogLayout::kPasted) << lines.back();
  }
}

TEST(FormatDetectorTest, TheFirstRecordDecidesTheLayout) {
  const std::string collapsed = testing::Collapse(testing::kDpmCrashLine);
  EXPECT_EQ(ErrlogLayoutFromContent({"Trace started", testing::kDpmCrashLine, collapsed}),
            ErrlogLayout::kWritten);
  EXPECT_EQ(ErrlogLayoutFromContent({collapsed, testing::kDpmCrashLine}), ErrlogLayout::kPasted);
  EXPECT_EQ(ErrlogLayoutFromContent({"Trace started", ""}), ErrlogLayout::kUnknown);
  EXPECT_EQ(LineLayout(testing::kMarsProgress), ErrlogLayout::kWritten);
  EXPECT_EQ(LineLayout("> " + std::string(testing::kMarsProgress)), ErrlogLayout::kPasted);
  // A Notepad++ heading alone, or a head with a date that no year has, is no record.
  EXPECT_EQ(LineLayout("Search \"x\" (1 hit in 1 file of 1 searched)"), ErrlogLayout::kUnknown);
  EXPECT_EQ(LineLayout("0AB0 0974 04/31 13:16:29.206 18 x.cpp(1) WARNING m"),
            ErrlogLayout::kUnknown);
}

TEST(FormatDetectorTest, TextThatLooksAlmostPastedStaysText) {
  EXPECT_EQ(FormatFromContent({"[04.01.2026 10:00:00] Info : DPM setup started",
                               "[04.01.2026 10:00:01] Error : prerequisite missing",
                               "Search \"x\" (1 hit in 1 file of 1 searched)",
                               "notes.txt: see 0x80070005 at 13:16:29",
                               "Line 12: the agent was restarted",
                               "WARNING Exception in GetAADToken | Params: {Data = }"}),
            Format::kText);
}

}  // namespace
}  // namespace loganalyze::internal
