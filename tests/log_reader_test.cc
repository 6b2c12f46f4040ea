#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/reader.h"
#include "loganalyze/status_text.h"
#include "parse/parser.h"
#include "reference_lines.h"
#include "test_util.h"

namespace loganalyze {
namespace {

using ::loganalyze::testing::Collapse;
using ::loganalyze::testing::kCsvFindstr1;
using ::loganalyze::testing::kCsvFindstr2;
using ::loganalyze::testing::kDpmraCollapsed;
using ::loganalyze::testing::kMarsProgress;
using ::loganalyze::testing::kMarsRestore1;
using ::loganalyze::testing::kMarsRestore2;
using ::loganalyze::testing::kOfflineSeedingRun;
using ::loganalyze::testing::OwnedRecord;
using ::loganalyze::testing::ReadBytes;
using ::loganalyze::testing::ReadResult;
using ::loganalyze::testing::ToUtf16;
using ::loganalyze::testing::UnixSeconds;
using ::testing::ElementsAre;
using ::testing::Field;

// A small MARS log: a preamble line, records in both layouts, a managed stack trace
// (continuation lines), a blank line, and a last line without a newline.
const std::string kErrlog =
    "Trace session started\r\n"
    "0AB0\t0974\t12/31\t23:59:58.100\t71\tbackupasync.cpp(1279)\t[000000001A12E3F0]\t"
    "F3E32129-DC79-4A28-9ACC-3F30CB5810B6\tNORMAL\tBackup Progress: Prebackup started.\r\n"
    "0AB0\t0974\t12/31\t23:59:59.900\t69\tCloudStorage.cs(88)\t"
    "F3E32129-DC79-4A28-9ACC-3F30CB5810B6\tWARNING\tException in GetAADToken\r\n"
    "   at Microsoft.Internal.CloudBackup.Auth.GetToken()\r\n"
    "   at Microsoft.Internal.CloudBackup.Client.Connect()\r\n"
    "\r\n"
    "0AB0\t0974\t01/01\t00:00:01.000\t71\tbackupasync.cpp(1184)\t[000000001A12E3F0]\t"
    "F3E32129-DC79-4A28-9ACC-3F30CB5810B6\t\tWARNING\tFailed: Hr: = [0x80070005] 複本\r\n"
    "0AB0\t0974\t01/02\t08:00:00.000\t71\tbackupasync.cpp(1338)\t\t\tNORMAL\tdone";

InputInfo ErrlogInfo() {
  InputInfo info;
  info.name = "CBEngineCurr.errlog";
  info.mtime = UnixSeconds(2026, 1, 2) + 9 * 3600;
  return info;
}

TEST(LogReaderTest, ParsesErrlogRecordsAndContinuations) {
  const ReadResult r = ReadBytes(ToUtf16(kErrlog), ErrlogInfo());
  EXPECT_TRUE(r.summary.status.ok());
  EXPECT_EQ(r.summary.format, Format::kErrlog);
  EXPECT_EQ(r.summary.encoding, Encoding::kUtf16Le);
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[0].time, "2025-12-31T23:59:58.100");
  EXPECT_EQ(r.records[0].line, 2u);
  EXPECT_EQ(r.records[0].offset, 2u + 2 * std::string("Trace session started\r\n").size());
  EXPECT_EQ(r.records[1].level, Level::kWarning);
  EXPECT_EQ(r.records[1].line_count, 3u);
  EXPECT_EQ(r.records[1].message,
            "Exception in GetAADToken\n"
            "   at Microsoft.Internal.CloudBackup.Auth.GetToken()\n"
            "   at Microsoft.Internal.CloudBackup.Client.Connect()");
  EXPECT_EQ(r.records[1].object, "");
  EXPECT_EQ(r.records[1].source, "CloudStorage.cs(88)");
  EXPECT_EQ(r.records[2].time, "2026-01-01T00:00:01.000");
  EXPECT_EQ(r.records[2].message, "Failed: Hr: = [0x80070005] 複本");
  EXPECT_EQ(r.records[3].task_id, "");
  EXPECT_EQ(r.records[3].message, "done");
  EXPECT_EQ(r.summary.first_time.ToString(), "2025-12-31T23:59:58.100");
  EXPECT_EQ(r.summary.last_time.ToString(), "2026-01-02T08:00:00.000");

  const InputStats& s = r.summary.stats;
  EXPECT_EQ(s.lines, 8u);
  EXPECT_EQ(s.records, 4u);
  EXPECT_EQ(s.continuation_lines, 2u);
  EXPECT_EQ(s.structure_lines, 1u);
  EXPECT_EQ(s.unparsed_lines, 1u);
  EXPECT_EQ(s.bom_bytes, 2u);
  EXPECT_EQ(s.bytes, ToUtf16(kErrlog).size());
  EXPECT_TRUE(s.Balanced());
}

ReadResult ReadWithChunk(const std::string& bytes, const InputInfo& info, size_t chunk) {
  ReadOptions options;
  options.chunk_bytes = chunk;
  options.max_line_bytes = 96;
  return ReadBytes(bytes, info, options);
}

// The differential test: any chunk size gives the same records and the same accounting.
TEST(LogReaderTest, OneByteAndLargeChunksGiveIdenticalRecords) {
  std::string text = kErrlog + "\r\n" + std::string(300, 'z') + "\r\n";
  for (int i = 0; i < 50; ++i) {
    text += "0AB0\t0974\t01/02\t08:00:" + std::to_string(10 + i % 50) +
            ".000\t71\tx.cpp(1)\t\t\tWARNING\tline " + std::to_string(i) + " caf\xC3\xA9\r\n";
    if (i % 7 == 0) text += "  continuation " + std::to_string(i) + "\n";
  }
  const std::string latin1 = "0AB0\t0974\t01/02\t08:00:00.000\t71\tx.cpp(1)\t\t\tNORMAL\tcaf\xE9\r\n";
  std::string corrupt = text;  // UTF-8 with two bad bytes: still UTF-8
  corrupt.insert(200, "\xFF");
  corrupt.insert(400, "\xC3");
  const std::pair<std::string, Encoding> inputs[] = {
      {text, Encoding::kUtf8},
      {"\xEF\xBB\xBF" + text, Encoding::kUtf8},
      {ToUtf16(text), Encoding::kUtf16Le},
      {ToUtf16(text, true, false), Encoding::kUtf16Le},
      {ToUtf16(text, false, true), Encoding::kUtf16Be},
      {latin1 + latin1, Encoding::kWindows1252},
      {corrupt, Encoding::kUtf8},
  };
  for (const auto& [bytes, encoding] : inputs) {
    const ReadResult big = ReadWithChunk(bytes, ErrlogInfo(), 64 * 1024);
    EXPECT_EQ(big.summary.encoding, encoding);
    EXPECT_TRUE(big.summary.stats.Balanced());
    EXPECT_EQ(big.summary.stats.bytes, bytes.size());
    for (size_t chunk : {1, 2, 3, 17}) {
      const ReadResult small = ReadWithChunk(bytes, ErrlogInfo(), chunk);
      EXPECT_EQ(small.records, big.records) << "chunk " << chunk;
      EXPECT_EQ(small.summary.encoding, encoding);
      EXPECT_EQ(small.summary.stats.lines, big.summary.stats.lines);
      EXPECT_EQ(small.summary.stats.line_bytes, big.summary.stats.line_bytes);
      EXPECT_EQ(small.summary.stats.truncated_lines, big.summary.stats.truncated_lines);
      EXPECT_TRUE(small.summary.stats.Balanced());
    }
  }
}

TEST(LogReaderTest, TranscodedRecordsKeepTheirTextAcrossBlankAndContinuationLines) {
  // A transcoded line is kept uncopied while the next line is read (Line::survives_next):
  // records followed by blank lines, by continuations, by impossible dates and by records,
  // read from UTF-16 and Windows-1252, give the records of the same log in UTF-8.
  const std::string head = "0AB0\t0974\t01/02\t08:00:00.000\t71\tx.cpp(1)\t\t\t";
  std::string text;
  for (int i = 0; i < 12; ++i) {
    text += head + (i % 3 == 0 ? "NORMAL" : "WARNING") + "\tmessage " + std::to_string(i) +
            std::string(static_cast<size_t>(i * 37 % 90), 'x') + " caf\xC3\xA9\r\n";
    if (i % 2 == 1) text += "\r\n";
    if (i % 4 == 2) text += "\r\n\r\n";
    if (i % 5 == 3) text += "  continued " + std::to_string(i) + "\r\n\r\n";
    if (i == 7) text += "0AB0\t0974\t04/31\t08:00:00.000\t71\tx.cpp(1)\t\t\tNORMAL\tno day\r\n";
  }
  std::string latin1 = text;
  for (size_t at; (at = latin1.find("\xC3\xA9")) != std::string::npos;) {
    latin1.replace(at, 2, "\xE9");
  }
  auto read = [](const std::string& bytes, size_t chunk) {
    ReadOptions options;  // lines are not cut: the same lines are longer in UTF-16
    options.chunk_bytes = chunk;
    return ReadBytes(bytes, ErrlogInfo(), options);
  };
  const ReadResult want = read(text, 64 * 1024);
  ASSERT_EQ(want.summary.encoding, Encoding::kUtf8);
  ASSERT_EQ(want.summary.stats.records, 12u);
  // Byte offsets differ between encodings; everything else is the same.
  auto without_offsets = [](std::vector<OwnedRecord> records) {
    for (OwnedRecord& r : records) r.offset = 0;
    return records;
  };
  for (const std::string& bytes :
       {ToUtf16(text), ToUtf16(text, true, false), ToUtf16(text, false, true), latin1}) {
    for (size_t chunk : {size_t{7}, size_t{64 * 1024}}) {
      const ReadResult got = read(bytes, chunk);
      EXPECT_NE(got.summary.encoding, Encoding::kUtf8);
      EXPECT_EQ(without_offsets(got.records), without_offsets(want.records))
          << "chunk " << chunk;
    }
  }
}

TEST(LogReaderTest, ContentDecidesWhenTheNameSaysNothing) {
  InputInfo info;
  info.name = "renamed.log";
  info.mtime = UnixSeconds(2026, 6, 8);
  const std::string text =
      "06/07\t01:23:25.640\t71\tbackupasync.cpp(1279)\t[000000001A12E3F0]\t"
      "F3E32129-DC79-4A28-9ACC-3F30CB5810B6\tNORMAL\tBackup Progress: Prebackup started.\n";
  const ReadResult r = ReadBytes(text, info);
  EXPECT_EQ(r.summary.format, Format::kErrlog);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].time, "2026-06-07T01:23:25.640");

  info.name = "notes.txt";
  const ReadResult t = ReadBytes("first line\n\nsecond 0x80070005\n", info);
  EXPECT_EQ(t.summary.format, Format::kText);
  EXPECT_THAT(t.records, ElementsAre(Field(&OwnedRecord::message, "first line"),
                                     Field(&OwnedRecord::message, "second 0x80070005")));
  EXPECT_TRUE(t.summary.stats.Balanced());
}

TEST(LogReaderTest, ForcedFormatWins) {
  InputInfo info;
  info.name = "CBEngineCurr.errlog";
  info.format = Format::kText;
  const ReadResult r = ReadBytes("06/07\t01:23:25.640\t71\tx.cpp(1)\t\t\tNORMAL\tm\n", info);
  EXPECT_EQ(r.summary.format, Format::kText);
}

TEST(LogReaderTest, ALineDatedOnADayNoYearHasIsUnparsedAndListed) {
  // 04/31 after a WARNING record: neither a record nor that record's continuation.
  const std::string text =
      "0AB0\t0974\t04/30\t23:59:58.100\t71\tx.cpp(1)\t\t\tWARNING\tFailed: Hr: = [0x80070005]\n"
      "0AB0\t0974\t04/31\t00:00:01.000\t71\tx.cpp(2)\t\t\tWARNING\tFailed: Hr: = [0x80070570]\n"
      "   at Microsoft.Internal.CloudBackup.Foo()\n"
      "0AB0\t0974\t05/01\t00:00:02.000\t71\tx.cpp(3)\t\t\tNORMAL\tnext\n"
      "02/30\t00:00:03.000\t71\tx.cpp(4)\t\t\tNORMAL\tno such day\n"
      "0AB0\t0974\t02/29\t00:00:04.000\t71\tx.cpp(5)\t\t\tNORMAL\tleap day\n";
  const ReadResult r = ReadBytes(text, ErrlogInfo(), ReadOptions{.year = 2028});
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].message, "Failed: Hr: = [0x80070005]");
  EXPECT_EQ(r.records[0].line_count, 1u);
  EXPECT_EQ(r.records[1].message, "next");
  EXPECT_EQ(r.records[2].time, "2028-02-29T00:00:04.000");
  EXPECT_EQ(r.records[2].message, "leap day");
  const InputStats& s = r.summary.stats;
  EXPECT_EQ(s.records, 3u);
  // The stack frame after the 04/31 line belongs to that line's record, which cannot be
  // dated: it is unparsed too, not glued to the 04/30 record.
  EXPECT_EQ(s.unparsed_lines, 3u);
  EXPECT_EQ(s.continuation_lines, 0u);
  EXPECT_TRUE(s.Balanced());
  EXPECT_EQ(r.summary.impossible_date_lines.count, 2u);
  EXPECT_THAT(r.summary.impossible_date_lines.line_numbers, ElementsAre(2u, 5u));
}

TEST(LogReaderTest, ImpossibleDateLinesAreCountedAllButListedBounded) {
  std::string text = "0AB0\t0974\t01/02\t08:00:00.000\t71\tx.cpp(1)\t\t\tNORMAL\tstart\n";
  for (int i = 0; i < 25; ++i) {
    text += "0AB0\t0974\t06/31\t08:00:00.000\t71\tx.cpp(1)\t\t\tNORMAL\tx\n";
  }
  const ReadResult r = ReadBytes(text, ErrlogInfo());
  EXPECT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.summary.stats.unparsed_lines, 25u);
  EXPECT_EQ(r.summary.impossible_date_lines.count, 25u);
  ASSERT_EQ(r.summary.impossible_date_lines.line_numbers.size(), ImpossibleDateLines::kMaxListed);
  EXPECT_EQ(r.summary.impossible_date_lines.line_numbers.front(), 2u);
  EXPECT_EQ(r.summary.impossible_date_lines.line_numbers.back(), 11u);
  EXPECT_TRUE(r.summary.stats.Balanced());
}

// Pasted excerpts (README, "Pasted excerpts"), built from the reference's real lines.

ReadResult ReadPasted(const std::string& text, const std::string& name, size_t chunk = 64 << 10) {
  InputInfo info;
  info.name = name;
  ReadOptions options;
  options.year = 2026;
  options.chunk_bytes = chunk;
  return ReadBytes(text, info, options);
}

const std::string kNotepadExcerpt =
    "Search \"0x8000ffff\" (2 hits in 1 file of 1 searched)\r\n"
    "  C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Temp\\CBEngineCurr.errlog "
    "(2 hits)\r\n"
    "\tLine 28: " +
    std::string(kMarsRestore1) + "\r\n" + "\tLine 56: " + std::string(kMarsRestore2) + "\r\n";

TEST(LogReaderTest, NotepadFindAllExcerptWhateverItsName) {
  for (const std::string name : {"hits.txt", "CBEngineCurr.errlog", "pasted"}) {
    for (const std::string& bytes : {kNotepadExcerpt, ToUtf16(kNotepadExcerpt)}) {
      const ReadResult r = ReadPasted(bytes, name);
      EXPECT_EQ(r.summary.format, Format::kErrlog) << name;
      EXPECT_EQ(r.summary.pasted.Describe(), "Notepad++ Find All excerpt") << name;
      ASSERT_EQ(r.records.size(), 2u) << name;
      EXPECT_EQ(r.records[0].line, 3u);
      EXPECT_EQ(r.records[0].time, "2026-08-04T13:16:29.206");
      EXPECT_EQ(r.records[1].time, "2026-08-04T13:16:29.237");
      EXPECT_EQ(r.records[0].level, Level::kWarning);
      EXPECT_EQ(r.records[0].pid, "0AB0");
      EXPECT_EQ(r.records[0].tid, "0974");
      EXPECT_EQ(r.records[0].source, "mtffile.cpp(1372)");
      EXPECT_EQ(r.records[1].object, "[0000000053581B00]");
      EXPECT_EQ(r.records[0].task_id, "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6");
      EXPECT_TRUE(r.records[1].message.starts_with("Failed: Hr: = [0x8000ffff] BackupRead"));
      const InputStats& s = r.summary.stats;
      EXPECT_EQ(s.records, 2u);
      EXPECT_EQ(s.structure_lines, 2u);
      EXPECT_EQ(s.unparsed_lines, 0u);
      EXPECT_TRUE(s.Balanced());
    }
  }
}

TEST(LogReaderTest, FindstrCopyWithExcelTimes) {
  const std::string text = std::string(kCsvFindstr1) + "\r\n" + std::string(kCsvFindstr2) + "\r\n";
  const ReadResult r = ReadPasted(text, "csv-retries.log");
  EXPECT_EQ(r.summary.format, Format::kErrlog);
  EXPECT_TRUE(r.summary.pasted.findstr);
  EXPECT_TRUE(r.summary.pasted.excel_times);
  EXPECT_TRUE(r.summary.pasted.collapsed);
  EXPECT_FALSE(r.summary.pasted.notepad_find_all);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].time, "2026-05-09T16:00:45.000");
  EXPECT_EQ(r.records[0].pid, "0900");
  EXPECT_EQ(r.records[0].source, "csvapi.cpp(400)");
  EXPECT_EQ(r.records[0].level, Level::kWarning);
  EXPECT_EQ(r.records[0].message,
            "Failed: Hr: = [0x8007173d] : ClusterPrepareSharedVolumeForBackup for "
            "C:\\ClusterStorage\\Volume1\\ failed");
  EXPECT_EQ(r.records[1].time, "2026-05-09T16:01:06.000");
  EXPECT_EQ(r.records[1].level, Level::kInfo);
  EXPECT_TRUE(r.summary.stats.Balanced());
}

TEST(LogReaderTest, FindstrWithLineNumbersAndACollapsedCopy) {
  // findstr /N over two files; then a copy of (e) with its whitespace collapsed.
  const std::string text = "CBEngineCurr.errlog:28:" + std::string(kMarsRestore1) + "\n" +
                           "CBEngine1.errlog:7:" + Collapse(kMarsProgress) + "\n" +
                           std::string(kDpmraCollapsed) + "\n";
  const ReadResult r = ReadPasted(text, "notes.txt");
  EXPECT_EQ(r.summary.pasted.Describe(), "findstr output, whitespace collapsed");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].time, "2026-08-04T13:16:29.206");
  EXPECT_EQ(r.records[1].time, "2026-06-07T01:23:25.640");
  EXPECT_EQ(r.records[1].message, "Backup Progress: Prebackup started.");
  EXPECT_EQ(r.records[2].time, "2026-11-05T13:02:42.416");
  EXPECT_EQ(r.records[2].pid, "0990");
  EXPECT_EQ(r.records[2].object, "[00000000003970D0]");
  EXPECT_EQ(r.records[2].task_id, "");
  EXPECT_TRUE(r.summary.stats.Balanced());
}

TEST(LogReaderTest, SeveralCollapsedRecordsOnOneLineAreSplit) {
  const std::string text =
      "Output of the offline seeding job:\n" + std::string(kOfflineSeedingRun) + "\n";
  for (size_t chunk : {1, 7, 64 << 10}) {
    const ReadResult r = ReadPasted(text, "KB-offline.errlog", chunk);
    EXPECT_EQ(r.summary.format, Format::kErrlog);
    EXPECT_EQ(r.summary.pasted.Describe(), "whitespace collapsed, several records per line");
    ASSERT_EQ(r.records.size(), 4u);
    for (const OwnedRecord& x : r.records) {
      EXPECT_EQ(x.line, 2u);
      EXPECT_EQ(x.time, "2026-10-21T21:02:21.611");
    }
    EXPECT_EQ(r.records[0].level, Level::kFatal);
    EXPECT_EQ(r.records[3].level, Level::kWarning);
    EXPECT_EQ(r.records[2].message, "PollAzureImportJob failed with error code: 1b7afbe0");
    const InputStats& s = r.summary.stats;
    EXPECT_EQ(s.lines, 2u);
    EXPECT_EQ(s.records, 4u);
    EXPECT_EQ(s.joined_records, 3u);
    EXPECT_EQ(s.unparsed_lines, 1u);
    EXPECT_TRUE(s.Balanced());
  }
}

TEST(LogReaderTest, ACollapsedCopyOfAnErrlogGivesTheSameRecords) {
  std::string collapsed;
  for (size_t pos = 0; pos < kErrlog.size();) {
    const size_t end = std::min(kErrlog.find('\n', pos), kErrlog.size());
    collapsed += Collapse(kErrlog.substr(pos, end - pos)) + "\n";
    pos = end + 1;
  }
  const ReadResult written = ReadBytes(kErrlog, ErrlogInfo());
  const ReadResult copy = ReadBytes(collapsed, ErrlogInfo());
  EXPECT_EQ(copy.summary.pasted.Describe(), "whitespace collapsed");
  ASSERT_EQ(copy.records.size(), written.records.size());
  for (size_t i = 0; i < copy.records.size(); ++i) {
    OwnedRecord expected = written.records[i];
    expected.message = Collapse(expected.message);
    OwnedRecord got = copy.records[i];
    got.offset = expected.offset;  // the copy is shorter
    EXPECT_EQ(got, expected) << i;
  }
  const InputStats& a = written.summary.stats;
  const InputStats& b = copy.summary.stats;
  EXPECT_EQ(b.continuation_lines, a.continuation_lines);
  EXPECT_EQ(b.unparsed_lines, a.unparsed_lines);
  EXPECT_EQ(b.structure_lines, a.structure_lines);
  EXPECT_TRUE(b.Balanced());
}

TEST(LogReaderTest, WrittenErrlogIsNotReadAsPasted) {
  const ReadResult r = ReadBytes(kErrlog, ErrlogInfo());
  EXPECT_FALSE(r.summary.pasted.any());
  EXPECT_EQ(r.records.size(), 4u);
}

TEST(LogReaderTest, ImpossibleDatesInAPastedExcerpt) {
  const std::string text = "\tLine 28: " + std::string(kMarsRestore1) + "\n" +
                           "\tLine 29: 0AB0 0974 04/31 13:16:29.300 18 x.cpp(1) WARNING no\n" +
                           "\tLine 30:    at Microsoft.Internal.CloudBackup.Foo()\n";
  const ReadResult r = ReadPasted(text, "hits.txt");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].line_count, 1u);
  EXPECT_EQ(r.summary.stats.unparsed_lines, 2u);
  EXPECT_THAT(r.summary.impossible_date_lines.line_numbers, ElementsAre(2u));
  EXPECT_TRUE(r.summary.stats.Balanced());
}

TEST(LogReaderTest, ExplicitYearOverridesTheModificationTime) {
  InputInfo info = ErrlogInfo();
  ReadOptions options;
  options.year = 2020;
  const ReadResult r = ReadBytes(kErrlog, info, options);
  ASSERT_EQ(r.records.size(), 4u);
  // Records come with a provisional year anchored on the first one; the shift corrects it.
  EXPECT_EQ(r.records[0].time, "2020-12-31T23:59:58.100");
  EXPECT_EQ(r.summary.year_shift, -1);
  EXPECT_EQ(r.summary.first_time.ToString(), "2019-12-31T23:59:58.100");
  EXPECT_EQ(r.summary.last_time.ToString(), "2020-01-02T08:00:00.000");
}

TEST(LogReaderTest, FailedFilesList) {
  const std::string header =
      "Consider adding these to exclusion list of backup policy." + std::string(46, '-');
  const std::string text = header + "\r\nD:\\Shares\\a.xlsx\t0x80070020\r\n\r\n" +
                           "D:\\Shares\\b.pst (Error: 0x80070005)\r\n" + std::string(103, '-') +
                           "\r\n";
  InputInfo info;
  info.name = "LastBackupFailedFiles17af1_1_4_2026_1230.txt";
  const ReadResult r = ReadBytes(ToUtf16(text), info);
  EXPECT_EQ(r.summary.format, Format::kFailedFiles);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].path, "D:\\Shares\\a.xlsx");
  EXPECT_EQ(r.records[0].code, "0x80070020");
  EXPECT_EQ(r.records[0].time, "2026-01-04T00:00:00.000");
  EXPECT_EQ(r.records[1].code, "0x80070005");
  EXPECT_EQ(r.summary.stats.structure_lines, 3u);
  EXPECT_TRUE(r.summary.stats.Balanced());
}

TEST(LogReaderTest, EmptyInputAndBomOnly) {
  for (const std::string& bytes : {std::string(), std::string("\xFF\xFE"), std::string("\xEF\xBB\xBF")}) {
    const ReadResult r = ReadBytes(bytes, ErrlogInfo());
    EXPECT_TRUE(r.records.empty());
    EXPECT_EQ(r.summary.stats.lines, 0u);
    EXPECT_EQ(r.summary.stats.bytes, bytes.size());
    EXPECT_TRUE(r.summary.stats.Balanced());
  }
}

// A UTF-8 log with a few corrupt bytes stays UTF-8: the bad bytes become U+FFFD and are
// counted, and every good character survives (as Windows-1252 "複本" would be mojibake).
TEST(LogReaderTest, Utf8WithAFewInvalidBytesIsReadAsUtf8AndCounted) {
  std::string bytes;
  for (int i = 0; i < 4; ++i) {
    bytes += "0AB0\t0974\t01/02\t08:00:0" + std::to_string(i) +
             ".000\t71\tx.cpp(1)\t\t\tWARNING\t\xE8\xA4\x87\xE6\x9C\xAC " + std::to_string(i) +
             "\r\n";  // 複本
  }
  bytes.insert(bytes.find(" 2\r\n"), "\xFF\xFE");  // two bad bytes in the third record
  const ReadResult r = ReadBytes(bytes, ErrlogInfo());
  EXPECT_EQ(r.summary.encoding, Encoding::kUtf8);
  EXPECT_EQ(r.summary.stats.replaced_sequences, 2u);
  EXPECT_EQ(r.summary.stats.lines, 4u);
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[1].message, "\xE8\xA4\x87\xE6\x9C\xAC 1");
  EXPECT_EQ(r.records[2].message, "\xE8\xA4\x87\xE6\x9C\xAC\xEF\xBF\xBD\xEF\xBF\xBD 2");
  EXPECT_TRUE(r.summary.stats.Balanced());
}

// UTF-16LE without a BOM whose head is Chinese text has too few NUL bytes for the NUL-share
// rule; its statistics find it, and it is read, not skipped as binary, at any chunk size.
TEST(LogReaderTest, CjkUtf16WithoutBomIsReadNotSkipped) {
  const std::string lines[] = {
      "錯誤 0x80070005：存取被拒。備份作業失敗，請確認帳戶的權限後再試一次。",
      "複本不一致，請執行一致性檢查。",
      "磁碟區陰影複製服務發生錯誤，請稍後再試。",
  };
  const std::string text = lines[0] + "\r\n" + lines[1] + "\r\n" + lines[2] + "\r\n";
  const std::string bytes = ToUtf16(text, /*little_endian=*/true, /*bom=*/false);
  InputInfo info;
  info.name = "notes.log";
  for (size_t chunk : {64 * 1024, 1, 2, 3, 17}) {
    ReadOptions options;
    options.chunk_bytes = chunk;
    const ReadResult r = ReadBytes(bytes, info, options);
    EXPECT_EQ(r.summary.skipped, "") << "chunk " << chunk;
    EXPECT_EQ(r.summary.encoding, Encoding::kUtf16Le);
    EXPECT_EQ(r.summary.stats.lines, 3u);
    EXPECT_EQ(r.summary.stats.bytes, bytes.size());
    EXPECT_EQ(r.summary.stats.replaced_sequences, 0u);
    EXPECT_TRUE(r.summary.stats.Balanced());
    ASSERT_EQ(r.records.size(), 3u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(r.records[i].message, lines[i]);
  }
}

// An errlog whose line ends mix bare CR, LF and CRLF: every line is a line, every record is
// parsed with its own line number and offset, in UTF-8 and UTF-16, at any chunk size.
TEST(LogReaderTest, BareCrLfAndCrlfLineEndsMixInOneErrlog) {
  const std::string ends[] = {"\r", "\n", "\r\n"};
  std::string text;
  std::vector<uint64_t> offsets;
  for (int i = 0; i < 9; ++i) {
    offsets.push_back(text.size());
    text += "0AB0\t0974\t01/02\t08:00:0" + std::to_string(i) +
            ".000\t71\tx.cpp(1)\t\t\tWARNING\tFailed: Hr: = [0x80070005] " + std::to_string(i) +
            ends[i % 3];
  }
  for (bool utf16 : {false, true}) {
    const std::string bytes = utf16 ? ToUtf16(text, true, false) : text;
    for (size_t chunk : {64 * 1024, 1, 2, 3, 17}) {
      ReadOptions options;
      options.chunk_bytes = chunk;
      const ReadResult r = ReadBytes(bytes, ErrlogInfo(), options);
      EXPECT_EQ(r.summary.stats.lines, 9u) << "chunk " << chunk << " utf16 " << utf16;
      EXPECT_EQ(r.summary.stats.records, 9u);
      EXPECT_EQ(r.summary.stats.bytes, bytes.size());
      EXPECT_TRUE(r.summary.stats.Balanced());
      ASSERT_EQ(r.records.size(), 9u);
      for (size_t i = 0; i < 9; ++i) {
        EXPECT_EQ(r.records[i].line, i + 1);
        EXPECT_EQ(r.records[i].offset, offsets[i] * (utf16 ? 2 : 1));
        EXPECT_EQ(r.records[i].message, "Failed: Hr: = [0x80070005] " + std::to_string(i));
      }
    }
  }
}

TEST(LogReaderTest, Utf16OddByteCountIsReplacedAndCounted) {
  std::string bytes = ToUtf16("0AB0\t0974\t01/02\t08:00:00.000\t71\tx.cpp(1)\t\t\tNORMAL\tdone");
  bytes.push_back('\x7F');
  const ReadResult r = ReadBytes(bytes, ErrlogInfo());
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].message, "done\xEF\xBF\xBD");
  EXPECT_EQ(r.summary.stats.replaced_sequences, 1u);
  EXPECT_TRUE(r.summary.stats.Balanced());
}

TEST(LogReaderTest, LongContinuationsAreBoundedAndFlagged) {
  std::string text = "0AB0\t0974\t01/02\t08:00:00.000\t71\tx.cpp(1)\t\t\tWARNING\tstart\n";
  for (int i = 0; i < 100; ++i) text += "   at Frame" + std::to_string(i) + "()\n";
  ReadOptions options;
  options.max_message_bytes = 200;
  const ReadResult r = ReadBytes(text, ErrlogInfo(), options);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_TRUE(r.records[0].truncated);
  EXPECT_LE(r.records[0].message.size(), 200u);
  EXPECT_EQ(r.records[0].line_count, 101u);
  EXPECT_EQ(r.summary.stats.continuation_lines, 100u);
  EXPECT_TRUE(r.summary.stats.Balanced());
}

// A source that fails after delivering part of the input.
class FailingSource : public ByteSource {
 public:
  explicit FailingSource(std::string bytes) : bytes_(std::move(bytes)) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    if (pos_ >= bytes_.size()) return absl::DataLossError("member.errlog: truncated archive");
    const size_t n = std::min(size, bytes_.size() - pos_);
    std::memcpy(buffer, bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string bytes_;
  size_t pos_ = 0;
};

TEST(LogReaderTest, ReadErrorKeepsWhatWasReadAndSaysWhy) {
  FailingSource source(kErrlog);
  testing::CollectingSink sink;
  ReadOptions options;
  options.chunk_bytes = 64;
  const InputSummary s = ReadLog(source, ErrlogInfo(), options, sink);
  EXPECT_EQ(s.status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(StatusMessage(s.status)), ::testing::HasSubstr("member.errlog"));
  EXPECT_EQ(sink.records.size(), 4u);
  EXPECT_EQ(s.stats.bytes, kErrlog.size());
  EXPECT_TRUE(s.stats.Balanced());
}

TEST(LogReaderTest, OpenFileErrorsNameThePath) {
  auto missing = OpenFile("/nonexistent/CBEngineCurr.errlog");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(StatusMessage(missing.status())),
              ::testing::HasSubstr("/nonexistent/CBEngineCurr.errlog"));
  auto dir = OpenFile(LOGANALYZE_SOURCE_DIR);
  EXPECT_FALSE(dir.ok());
}

// A file cut shorter after it was opened: what was read is analysed, and the status says
// the file shrank, with both sizes. One that grows is read to where it was when opened or
// beyond, without an error.
TEST(LogReaderTest, FileThatShrinksAfterOpeningIsAnError) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "loganalyze_reader_shrink.errlog";
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 2000; ++i) out << kErrlog << "\n";
  }
  const uint64_t size = std::filesystem::file_size(path);
  auto source = OpenFile(path.string());
  ASSERT_TRUE(source.ok());
  std::filesystem::resize_file(path, size / 3);
  testing::CollectingSink sink;
  InputInfo info = ErrlogInfo();
  const InputSummary s = ReadLog(**source, info, {}, sink);
  EXPECT_EQ(s.status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(StatusMessage(s.status)),
              ::testing::HasSubstr("shrank while it was read: it held " + std::to_string(size) +
                                   " bytes when opened and ended after " +
                                   std::to_string(size / 3)));
  EXPECT_EQ(s.stats.bytes, size / 3);
  EXPECT_TRUE(s.stats.Balanced());

  auto growing = OpenFile(path.string());
  ASSERT_TRUE(growing.ok());
  { std::ofstream(path, std::ios::binary | std::ios::app) << kErrlog << "\n"; }
  testing::CollectingSink sink2;
  EXPECT_TRUE(ReadLog(**growing, info, {}, sink2).status.ok());
  std::filesystem::remove(path);
}

TEST(LogReaderTest, ReadsAFileInChunks) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "loganalyze_reader_test.errlog";
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 5000; ++i) out << ToUtf16(kErrlog + "\r\n", true, i == 0);
  }
  auto source = OpenFile(path.string());
  ASSERT_TRUE(source.ok());
  testing::CollectingSink sink;
  InputInfo info = ErrlogInfo();
  info.name = path.string();
  const InputSummary s = ReadLog(**source, info, {}, sink);
  std::filesystem::remove(path);
  EXPECT_TRUE(s.status.ok());
  EXPECT_EQ(s.format, Format::kErrlog);
  EXPECT_EQ(sink.records.size(), 5000u * 4);
  EXPECT_TRUE(s.stats.Balanced());
  // Each repetition wraps the year twice (12/31 -> 01/01): the newest record is anchored.
  EXPECT_EQ(s.last_time.year(), 2026);
}

// A sink that has seen enough stops the reading: no record after it, the rest of the input
// unread (beyond the chunk being read), and the summary says the reading was stopped.
TEST(LogReaderTest, ASinkCanStopTheReading) {
  class FirstFew : public testing::CollectingSink {
   public:
    bool Stopped() const override { return records.size() >= 3; }
  };
  std::string bytes;
  for (int i = 0; i < 20000; ++i) bytes += kErrlog + "\n";
  auto source = MemorySource(bytes);
  FirstFew sink;
  ReadOptions options;
  options.chunk_bytes = 4096;
  const InputSummary s = ReadLog(*source, ErrlogInfo(), options, sink);
  EXPECT_EQ(sink.records.size(), 3u);
  EXPECT_EQ(s.status.code(), absl::StatusCode::kCancelled) << s.status;
  EXPECT_LT(s.stats.bytes, bytes.size() / 10);
  // The time range is that of the records delivered (month to millisecond: the years are
  // placed afterwards).
  std::set<std::string> delivered;
  for (const auto& r : sink.records) delivered.insert(r.time.substr(5));
  EXPECT_TRUE(delivered.count(s.first_time.ToString().substr(5))) << s.first_time.ToString();
  EXPECT_TRUE(delivered.count(s.last_time.ToString().substr(5))) << s.last_time.ToString();
  // A sink that never stops reads everything.
  testing::CollectingSink all;
  auto again = MemorySource(bytes);
  const InputSummary full = ReadLog(*again, ErrlogInfo(), options, all);
  EXPECT_TRUE(full.status.ok());
  EXPECT_EQ(full.stats.bytes, bytes.size());
  EXPECT_GT(all.records.size(), 20000u);
}

// Takes quiet records (parse/parser.h) when `takes`, and writes every call down in order:
// "Q time task" for a quiet record, "R time level task message" for a Record.
class QuietAndRecordSink : public RecordSink, public internal::QuietRecordSink {
 public:
  explicit QuietAndRecordSink(bool takes) : takes_(takes) {}
  bool TakesQuietRecords() const override { return takes_; }
  void OnQuietRecord(const internal::QuietRecord& r) override {
    calls.push_back("Q " + r.time.ToString() + " " + std::string(r.task_id));
  }
  void OnRecord(const Record& r) override {
    calls.push_back("R " + r.time.ToString() + " " + std::string(LevelName(r.level)) + " " +
                    std::string(r.task_id) + " " + std::string(r.message));
  }
  std::vector<std::string> calls;

 private:
  bool takes_;
};

std::vector<std::string> ReadCalls(std::string_view bytes, bool takes, size_t chunk,
                                   std::optional<int> year_shift = std::nullopt) {
  auto source = MemorySource(bytes);
  QuietAndRecordSink sink(takes);
  ReadOptions options;
  options.chunk_bytes = chunk;
  options.year = 2026;
  InputInfo info = ErrlogInfo();
  info.year_shift = year_shift;
  const InputSummary s = ReadLog(*source, info, options, sink);
  EXPECT_TRUE(s.status.ok()) << s.status;
  EXPECT_TRUE(s.stats.Balanced());
  return sink.calls;
}

// A record below WARNING whose message starts with no job marker goes to a sink that takes
// quiet records as its time and task only; every other record, as a Record, in input order.
TEST(LogReaderTest, QuietRecordsGoToASinkThatTakesThem) {
  // Two tasks: a view of one record's task left pointing where the line was first read
  // would show the next line's.
  const std::string g = "F3E32129-DC79-4A28-9ACC-3F30CB5810B6";
  const std::string h = "0C5A1D42-7B1E-4F0B-8E5D-2A9C6B3F1E77";
  auto line = [](std::string_view time, std::string_view task, std::string_view level,
                 std::string_view msg) {
    return "0AB0\t0974\t01/04\t" + std::string(time) + "\t71\tbackupasync.cpp(1)\t\t" +
           std::string(task) + "\t" + std::string(level) + "\t" + std::string(msg) + "\r\n";
  };
  const std::string log =
      line("10:00:00.000", g, "NORMAL", "Opening file D:\\a.doc") +
      line("10:00:01.000", g, "NORMAL", "Backup Progress: Prebackup started.") +
      line("10:00:02.000", "", "VERBOSE", "pool idle") +
      line("10:00:03.000", g, "WARNING", "Failed: Hr: = [0x80070005]") +
      line("10:00:04.000", g, "NORMAL", "Task state change [A] -> [B]") +
      line("10:00:05.000", g, "INFO", "job 7 queued") +
      line("10:00:06.000", h, "NORMAL", "") +  // an empty message, continued on the next line
      "   at Microsoft.Internal.CloudBackup.Client.Connect()\r\n" +
      line("10:00:07.000", g, "SOMETHING", "no level word") +
      line("10:00:08.000", g, "ERROR", "Job failed") +
      line("10:00:09.000", g, "PERF", "Elapsed 12 ms") +
      line("10:00:10.000", h, "NORMAL", "Committed catalog segment 17") +
      "   with a continuation line\r\n";
  const std::string t = "2026-01-04T10:00:";
  const std::vector<std::string> expected = {
      "Q " + t + "00.000 " + g,
      "R " + t + "01.000 NORMAL " + g + " Backup Progress: Prebackup started.",
      "Q " + t + "02.000 ",
      "R " + t + "03.000 WARNING " + g + " Failed: Hr: = [0x80070005]",
      "R " + t + "04.000 NORMAL " + g + " Task state change [A] -> [B]",
      "R " + t + "05.000 NORMAL " + g + " job 7 queued",
      "Q " + t + "06.000 " + h,
      "R " + t + "07.000  " + g + " SOMETHING\tno level word",
      "R " + t + "08.000 ERROR " + g + " Job failed",
      "Q " + t + "09.000 " + g,
      "Q " + t + "10.000 " + h,
  };
  // Whole chunks, one byte at a time (the record copied out of the chunk before its task is
  // read), and transcoded from UTF-16 (the line in the decoder's buffer).
  for (size_t chunk : {size_t{1}, size_t{7}, size_t{1} << 16}) {
    EXPECT_EQ(ReadCalls(log, true, chunk), expected) << chunk;
    EXPECT_EQ(ReadCalls(ToUtf16(log), true, chunk), expected) << chunk;
  }
  // A sink that does not take them gets every record whole.
  const std::vector<std::string> plain = ReadCalls(log, false, 1 << 16);
  ASSERT_EQ(plain.size(), expected.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i][0], 'R') << plain[i];
    // The same record: its time starts at the same place in either form.
    EXPECT_EQ(plain[i].substr(2, 23), expected[i].substr(2, 23)) << plain[i];
  }
  // A year shift known from an earlier read is added to quiet records too.
  const std::vector<std::string> shifted = ReadCalls(log, true, 1 << 16, -1);
  ASSERT_EQ(shifted.size(), expected.size());
  EXPECT_EQ(shifted[0], "Q 2025-01-04T10:00:00.000 " + g);
}

}  // namespace
}  // namespace loganalyze
