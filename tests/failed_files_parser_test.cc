#include "parse/failed_files_parser.h"

#include "gtest/gtest.h"

namespace loganalyze::internal {
namespace {

TEST(FailedFilesNameTest, DateFromName) {
  EXPECT_EQ(DateFromFailedFilesName("LastBackupFailedFiles17af1_7_21_2020_1230.txt").ToString(),
            "2020-07-21T00:00:00.000");
  EXPECT_EQ(DateFromFailedFilesName("C:\\Temp\\LastBackupFailedFilesab_12_3_2025.txt").ToString(),
            "2025-12-03T00:00:00.000");
  EXPECT_FALSE(DateFromFailedFilesName("LastBackupFailedFiles.txt").is_set());
  EXPECT_FALSE(DateFromFailedFilesName("LastBackupFailedFiles17af1_13_1_2020.txt").is_set());
}

struct Case {
  std::string_view line, path, code;
};

TEST(FailedItemTest, Layouts) {
  const Case cases[] = {
      {"D:\\Shares\\Finance\\ledger.xlsx\t0x80070020", "D:\\Shares\\Finance\\ledger.xlsx",
       "0x80070020"},
      {"0x80070005\tD:\\a b\\c.pst", "D:\\a b\\c.pst", "0x80070005"},
      {"D:\\Shares\\mail\\box.pst (Error: 0x80070005)", "D:\\Shares\\mail\\box.pst",
       "0x80070005"},
      {"D:\\x (1)\\y.doc (0x80070570)", "D:\\x (1)\\y.doc", "0x80070570"},
      {"C:\\Users\\a\\OneDrive\\f.docx Error 0x8007018B", "C:\\Users\\a\\OneDrive\\f.docx",
       "0x8007018B"},
      {"C:\\data\\f.txt -2147024891", "C:\\data\\f.txt", "-2147024891"},
      {"C:\\data\\f.txt, hr = [0x80070002]", "C:\\data\\f.txt", "0x80070002"},
      {"80070003 C:\\gone\\dir", "C:\\gone\\dir", "80070003"},
      {"  E:\\just a path\\no code.txt  ", "E:\\just a path\\no code.txt", ""},
      {"E:\\Reports (2024)\\summary.pdf", "E:\\Reports (2024)\\summary.pdf", ""},
      {"E:\\Photos 2024", "E:\\Photos 2024", ""},
      {"E:\\Photos 2024\t5", "E:\\Photos 2024", "5"},
  };
  for (const Case& c : cases) {
    std::string_view path, code;
    const bool has_code = SplitFailedItem(c.line, &path, &code);
    EXPECT_EQ(has_code, !c.code.empty()) << c.line;
    EXPECT_EQ(path, c.path) << c.line;
    EXPECT_EQ(code, c.code) << c.line;
  }
}

TEST(FailedFilesHeaderTest, Header) {
  EXPECT_TRUE(IsFailedFilesHeader(
      "Consider adding these to exclusion list of backup policy.----------------------------------"
      "------------"));
  EXPECT_FALSE(IsFailedFilesHeader("D:\\Consider adding these.txt\t0x80070005"));
}

}  // namespace
}  // namespace loganalyze::internal
