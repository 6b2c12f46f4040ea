#include "parse/pasted_line.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reference_lines.h"

namespace loganalyze::internal {
namespace {

constexpr int Millis(int h, int m, int s, int ms) { return ((h * 60 + m) * 60 + s) * 1000 + ms; }

// The records of `text`, expecting kRecords.
std::vector<PastedRecord> Records(std::string_view text) {
  std::vector<PastedRecord> records;
  EXPECT_EQ(ParsePastedText(text, &records), PastedText::kRecords) << text;
  return records;
}

TEST(PastedPrefixTest, NotepadFindAll) {
  const std::string hit = "\tLine 28: " + std::string(testing::kMarsRestore1);
  const PastedPrefix p = ParsePastedPrefix(hit);
  EXPECT_EQ(p.tool, PasteTool::kNotepadFindAll);
  EXPECT_EQ(p.line_number, 28u);
  EXPECT_EQ(hit.substr(p.length), testing::kMarsRestore1);
  // As the issue quotes it (no tab), and collapsed.
  EXPECT_EQ(ParsePastedPrefix("Line 56: 0AB0\t0974").length, 9u);
  EXPECT_EQ(ParsePastedPrefix(" Line 56: 0AB0 0974").line_number, 56u);
  EXPECT_EQ(ParsePastedPrefix("Line up: the queue").tool, PasteTool::kNone);
}

TEST(PastedPrefixTest, Findstr) {
  const PastedPrefix p = ParsePastedPrefix(testing::kCsvFindstr1);
  EXPECT_EQ(p.tool, PasteTool::kFindstr);
  EXPECT_EQ(p.file, "N2-DPMRACurr.errlog");
  EXPECT_EQ(p.line_number, 0u);
  EXPECT_TRUE(testing::kCsvFindstr1.substr(p.length).starts_with("0900  9-May"));

  const PastedPrefix n = ParsePastedPrefix("CBEngineCurr.errlog:123:0AB0\t0974\t08/04");
  EXPECT_EQ(n.file, "CBEngineCurr.errlog");
  EXPECT_EQ(n.line_number, 123u);
  EXPECT_EQ(n.length, 24u);

  // A full path with a drive letter and spaces; a .Crash copy; /N over a single file.
  const std::string path =
      "C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Temp\\CBEngineCurr.errlog:";
  EXPECT_EQ(ParsePastedPrefix(path + "0AB0 0974").length, path.size());
  EXPECT_EQ(ParsePastedPrefix("MSDPMCurr.errlog.2016-06-01_20-55-45.Crash:180C\t280C").file,
            "MSDPMCurr.errlog.2016-06-01_20-55-45.Crash");
  const PastedPrefix one = ParsePastedPrefix("4711:0AB0\t0974");
  EXPECT_EQ(one.tool, PasteTool::kFindstr);
  EXPECT_EQ(one.line_number, 4711u);
  EXPECT_EQ(one.file, "");

  // No name with an extension before a colon; a tab before it.
  EXPECT_EQ(ParsePastedPrefix("C:\\Temp\\x is gone: retry").tool, PasteTool::kNone);
  EXPECT_EQ(ParsePastedPrefix(testing::kMarsRestore1).tool, PasteTool::kNone);
  EXPECT_EQ(ParsePastedPrefix("   at Microsoft.Internal.CloudBackup.Foo()").tool, PasteTool::kNone);
}

TEST(PastedLineTest, NotepadFindAllHeadings) {
  EXPECT_TRUE(IsNotepadFindAllHeading("Search \"Failed\" (12 hits in 1 file of 1 searched)"));
  EXPECT_TRUE(
      IsNotepadFindAllHeading("Search \"0x8000ffff\" (2 hits in 1 file of 1 searched) [Normal]"));
  EXPECT_TRUE(IsNotepadFindAllHeading(
      "  C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Temp\\CBEngineCurr.errlog "
      "(12 hits)"));
  EXPECT_TRUE(IsNotepadFindAllHeading(" D:\\case\\CBEngine3.errlog (1 hit)"));
  EXPECT_FALSE(IsNotepadFindAllHeading("Search for the string (and more)"));
  EXPECT_FALSE(IsNotepadFindAllHeading("the cache (full hits)"));
  EXPECT_FALSE(IsNotepadFindAllHeading(testing::kMarsRestore1));
}

TEST(PastedLineTest, WrittenLayoutAfterAPrefixIsOneRecord) {
  const std::vector<PastedRecord> r = Records(testing::kMarsRestore1);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].head.pid, "0AB0");
  EXPECT_EQ(r[0].head.object, "[0000000053582120]");
  EXPECT_EQ(r[0].head.level, Level::kWarning);
  EXPECT_FALSE(r[0].collapsed);
  EXPECT_FALSE(r[0].excel_time);
  EXPECT_TRUE(r[0].message.starts_with("Failed: Hr: = [0x8000ffff] BackupRead failed"));
  EXPECT_TRUE(r[0].message.ends_with("Loan Agreement Oct 02.DOC)"));
}

TEST(PastedLineTest, CollapsedLineWithoutTaskGuid) {
  const std::vector<PastedRecord> r = Records(testing::kDpmraCollapsed);
  ASSERT_EQ(r.size(), 1u);
  const ErrlogHead& h = r[0].head;
  EXPECT_EQ(h.pid, "0990");
  EXPECT_EQ(h.tid, "17D8");
  EXPECT_EQ(h.month, 11);
  EXPECT_EQ(h.day, 5);
  EXPECT_EQ(h.millis_of_day, Millis(13, 2, 42, 416));
  EXPECT_EQ(h.module, "31");
  EXPECT_EQ(h.source, "vsssnapshotrequestor.cpp(585)");
  EXPECT_EQ(h.object, "[00000000003970D0]");
  EXPECT_EQ(h.task_id, "");
  EXPECT_EQ(h.level, Level::kInfo);
  EXPECT_TRUE(r[0].collapsed);
  EXPECT_TRUE(r[0].message.starts_with("CVssSnapshotRequestor:: ProviderId:[{2F900F90"));
  EXPECT_EQ(testing::kDpmraCollapsed.substr(h.message_pos), r[0].message);
}

TEST(PastedLineTest, FourRecordsRunTogetherAreSplit) {
  const std::vector<PastedRecord> r = Records(testing::kOfflineSeedingRun);
  ASSERT_EQ(r.size(), 4u);
  for (const PastedRecord& x : r) {
    EXPECT_EQ(x.head.pid, "44B4");
    EXPECT_EQ(x.head.tid, "3968");
    EXPECT_EQ(x.head.millis_of_day, Millis(21, 2, 21, 611));
    EXPECT_EQ(x.head.task_id, "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134");
    EXPECT_TRUE(x.collapsed);
  }
  EXPECT_EQ(r[0].head.module, "69");
  EXPECT_EQ(r[0].head.source, "AzureServiceManagementHelper.cs(320)");
  EXPECT_EQ(r[0].head.object, "");  // a managed line has no pointer column
  EXPECT_EQ(r[0].head.level, Level::kFatal);
  EXPECT_EQ(r[0].message, "GetImportJobStatus:: Import job with name 'ImportJobName' is not found");
  EXPECT_EQ(r[1].head.source, "backupasync.cpp(1589)");
  EXPECT_EQ(r[1].head.level, Level::kInfo);
  EXPECT_EQ(r[1].message,
            "PollAzureImportJob :: Import Job: 'ImportJobName' is in pending state: '1'");
  // "1b7afbe0" before the next head is a code of the message, not that head's PID.
  EXPECT_EQ(r[2].head.level, Level::kWarning);
  EXPECT_EQ(r[2].message, "PollAzureImportJob failed with error code: 1b7afbe0");
  EXPECT_EQ(r[3].head.source, "backupasync.cpp(1184)");
  EXPECT_EQ(r[3].head.object, "[000000001B73B830]");
  EXPECT_EQ(r[3].message, "Failed: Hr: = [0x80780054] Offline Backup Progress: Failed\" .....");
}

TEST(PastedLineTest, FindstrCopyWithExcelTimes) {
  const PastedPrefix p = ParsePastedPrefix(testing::kCsvFindstr1);
  std::vector<PastedRecord> r = Records(testing::kCsvFindstr1.substr(p.length));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].head.pid, "0900");
  EXPECT_EQ(r[0].head.tid, "");
  EXPECT_EQ(r[0].head.month, 5);
  EXPECT_EQ(r[0].head.day, 9);
  EXPECT_EQ(r[0].head.millis_of_day, Millis(16, 0, 45, 0));
  EXPECT_EQ(r[0].head.module, "");
  EXPECT_EQ(r[0].head.source, "csvapi.cpp(400)");
  EXPECT_EQ(r[0].head.level, Level::kWarning);
  EXPECT_TRUE(r[0].excel_time);
  EXPECT_TRUE(r[0].collapsed);
  EXPECT_EQ(r[0].message,
            "Failed: Hr: = [0x8007173d] : ClusterPrepareSharedVolumeForBackup for "
            "C:\\ClusterStorage\\Volume1\\ failed");

  const PastedPrefix q = ParsePastedPrefix(testing::kCsvFindstr2);
  r = Records(testing::kCsvFindstr2.substr(q.length));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].head.pid, "0CF4");
  EXPECT_EQ(r[0].head.millis_of_day, Millis(16, 1, 6, 0));
  EXPECT_EQ(r[0].head.level, Level::kInfo);
  EXPECT_TRUE(r[0].message.starts_with("\"CVssSnapshotRequestor:: ProviderId:"));
}

TEST(PastedLineTest, ExcelTimesOfDay) {
  const std::string tail = " x.cpp(1) WARNING m";
  for (auto [text, millis] : {std::pair{"12:05:00 AM", Millis(0, 5, 0, 0)},
                              {"12:05:00 PM", Millis(12, 5, 0, 0)},
                              {"1:00:00 am", Millis(1, 0, 0, 0)},
                              {"11:59:59 pm", Millis(23, 59, 59, 0)},
                              {"7:08:09", Millis(7, 8, 9, 0)},
                              {"7:08:09.5", Millis(7, 8, 9, 500)}}) {
    const std::string line = "0AB0 21-Oct " + std::string(text) + tail;
    const std::vector<PastedRecord> r = Records(line);
    ASSERT_EQ(r.size(), 1u) << line;
    EXPECT_EQ(r[0].head.millis_of_day, millis) << line;
    EXPECT_EQ(r[0].head.month, 10);
    EXPECT_EQ(r[0].head.day, 21);
    EXPECT_EQ(r[0].message, "m");
  }
  std::vector<PastedRecord> r;
  for (const char* bad :
       {"0AB0 21-Oct 13:00:00 PM x.cpp(1) WARNING m", "0AB0 21-Oct 0:00:00 AM x.cpp(1) WARNING m",
        "0AB0 21-Oct 24:00:00 x.cpp(1) WARNING m", "0AB0 21-Okt 10:00:00 x.cpp(1) WARNING m"}) {
    EXPECT_EQ(ParsePastedText(bad, &r), PastedText::kOther) << bad;
  }
}

TEST(PastedLineTest, CollapsingAReferenceLineKeepsEveryColumn) {
  for (std::string_view line :
       {testing::kDpmCrashLine, testing::kDpmCrashCause, testing::kMarsRestore1,
        testing::kMarsRestore2, testing::kMarsProgress}) {
    ErrlogHead written;
    ASSERT_TRUE(ParseErrlogHead(line, &written));
    const std::string collapsed = testing::Collapse(line);
    const std::vector<PastedRecord> r = Records(collapsed);
    ASSERT_EQ(r.size(), 1u) << collapsed;
    const ErrlogHead& h = r[0].head;
    EXPECT_EQ(h.pid, written.pid);
    EXPECT_EQ(h.tid, written.tid);
    EXPECT_EQ(h.month * 100 + h.day, written.month * 100 + written.day);
    EXPECT_EQ(h.millis_of_day, written.millis_of_day);
    EXPECT_EQ(h.module, written.module);
    EXPECT_EQ(h.source, written.source);
    EXPECT_EQ(h.object, written.object);
    EXPECT_EQ(h.task_id, written.task_id);
    EXPECT_EQ(h.level, written.level);
    EXPECT_EQ(r[0].message, testing::Collapse(line.substr(written.message_pos)));
    EXPECT_TRUE(r[0].collapsed);
  }
}

TEST(PastedLineTest, DecorationBeforeARecordIsSkipped) {
  const std::string collapsed = testing::Collapse(testing::kMarsProgress);
  for (const char* prefix : {"> ", "... ", "* ", "\xE2\x80\xA6 ", "  "}) {
    const std::string line = prefix + collapsed;  // outlives the records' views
    const std::vector<PastedRecord> r = Records(line);
    ASSERT_EQ(r.size(), 1u) << prefix;
    EXPECT_EQ(r[0].message, "Backup Progress: Prebackup started.");
  }
  std::vector<PastedRecord> r;
  EXPECT_EQ(ParsePastedText("see: " + collapsed, &r), PastedText::kOther);
  EXPECT_EQ(ParsePastedText(std::string(17, '.') + collapsed, &r), PastedText::kOther);
}

TEST(PastedLineTest, RecordsAreSplitOnlyAtHeadsWithALevelWord) {
  // A date, time and source inside a message without a level word after them stay message.
  const std::vector<PastedRecord> r = Records(
      "0AB0 0974 08/04 13:16:29.206 18 x.cpp(1) WARNING retry of 0AB0 0974 08/04 "
      "13:16:29.206 18 x.cpp(1) done deleted cafe 0900 9-May 4:00:45 PM csvapi.cpp(400) "
      "WARNING next");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].message, "retry of 0AB0 0974 08/04 13:16:29.206 18 x.cpp(1) done deleted cafe");
  EXPECT_EQ(r[1].head.pid, "0900");  // "cafe" is a word, not a PID
  EXPECT_EQ(r[1].head.tid, "");
  EXPECT_EQ(r[1].message, "next");
}

TEST(PastedLineTest, CollapsedHeadWithoutLevelWord) {
  const std::vector<PastedRecord> r =
      Records("06/07 01:23:25.640 71 backupasync.cpp(1279) [000000001A12E3F0] odd text");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].head.level, Level::kNone);
  EXPECT_EQ(r[0].head.object, "[000000001A12E3F0]");
  EXPECT_EQ(r[0].message, "odd text");
}

TEST(PastedLineTest, DatesThatNoYearHasAreRecognised) {
  std::vector<PastedRecord> r;
  for (const char* line : {"0AB0 0974 04/31 13:16:29.206 18 x.cpp(1) WARNING m",
                           "0900 31-Apr 4:00:45 PM csvapi.cpp(400) WARNING m",
                           "0AB0\t0974\t13/01\t13:16:29.206\t18\tx.cpp(1)\t\tWARNING\tm",
                           "> 02/30 13:16:29.206 18 x.cpp(1) NORMAL m"}) {
    EXPECT_EQ(ParsePastedText(line, &r), PastedText::kImpossibleDate) << line;
    EXPECT_TRUE(r.empty());
  }
  EXPECT_EQ(ParsePastedText("0900 29-Feb 4:00:45 PM csvapi.cpp(400) WARNING m", &r),
            PastedText::kRecords);
  // A time that does not exist either: no head at all.
  EXPECT_EQ(ParsePastedText("0AB0 0974 04/31 25:16:29.206 18 x.cpp(1) WARNING m", &r),
            PastedText::kOther);
}

TEST(PastedLineTest, OtherTextIsNoRecord) {
  std::vector<PastedRecord> r;
  for (const char* line :
       {"   at Microsoft.Internal.CloudBackup.Client.Connect()", "",
        "[04.01.2026 10:00:00] Info : DPM setup started", "2026-01-04 10:00:00 setup started",
        "0AB0 0974 08/04 13:16:29.206 18 no source here",
        "Search \"Failed\" (12 hits in 1 file of 1 searched)",
        "WARNING Exception in GetAADToken | Params: {Data = }{Message = AADSTS500021"}) {
    EXPECT_EQ(ParsePastedText(line, &r), PastedText::kOther) << line;
  }
}

TEST(PastedLineTest, HeadViewsLieInTheText) {
  const std::string text(testing::kOfflineSeedingRun);
  const std::vector<PastedRecord> r = Records(text);
  for (const PastedRecord& x : r) {
    for (std::string_view v : {x.head.pid, x.head.tid, x.head.module, x.head.source, x.head.object,
                               x.head.task_id, x.message}) {
      if (v.empty()) continue;
      EXPECT_GE(v.data(), text.data());
      EXPECT_LE(v.data() + v.size(), text.data() + text.size());
    }
  }
  EXPECT_EQ(r.size(), 4u);
}

}  // namespace
}  // namespace loganalyze::internal
