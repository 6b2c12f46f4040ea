#include "parse/format_detector.h"

#include "gtest/gtest.h"

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

}  // namespace
}  // namespace loganalyze::internal
