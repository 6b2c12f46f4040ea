// RecordFingerprint: what makes two records the same event when copies of a log are compared.
#include "bundle/copies.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "util/content_hash.h"

namespace loganalyze::internal {
namespace {

// The definition, written the plain way: the message with every run of blanks (space, tab,
// CR) made one space and the ends trimmed, after the date, time and the three fields.
uint64_t ReferenceFingerprint(const Record& r) {
  ContentHash h;
  const int64_t when =
      (static_cast<int64_t>(r.time.month()) << 32) | (static_cast<int64_t>(r.time.day()) << 27) |
      r.time.millis_of_day();
  h.Update(std::string_view(reinterpret_cast<const char*>(&when), sizeof when));
  for (std::string_view field : {r.pid, r.tid, r.source}) {
    h.Update(field);
    h.Update(std::string_view("\0", 1));
  }
  std::string folded;
  bool blank = false;
  for (char c : r.message) {
    if (c == ' ' || c == '\t' || c == '\r') {
      blank = !folded.empty();
      continue;
    }
    if (blank) folded += ' ';
    blank = false;
    folded += c;
  }
  h.Update(folded);
  return h.Finish();
}

Record At(std::string_view message) {
  Record r;
  r.format = Format::kErrlog;
  r.time = LogTime::FromCivil(2026, 1, 4, 20, 55, 45, 690);
  r.pid = "180C";
  r.tid = "280C";
  r.source = "fsm.cpp(290)";
  r.message = message;
  return r;
}

TEST(CopiesTest, FingerprintFoldsBlankRunsAsItsDefinitionSays) {
  const std::vector<std::string> messages = {
      "",
      " ",
      "\t\r ",
      "Backup Progress: Data transfer started.",
      "  leading and trailing  ",
      "a  b\t\tc \r d",
      "one\ttab",
      "x",
      " x",
      "x ",
      "multi\nline\n   at Frame()  \r",
      std::string(300, 'a') + "  " + std::string(300, 'b'),  // longer than any buffer
      std::string(40, ' ') + "late start",
  };
  for (const std::string& m : messages) {
    EXPECT_EQ(RecordFingerprint(At(m)), ReferenceFingerprint(At(m))) << "[" << m << "]";
  }
  // Every short string over an alphabet with each kind of blank, against the definition.
  const char kAlphabet[] = {'a', ' ', '\t', '\r', '\n'};
  for (int n = 0; n <= 6; ++n) {
    int total = 1;
    for (int k = 0; k < n; ++k) total *= 5;
    for (int code = 0; code < total; ++code) {
      std::string m;
      for (int k = 0, c = code; k < n; ++k, c /= 5) m += kAlphabet[c % 5];
      ASSERT_EQ(RecordFingerprint(At(m)), ReferenceFingerprint(At(m))) << "[" << m << "]";
    }
  }
}

TEST(CopiesTest, CopiesWithCollapsedWhiteSpaceShareAFingerprint) {
  EXPECT_EQ(RecordFingerprint(At("Failed: Hr: = [0x80070005]\tBackupRead  failed")),
            RecordFingerprint(At("Failed: Hr: = [0x80070005] BackupRead failed ")));
  EXPECT_NE(RecordFingerprint(At("BackupRead failed")),
            RecordFingerprint(At("BackupReadfailed")));
  Record other = At("BackupRead failed");
  other.tid = "280D";
  EXPECT_NE(RecordFingerprint(other), RecordFingerprint(At("BackupRead failed")));
}

}  // namespace
}  // namespace loganalyze::internal
