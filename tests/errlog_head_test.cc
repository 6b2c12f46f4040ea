#include "parse/errlog_head.h"

#include "gtest/gtest.h"

namespace loganalyze::internal {
namespace {

// Lines as the reference gives them (real tab characters).
constexpr std::string_view kDpmCrash =
    "180C\t280C\t06/01\t20:55:45.690\t09\teverettexception.cpp(761)\t\t"
    "8AE83798-7A85-466A-80CA-22CA66582965\tCRITICAL\tException Message = Input string was not "
    "in a correct format. of type System.FormatException, process will terminate after "
    "generating dump";
constexpr std::string_view kMars2019 =
    "0AB0\t0974\t08/04\t13:16:29.206\t18\tmtffile.cpp(1372)\t[0000000053582120]\t"
    "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\t\tWARNING\tFailed: Hr: = [0x8000ffff] BackupRead "
    "failed on file(D:\\a\\b.DOC)";
constexpr std::string_view kMarsNoPid =
    "06/07\t01:23:25.640\t71\tbackupasync.cpp(1279)\t[000000001A12E3F0]\t"
    "F3E32129-DC79-4A28-9ACC-3F30CB5810B6\tNORMAL\tBackup Progress: Prebackup started.";
constexpr std::string_view kNoGuid =
    "0990\t17D8\t11/05\t13:02:42.416\t31\tvsssnapshotrequestor.cpp(585)\t[00000000003970D0]\t\t"
    "NORMAL\tCVssSnapshotRequestor:: ProviderId:[{2F900F90-00E9-440E-873A-96CA5EB079E5}]";

std::string_view Message(std::string_view line, const ErrlogHead& h) {
  return line.substr(h.message_pos);
}

TEST(ErrlogHeadTest, DpmCrashLine) {
  ErrlogHead h;
  ASSERT_TRUE(ParseErrlogHead(kDpmCrash, &h));
  EXPECT_EQ(h.pid, "180C");
  EXPECT_EQ(h.tid, "280C");
  EXPECT_EQ(h.month, 6);
  EXPECT_EQ(h.day, 1);
  EXPECT_EQ(h.millis_of_day, ((20 * 60 + 55) * 60 + 45) * 1000 + 690);
  EXPECT_EQ(h.module, "09");
  EXPECT_EQ(h.source, "everettexception.cpp(761)");
  EXPECT_EQ(h.object, "");
  EXPECT_EQ(h.task_id, "8AE83798-7A85-466A-80CA-22CA66582965");
  EXPECT_EQ(h.level, Level::kCritical);
  EXPECT_TRUE(Message(kDpmCrash, h).starts_with("Exception Message = Input string"));
}

TEST(ErrlogHeadTest, Mars2019LineWithExtraEmptyColumn) {
  ErrlogHead h;
  ASSERT_TRUE(ParseErrlogHead(kMars2019, &h));
  EXPECT_EQ(h.object, "[0000000053582120]");
  EXPECT_EQ(h.task_id, "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6");
  EXPECT_EQ(h.level, Level::kWarning);
  EXPECT_TRUE(Message(kMars2019, h).starts_with("Failed: Hr: = [0x8000ffff]"));
}

TEST(ErrlogHeadTest, VariantWithoutPidAndTid) {
  ErrlogHead h;
  ASSERT_TRUE(ParseErrlogHead(kMarsNoPid, &h));
  EXPECT_EQ(h.pid, "");
  EXPECT_EQ(h.tid, "");
  EXPECT_EQ(h.month, 6);
  EXPECT_EQ(h.day, 7);
  EXPECT_EQ(h.module, "71");
  EXPECT_EQ(h.source, "backupasync.cpp(1279)");
  EXPECT_EQ(h.level, Level::kInfo);
  EXPECT_EQ(Message(kMarsNoPid, h), "Backup Progress: Prebackup started.");
}

TEST(ErrlogHeadTest, EmptyTaskColumn) {
  ErrlogHead h;
  ASSERT_TRUE(ParseErrlogHead(kNoGuid, &h));
  EXPECT_EQ(h.task_id, "");
  EXPECT_EQ(h.object, "[00000000003970D0]");
  EXPECT_TRUE(Message(kNoGuid, h).starts_with("CVssSnapshotRequestor::"));
}

TEST(ErrlogHeadTest, ManagedLineWithoutObjectPointer) {
  const std::string_view line =
      "44B4\t3968\t10/21\t21:02:21.611\t69\tAzureServiceManagementHelper.cs(320)\t"
      "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134\tFATAL\tGetImportJobStatus:: Import job not found";
  ErrlogHead h;
  ASSERT_TRUE(ParseErrlogHead(line, &h));
  EXPECT_EQ(h.level, Level::kFatal);
  EXPECT_EQ(h.object, "");
  EXPECT_EQ(h.task_id, "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134");
  EXPECT_EQ(Message(line, h), "GetImportJobStatus:: Import job not found");
}

TEST(ErrlogHeadTest, LevelWordsAreRecognised) {
  for (auto [word, level] : {std::pair{"ERROR", Level::kError}, {"ACTIVITY", Level::kActivity},
                             {"PERF", Level::kPerf}, {"VERBOSE", Level::kVerbose},
                             {"INFO", Level::kInfo}}) {
    const std::string line = std::string("0A\t0B\t01/02\t03:04:05.006\t01\tx.cpp(1)\t\t") +
                             word + "\tmessage";
    ErrlogHead h;
    ASSERT_TRUE(ParseErrlogHead(line, &h)) << word;
    EXPECT_EQ(h.level, level) << word;
    EXPECT_EQ(line.substr(h.message_pos), "message");
  }
}

TEST(ErrlogHeadTest, RecordWithoutLevelWordKeepsTheRestAsMessage) {
  const std::string_view line = "0A\t0B\t01/02\t03:04:05.006\t01\tx.cpp(1)\tsomething odd\there";
  ErrlogHead h;
  ASSERT_TRUE(ParseErrlogHead(line, &h));
  EXPECT_EQ(h.level, Level::kNone);
  EXPECT_EQ(line.substr(h.message_pos), "something odd\there");
}

TEST(ErrlogHeadTest, RejectsNonRecords) {
  ErrlogHead h;
  EXPECT_FALSE(ParseErrlogHead("   at Microsoft.Internal.CloudBackup.Foo()", &h));
  EXPECT_FALSE(ParseErrlogHead("Consider adding these to exclusion list of backup policy.", &h));
  EXPECT_FALSE(ParseErrlogHead("0AB0\t0974\t13/04\t13:16:29.206\t18\tx.cpp(1)\t\tNORMAL\tm", &h));
  EXPECT_FALSE(ParseErrlogHead("0AB0\t0974\t08/04\t25:16:29.206\t18\tx.cpp(1)\t\tNORMAL\tm", &h));
  EXPECT_FALSE(ParseErrlogHead("0AB0 0974 08/04 13:16:29.206 18 x.cpp(1) NORMAL m", &h));
  EXPECT_FALSE(ParseErrlogHead("", &h));
}

// The reference's crash line with another date.
std::string CrashLineOn(std::string_view date) {
  std::string line(kDpmCrash);
  return line.replace(10, 5, date);
}

TEST(ErrlogHeadTest, DatesThatNoYearHasStartNoRecord) {
  for (std::string_view date : {"02/30", "02/31", "04/31", "06/31", "09/31", "11/31", "13/01",
                                "00/10", "12/00", "12/32", "99/99"}) {
    const std::string line = CrashLineOn(date);
    const std::string no_pid = std::string(date) + "\t01:23:25.640\t71\tx.cpp(1)\t\tNORMAL\tm";
    for (const std::string& l : {line, no_pid}) {
      ErrlogHead h;
      EXPECT_FALSE(ParseErrlogHead(l, &h)) << l;
      EXPECT_FALSE(ParseErrlogHeadGeneral(l, &h)) << l;
      EXPECT_TRUE(ErrlogHeadHasImpossibleDate(l)) << l;
    }
  }
}

TEST(ErrlogHeadTest, DatesThatSomeYearHasAreHeads) {
  // 02/29 exists in leap years; which year a record is in is decided later.
  for (std::string_view date : {"02/29", "01/31", "02/28", "04/30", "06/30", "12/31", "01/01"}) {
    const std::string line = CrashLineOn(date);
    ErrlogHead h;
    ASSERT_TRUE(ParseErrlogHead(line, &h)) << line;
    EXPECT_EQ(h.month * 100 + h.day, (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
                                         (date[3] - '0') * 10 + (date[4] - '0'));
    EXPECT_FALSE(ErrlogHeadHasImpossibleDate(line)) << line;
  }
}

TEST(ErrlogHeadTest, OnlyTheDateMakesAnImpossibleDateHead) {
  // A bad time as well, or no head shape at all: not a record head with an impossible date.
  EXPECT_FALSE(
      ErrlogHeadHasImpossibleDate("0AB0\t0974\t04/31\t24:16:29.206\t18\tx.cpp(1)\t\tNORMAL\tm"));
  EXPECT_FALSE(
      ErrlogHeadHasImpossibleDate("0AB0\t0974\t04/31\t13:60:29.206\t18\tx.cpp(1)\t\tNORMAL\tm"));
  EXPECT_TRUE(
      ErrlogHeadHasImpossibleDate("0AB0\t0974\t04/31\t23:59:60.999\t18\tx.cpp(1)\t\tNORMAL\tm"));
  EXPECT_FALSE(ErrlogHeadHasImpossibleDate("   at Microsoft.Internal.CloudBackup.Foo()"));
  EXPECT_FALSE(ErrlogHeadHasImpossibleDate("0AB0 0974 04/31 13:16:29.206 18 x.cpp(1) NORMAL m"));
  EXPECT_FALSE(ErrlogHeadHasImpossibleDate(kDpmCrash));
  EXPECT_FALSE(DateExists(2, 30));
  EXPECT_TRUE(DateExists(2, 29));
  EXPECT_FALSE(DateExists(-1, 1));
  EXPECT_FALSE(DateExists(100, 1));
}

TEST(ErrlogHeadTest, FastPathAgreesWithGeneralParserOnMutatedLines) {
  // Every line of the reference, then every one-byte change, deletion and tab insertion of
  // it: the common-layout fast path must give the general parser's answer each time.
  const std::string_view bases[] = {
      kDpmCrash, kMars2019, kMarsNoPid, kNoGuid,
      "0A\t0B\t01/02\t03:04:05.006\t01\tx.cpp(1)\tsomething odd\there",
      "0AB0\t0974\t08/04\t13:16:29.206\t18\tm.cpp(1)\t{1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6}\t"
      "[0000000053582120]\t\tERROR\t",
      "0AB0\t0974\t08/04\t13:16:29.2\t18\tm.cpp(1)\t\tNORMAL",
      // Eight-digit PID and TID (the ids run past the first 16 bytes); a one-letter module.
      "0123ABCD\t4567efab\t08/04\t13:16:29.206\tm\tm.cpp(1)\t\tNORMAL\tm",
      // Heads that end near or past the first 128 bytes, where the fast path's window ends.
      "0AB0\t0974\t08/04\t13:16:29.206\t18\tsome\\deeply\\nested\\folder\\of\\sources\\"
      "managedcode.cs(77)\t[0000000053582120]\t\tWARNING\tmessage",
      "0AB0\t0974\t08/04\t13:16:29.206\t18\tsome\\deeply\\nested\\folder\\managedcode.cs(77)"
      "\t[0000000053582120]\t1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\tERROR",
      // Last days of months, and 02/29: one changed digit gives a date that no year has.
      "0AB0\t0974\t02/29\t13:16:29.206\t18\tm.cpp(1)\t\tWARNING\tm",
      "0AB0\t0974\t04/30\t13:16:29.206\t18\tm.cpp(1)\t\tWARNING\tm",
      "0AB0\t0974\t11/30\t23:59:59.999\t18\tm.cpp(1)\t\tWARNING\tm",
      "0AB0\t0974\t12/31\t23:59:60.999\t18\tm.cpp(1)\t\tWARNING\tm",
  };
  // With the neighbours of the digit and letter ranges, and a byte of 0x80 and up.
  const std::string_view replacements = "\t0aF9/:.-[]{} Nx\n13@`GgZz\xC3";
  size_t compared = 0, accepted = 0, impossible_dates = 0;
  auto check = [&](const std::string& line) {
    ErrlogHead fast, general;
    const bool ok = ParseErrlogHead(line, &fast);
    ASSERT_EQ(ok, ParseErrlogHeadGeneral(line, &general)) << line;
    if (ok) {
      EXPECT_EQ(fast, general) << line;
      EXPECT_TRUE(DateExists(fast.month, fast.day)) << line;
      ++accepted;
    } else {
      impossible_dates += ErrlogHeadHasImpossibleDate(line);
    }
    ++compared;
  };
  for (std::string_view base : bases) {
    const std::string line(base);
    check(line);
    for (size_t i = 0; i < line.size(); ++i) {
      for (char c : replacements) {
        std::string m = line;
        m[i] = c;
        check(m);
      }
      check(line.substr(0, i) + line.substr(i + 1));
      check(line.substr(0, i) + "\t" + line.substr(i));
      check(line.substr(0, i));
    }
  }
  // Both outcomes were exercised, many times.
  EXPECT_GT(compared, 10000u);
  EXPECT_GT(accepted, compared / 4);
  EXPECT_LT(accepted, compared);
  EXPECT_GT(impossible_dates, 20u);
}

}  // namespace
}  // namespace loganalyze::internal
