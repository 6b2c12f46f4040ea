#include "parse/pasted_errlog_parser.h"

#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reference_lines.h"
#include "test_util.h"

namespace loganalyze::internal {
namespace {

using ::loganalyze::testing::Collapse;
using ::loganalyze::testing::OwnedRecord;
using ::testing::ElementsAre;
using ::testing::Field;

// The parser fed line by line from a buffer that is overwritten after each line, as the
// decoder's is: whatever the parser keeps, it must copy.
class PastedErrlogParserTest : public ::testing::Test {
 protected:
  explicit PastedErrlogParserTest(size_t max_message_bytes = 1 << 20)
      : options_(MessageLimit(max_message_bytes)),
        parser_(options_, YearResolver(2026, std::nullopt, 0), &stats_, &sink_) {}

  static ReadOptions MessageLimit(size_t bytes) {
    ReadOptions o;
    o.max_message_bytes = bytes;
    return o;
  }

  void Feed(std::string_view text) {
    buffer_.assign(text);
    Line line;
    line.text = buffer_;
    line.number = ++lines_;
    parser_.OnLine(line);
    buffer_.assign(buffer_.size(), '#');
  }
  const std::vector<OwnedRecord>& Finish() {
    parser_.Finish();
    stats_.lines = lines_;
    return sink_.records;
  }

  ReadOptions options_;
  InputStats stats_;
  testing::CollectingSink sink_;
  PastedErrlogParser parser_;
  std::string buffer_;
  uint64_t lines_ = 0;
};

const std::string kRecord = Collapse(testing::kMarsProgress);

TEST_F(PastedErrlogParserTest, ANotepadHitContinuesOnlyOnTheNextLineNumber) {
  Feed("\tLine 28: " + kRecord);
  Feed("\tLine 29:    at Microsoft.Internal.CloudBackup.Foo()");
  Feed("\tLine 30:    at Microsoft.Internal.CloudBackup.Bar()");
  Feed("\tLine 41:    at Microsoft.Internal.CloudBackup.Baz()");  // another place in the file
  Feed("\tLine 42:    at Microsoft.Internal.CloudBackup.Qux()");
  const auto& r = Finish();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].line_count, 3u);
  EXPECT_EQ(r[0].message,
            "Backup Progress: Prebackup started.\n"
            "at Microsoft.Internal.CloudBackup.Foo()\n"
            "at Microsoft.Internal.CloudBackup.Bar()");
  EXPECT_EQ(stats_.continuation_lines, 2u);
  EXPECT_EQ(stats_.unparsed_lines, 2u);
  EXPECT_TRUE(stats_.Balanced());
  EXPECT_EQ(parser_.pasted_layout().Describe(), "Notepad++ Find All excerpt, whitespace collapsed");
}

TEST_F(PastedErrlogParserTest, ARecordWithoutPrefixTakesEveryLineAfterIt) {
  Feed(kRecord);
  Feed("   at Microsoft.Internal.CloudBackup.Foo()");
  Feed("Microsoft.Internal.Bar: not a findstr prefix here");
  Feed("Line 12: nor a Notepad++ one");
  const auto& r = Finish();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].line_count, 4u);
  EXPECT_THAT(r[0].message, ::testing::EndsWith("\nLine 12: nor a Notepad++ one"));
  EXPECT_TRUE(stats_.Balanced());
}

TEST_F(PastedErrlogParserTest, FindstrLinesContinueWithinTheirFile) {
  Feed("CBEngineCurr.errlog:" + kRecord);
  Feed("CBEngineCurr.errlog:   at Foo()");
  Feed("CBEngine1.errlog:   at Bar()");
  Feed("CBEngine1.errlog:12:" + kRecord);
  Feed("CBEngine1.errlog:14:   at Baz()");
  const auto& r = Finish();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].message, "Backup Progress: Prebackup started.\n   at Foo()");
  EXPECT_EQ(r[1].message, "Backup Progress: Prebackup started.");
  EXPECT_EQ(stats_.unparsed_lines, 2u);
  EXPECT_TRUE(stats_.Balanced());
  EXPECT_EQ(parser_.pasted_layout().Describe(), "findstr output, whitespace collapsed");
}

TEST_F(PastedErrlogParserTest, HeadingsAreStructureAndEndTheRecord) {
  Feed("Search \"Prebackup\" (2 hits in 2 files of 2 searched)");
  Feed("  D:\\case\\CBEngine1.errlog (1 hit)");
  Feed("\tLine 28: " + std::string(testing::kMarsProgress));
  Feed("  D:\\case\\CBEngine2.errlog (1 hit)");
  Feed("\tLine 29:    at Foo()");  // line 29 of another file
  Feed("");
  const auto& r = Finish();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].line, 3u);
  EXPECT_EQ(r[0].line_count, 1u);
  EXPECT_EQ(stats_.structure_lines, 4u);
  EXPECT_EQ(stats_.unparsed_lines, 1u);
  EXPECT_TRUE(stats_.Balanced());
  // Tabs kept: only the Notepad++ prefix is pasted.
  EXPECT_EQ(parser_.pasted_layout().Describe(), "Notepad++ Find All excerpt");
}

TEST_F(PastedErrlogParserTest, RecordsRunTogetherAreDeliveredInOrderWithTheirColumns) {
  Feed(testing::kOfflineSeedingRun);
  Feed("   at Microsoft.Internal.CloudBackup.Foo()");
  const auto& r = Finish();
  EXPECT_THAT(r, ElementsAre(Field(&OwnedRecord::source, "AzureServiceManagementHelper.cs(320)"),
                             Field(&OwnedRecord::source, "backupasync.cpp(1589)"),
                             Field(&OwnedRecord::source, "backupasync.cpp(1607)"),
                             Field(&OwnedRecord::source, "backupasync.cpp(1184)")));
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].level, Level::kFatal);
  EXPECT_EQ(r[0].time, "2026-10-21T21:02:21.611");
  EXPECT_EQ(r[1].object, "[000000001B73B830]");
  EXPECT_EQ(r[1].task_id, "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134");
  // The continuation belongs to the last record of the line.
  EXPECT_EQ(r[2].line_count, 1u);
  EXPECT_EQ(r[3].line_count, 2u);
  EXPECT_THAT(r[3].message, ::testing::StartsWith("Failed: Hr: = [0x80780054]"));
  EXPECT_EQ(stats_.records, 4u);
  EXPECT_EQ(stats_.joined_records, 3u);
  EXPECT_TRUE(stats_.Balanced());
  const PastedLayout layout = parser_.pasted_layout();
  EXPECT_TRUE(layout.several_per_line);
  EXPECT_TRUE(layout.collapsed);
  EXPECT_FALSE(layout.excel_times);
}

TEST_F(PastedErrlogParserTest, ImpossibleDatesAreUnparsedAndListed) {
  Feed(kRecord);
  Feed("0AB0 0974 09/31 13:16:29.206 18 x.cpp(1) WARNING Failed: Hr: = [0x80070005]");
  Feed("   at Foo()");
  Feed("\tLine 7: 0900 31-Jun 4:00:45 PM csvapi.cpp(400) WARNING m");
  const auto& r = Finish();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].line_count, 1u);
  EXPECT_EQ(stats_.unparsed_lines, 3u);
  EXPECT_EQ(parser_.impossible_date_lines()->count, 2u);
  EXPECT_THAT(parser_.impossible_date_lines()->line_numbers, ElementsAre(2u, 4u));
  EXPECT_TRUE(stats_.Balanced());
}

class PastedErrlogParserLimitTest : public PastedErrlogParserTest {
 protected:
  PastedErrlogParserLimitTest() : PastedErrlogParserTest(60) {}
};

TEST_F(PastedErrlogParserLimitTest, ContinuationsStopAtTheMessageLimit) {
  Feed(kRecord);
  for (int i = 0; i < 10; ++i) Feed("   at Frame" + std::to_string(i) + "()");
  const auto& r = Finish();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_TRUE(r[0].truncated);
  EXPECT_LE(r[0].message.size(), 60u);
  EXPECT_EQ(r[0].line_count, 11u);
  EXPECT_TRUE(stats_.Balanced());
}

}  // namespace
}  // namespace loganalyze::internal
