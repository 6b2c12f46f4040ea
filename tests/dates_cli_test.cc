// "Only real dates", through the real `loganalyze`: logs whose dates run out of order,
// modification times that cannot anchor a year (1970, 1980, the future, a tar member dated
// thousands of years ahead), and the same file read plainly and from every kind of archive.
// The invariant over all of them: every date in a report lies within a few years of the
// evidence it was inferred from, and none is a day that does not exist.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "shell_util.h"
#include "test_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::loganalyze::testing::UnixSeconds;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;

struct CliRun {
  int exit_code = -1;
  std::string out;
};

CliRun Cli(const fs::path& dir, const std::string& args) {
  const testing::ShellResult r = testing::RunShell("cd '" + dir.string() + "' && '" LOGANALYZE_CLI
                                                   "' " + args + " 2>/dev/null");
  return CliRun{r.exit_code, r.out};
}

Report Analyze(const fs::path& dir, const std::string& args) {
  const CliRun r = Cli(dir, "-f json -q " + args);
  absl::StatusOr<Report> report = ParseJsonReport(r.out);
  EXPECT_TRUE(report.ok()) << args << ": " << report.status();
  return report.ok() ? *std::move(report) : Report();
}

// Every year of every date in a JSON report lies in [lo, hi], and every date exists.
void ExpectDatesWithin(const std::string& json, int lo, int hi) {
  static const std::regex kDate("\"(\\d{4})-(\\d\\d)-(\\d\\d)(?:T|\")");
  int seen = 0;
  for (auto it = std::sregex_iterator(json.begin(), json.end(), kDate);
       it != std::sregex_iterator(); ++it) {
    const int y = std::stoi((*it)[1]), m = std::stoi((*it)[2]), d = std::stoi((*it)[3]);
    ++seen;
    EXPECT_GE(y, lo) << it->str();
    EXPECT_LE(y, hi) << it->str();
    static constexpr int kDays[] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    EXPECT_TRUE(m >= 1 && m <= 12 && d >= 1 && d <= kDays[m] && (m != 2 || d != 29 || leap))
        << it->str() << " does not exist";
  }
  EXPECT_GT(seen, 0);
}

// std::filesystem's clock cannot hold times centuries away: set them through the system.
void SetTime(const fs::path& p, int64_t unix_seconds) {
  const struct timespec times[2] = {{static_cast<time_t>(unix_seconds), 0},
                                    {static_cast<time_t>(unix_seconds), 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0) << p;
}

std::string Line(std::string_view date, std::string_view message) {
  return "0AB0\t0974\t" + std::string(date) +
         "\t10:00:00.000\t71\tbackupasync.cpp(1184)\t\t\tWARNING\t" + std::string(message) + "\r\n";
}

class DatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("loganalyze_dates_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path Write(const std::string& name, const std::string& bytes) {
    const fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  fs::path dir_;
};

// Excerpts pasted together in no order: before, every jump back of more than half a year
// started a new year and 300 of them put the first dates in the 1720s.
TEST_F(DatesTest, DatesOutOfOrderStayPlausibleAndAreFlagged) {
  std::string log;
  for (int i = 0; i < 300; ++i) {
    log += Line("12/20", "Failed: Hr: = [0x80070005] a") + Line("01/03", "Failed: Hr: = [0x80070005] b");
  }
  SetTime(Write("pasted/CBEngineCurr.errlog", log), UnixSeconds(2026, 1, 6));
  const CliRun r = Cli(dir_, "-f json -q pasted");
  ExpectDatesWithin(r.out, 2023, 2026);
  const Report report = Analyze(dir_, "pasted");
  ASSERT_EQ(report.inputs.size(), 1u);
  EXPECT_THAT(report.inputs[0].notes, Contains(HasSubstr("dates out of order")));
}

// Modification times that say nothing about the year: the dates come from the fallback, and
// the input's notes say which and why.
TEST_F(DatesTest, UnusableModificationTimesFallBackAndSaySo) {
  const std::string log = Line("01/04", "Failed: Hr: = [0x80070005] a");
  struct Case {
    const char* name;
    int64_t mtime;
    const char* why;
  };
  const Case cases[] = {{"epoch", 0, "Unix epoch"},
                        {"zip-epoch", UnixSeconds(1980, 1, 1), "1980-01-01"},
                        {"future", UnixSeconds(2310, 5, 1), "in the future (2310-05-01)"}};
  for (const Case& c : cases) {
    SetTime(Write(std::string(c.name) + "/CBEngineCurr.errlog", log), c.mtime);
  }
  const Report report = Analyze(dir_, "epoch zip-epoch future");
  int year, month, day;
  {
    const auto now = std::chrono::system_clock::now();
    const auto days = std::chrono::floor<std::chrono::days>(now);
    const std::chrono::year_month_day ymd(days);
    year = static_cast<int>(ymd.year());
    month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  }
  // 01/04 is this year's unless today is before it.
  const int expected = month == 1 && day < 4 ? year - 1 : year;
  for (const Case& c : cases) {
    const ReportInput* in = nullptr;
    for (const ReportInput& i : report.inputs) {
      if (i.path == std::string(c.name) + "/CBEngineCurr.errlog") in = &i;
    }
    ASSERT_NE(in, nullptr) << c.name;
    EXPECT_EQ(in->first_time.year(), expected) << c.name;
    EXPECT_THAT(in->notes, Contains(AllOf(HasSubstr(c.why), HasSubstr("the current date"))))
        << c.name;
  }
}

// A tar member dated thousands of years ahead (and one at the Unix epoch): the archive's own
// modification time anchors the year instead.
TEST_F(DatesTest, TarMemberFromTheFarFutureUsesTheArchivesTime) {
  const fs::path log = Write("CBEngineCurr.errlog", Line("01/04", "Failed: Hr: = [0x80070005]"));
  const std::string py =
      "import tarfile,sys\n"
      "t=tarfile.open(sys.argv[1],'w',format=tarfile.PAX_FORMAT)\n"
      "for name,mtime in (('future/CBEngineCurr.errlog',10**11),('epoch/CBEngineCurr.errlog',0)):\n"
      "  i=t.gettarinfo(sys.argv[2],arcname=name); i.mtime=mtime\n"
      "  t.addfile(i,open(sys.argv[2],'rb'))\n"
      "t.close()\n";
  Write("make.py", py);
  const fs::path tar = dir_ / "bundle.tar";
  ASSERT_EQ(std::system(("python3 '" + (dir_ / "make.py").string() + "' '" + tar.string() +
                         "' '" + log.string() + "'")
                            .c_str()),
            0);
  SetTime(tar, UnixSeconds(2021, 1, 7));
  const CliRun r = Cli(dir_, "-f json -q bundle.tar");
  ExpectDatesWithin(r.out, 2021, 2021);
  const Report report = Analyze(dir_, "bundle.tar");
  ASSERT_EQ(report.inputs.size(), 2u);
  for (const ReportInput& in : report.inputs) {
    EXPECT_EQ(in.first_time.ToString().substr(0, 10), "2021-01-04") << in.member;
    EXPECT_THAT(in.notes, Contains(HasSubstr("the archive's modification time (2021-01-07)")))
        << in.member;
  }
}

// One file, its dates the same whether it is read as a file or from any kind of archive.
TEST_F(DatesTest, TheSameFileGivesTheSameDatesPlainOrArchived) {
  std::string log;
  for (const char* date : {"12/30", "12/31", "01/01", "01/02"}) {
    log += Line(date, "Failed: Hr: = [0x80070570] on file(D:\\x)");
  }
  const fs::path file = Write("logs/CBEngineCurr.errlog", log);
  SetTime(file, UnixSeconds(2026, 1, 2) + 3600);
  const std::string d = "cd '" + dir_.string() + "' && ";
  ASSERT_EQ(std::system((d + "zip -qr b.zip logs && tar -cf b.tar logs && tar -czf b.tar.gz logs"
                             " && 7z a -bd -bso0 b.7z logs >/dev/null && cp -p "
                             "logs/CBEngineCurr.errlog CBEngineCurr.errlog && gzip -k "
                             "CBEngineCurr.errlog")
                            .c_str()),
            0);
  // A zip whose members carry no time of their own (1980-01-01, the format's zero), as
  // scripts that write zips from memory make them; the archive itself is dated like the log.
  Write("make.py",
        "import zipfile,sys\n"
        "z=zipfile.ZipFile(sys.argv[1],'w')\n"
        "z.writestr(zipfile.ZipInfo('logs/CBEngineCurr.errlog',(1980,1,1,0,0,0)),"
        "open(sys.argv[2],'rb').read())\n"
        "z.close()\n");
  ASSERT_EQ(std::system((d + "python3 make.py b1980.zip logs/CBEngineCurr.errlog").c_str()), 0);
  SetTime(dir_ / "b1980.zip", UnixSeconds(2026, 1, 2) + 7200);
  const Report plain = Analyze(dir_, "logs/CBEngineCurr.errlog");
  ASSERT_EQ(plain.inputs.size(), 1u);
  EXPECT_EQ(plain.inputs[0].first_time.ToString(), "2025-12-30T10:00:00.000");
  for (const char* archive :
       {"b.zip", "b.tar", "b.tar.gz", "b.7z", "CBEngineCurr.errlog.gz", "b1980.zip"}) {
    const Report r = Analyze(dir_, archive);
    ASSERT_EQ(r.inputs.size(), 1u) << archive;
    EXPECT_EQ(r.inputs[0].first_time, plain.inputs[0].first_time) << archive;
    EXPECT_EQ(r.inputs[0].last_time, plain.inputs[0].last_time) << archive;
    ASSERT_EQ(r.findings.size(), 1u) << archive;
    EXPECT_EQ(r.findings.begin()->second.first_seen, plain.findings.begin()->second.first_seen)
        << archive;
  }
}

// The invariant over the bundled samples, as a user runs them after a fresh clone (files
// dated today) and with the samples' real dates: every date within a few years of them.
TEST_F(DatesTest, EveryDateOfTheSamplesIsPlausible) {
  fs::copy(fs::path(LOGANALYZE_SOURCE_DIR) / "samples", dir_ / "samples",
           fs::copy_options::recursive);
  const CliRun today = Cli(dir_, "-f json -q samples");
  const int year = static_cast<int>(
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                      std::chrono::system_clock::now()))
          .year());
  ExpectDatesWithin(today.out, year - 3, year);
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "samples")) {
    if (e.is_regular_file()) SetTime(e.path(), UnixSeconds(2026, 1, 6));
  }
  ExpectDatesWithin(Cli(dir_, "-f json -q samples").out, 2025, 2026);
}

}  // namespace
}  // namespace loganalyze
