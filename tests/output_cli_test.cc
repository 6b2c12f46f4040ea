// What the real `loganalyze` writes, and where: items of the issue "Every number in the
// report is true". A report that could not be written completely is a failure (exit code
// 2, with a message naming the output), never a success; a reader that went away (a pipe
// into `head`) is not a failure; a file is replaced only by a complete report. Control
// characters from logs and file names reach the terminal only escaped.
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shell_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The samples give a text report of about 75 KB and a JSON report of about 200 KB: more than
// a pipe holds, so that a reader that stops early is met while the report is being written.
constexpr char kSamples[] = "samples/ --year 2026 --lang en --color never -q";

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

class OutputCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("loganalyze_output_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "work");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs `script` with bash in the source directory, where `$L` is the CLI; standard output
  // is captured unless the script redirects it, standard error is captured apart.
  CliRun Bash(const std::string& script) {
    const fs::path file = dir_ / "run.sh", err = dir_ / "stderr.txt";
    std::ofstream(file) << "L='" LOGANALYZE_CLI "'\ncd '" LOGANALYZE_SOURCE_DIR "'\n"
                        << script << "\n";
    const testing::ShellResult r =
        testing::RunShell("bash '" + file.string() + "' 2>'" + err.string() + "'");
    return CliRun{r.exit_code, r.out, testing::ReadFile(err.string())};
  }

  // The names of the files in the work folder.
  std::set<std::string> Listing() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_ / "work")) {
      names.insert(e.path().filename().string());
    }
    return names;
  }

  fs::path dir_;
};

// A full disk, through -o and through standard output: exit 2 and a message naming the
// output, for the analysis and for every command that prints. Before, `> /dev/full` exited
// 0 with nothing written.
TEST_F(OutputCliTest, FullDiskIsAFailureNamingTheOutput) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  const CliRun file = Bash(std::string("\"$L\" ") + kSamples + " -o /dev/full");
  EXPECT_EQ(file.exit_code, 2);
  EXPECT_THAT(file.err,
              HasSubstr("cannot write the report to /dev/full (No space left on device)"));
  for (const std::string& command : {std::string(kSamples), std::string(kSamples) + " -f json",
                                     std::string("explain 0x80070005"), std::string("kb check"),
                                     std::string("patterns export"), std::string("--version")}) {
    const CliRun out = Bash("\"$L\" " + command + " > /dev/full");
    EXPECT_EQ(out.exit_code, 2) << command;
    EXPECT_THAT(out.err, AllOf(HasSubstr("standard output"), HasSubstr("No space left on device")))
        << command;
  }
  // merge, of a report that was written.
  ASSERT_EQ(Bash(std::string("\"$L\" ") + kSamples + " -f json -o '" +
                 (dir_ / "work/r.json").string() + "'")
                .exit_code,
            0);
  const CliRun merged = Bash("\"$L\" merge '" + (dir_ / "work/r.json").string() + "' > /dev/full");
  EXPECT_EQ(merged.exit_code, 2);
  EXPECT_THAT(merged.err, HasSubstr("cannot write the report to standard output"));
}

// Standard output closed: the report goes nowhere, which is a failure. Before, exit 0.
TEST_F(OutputCliTest, ClosedStandardOutputIsAFailure) {
  const CliRun r = Bash(std::string("\"$L\" ") + kSamples + " >&-");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("cannot write the report to standard output"));
  // With -o, standard output is not needed.
  const CliRun to_file =
      Bash(std::string("\"$L\" ") + kSamples + " -o '" + (dir_ / "work/r.txt").string() + "' >&-");
  EXPECT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_GT(fs::file_size(dir_ / "work/r.txt"), 10000u);
}

// A reader that takes what it wants and goes (`| head`) is no failure: the exit code is the
// analysis's, and nothing is said. Before, SIGPIPE ended the process (exit 141).
TEST_F(OutputCliTest, ReaderThatGoesAwayIsNotAFailure) {
  for (const std::string& command : {std::string(kSamples), std::string(kSamples) + " -f json"}) {
    const CliRun r =
        Bash("set -o pipefail\n\"$L\" " + command + " | head -c 10 >/dev/null\necho \"$?\"");
    EXPECT_EQ(r.out, "0\n") << command;
    EXPECT_THAT(r.err, IsEmpty()) << command;
  }
  // The exit code stays the analysis's own: 1 with --fail-on and a finding that reaches it.
  const CliRun fail_on =
      Bash(std::string("\"$L\" ") + kSamples +
           " --fail-on error | head -c 10 >/dev/null\necho \"${PIPESTATUS[0]}\"");
  EXPECT_EQ(fail_on.out, "1\n");
  EXPECT_THAT(fail_on.err, IsEmpty());
}

// -o into a folder that does not exist, or onto a folder: exit 2, the path named, nothing
// created.
TEST_F(OutputCliTest, OutputWhereNoFileCanBeIsAFailure) {
  const std::string missing = (dir_ / "work/no/such/folder/r.txt").string();
  const CliRun r = Bash(std::string("\"$L\" ") + kSamples + " -o '" + missing + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              HasSubstr("cannot write the report to " + missing + " (No such file or directory)"));
  const std::string folder = (dir_ / "work").string();
  const CliRun onto = Bash(std::string("\"$L\" ") + kSamples + " -o '" + folder + "'");
  EXPECT_EQ(onto.exit_code, 2);
  EXPECT_THAT(onto.err, HasSubstr("cannot write the report to " + folder + " ("));
  EXPECT_THAT(Listing(), IsEmpty());
}

// -o of a good path writes the report, replacing an older and longer file completely, keeps
// that file's permissions, and leaves no temporary file behind.
TEST_F(OutputCliTest, GoodPathIsWrittenAndNoTemporaryFileStays) {
  const fs::path report = dir_ / "work/report.txt";
  std::ofstream(report) << std::string(500000, 'x');
  fs::permissions(report, fs::perms::owner_read | fs::perms::owner_write);
  const CliRun r = Bash(std::string("\"$L\" ") + kSamples + " -o '" + report.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const CliRun stdout_run = Bash(std::string("\"$L\" ") + kSamples);
  ASSERT_EQ(stdout_run.exit_code, 0);
  EXPECT_TRUE(testing::ReadFile(report.string()) == stdout_run.out)
      << "the file differs from standard output";
  EXPECT_EQ(fs::status(report).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(Listing(), std::set<std::string>{"report.txt"});
}

// A write that fails part way (here the file size limit, `ulimit -f`) leaves the report that
// was there before as it was, and no temporary file. Before, the old report was cut to a
// half-written new one, or the limit's signal ended the process.
TEST_F(OutputCliTest, FailedWriteLeavesTheOldReportIntact) {
  const fs::path report = dir_ / "work/report.json";
  const std::string old = "{\"an\": \"earlier report\"}\n";
  std::ofstream(report) << old;
  const CliRun r = Bash(std::string("ulimit -f 64\n\"$L\" ") + kSamples + " -f json -o '" +
                        report.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("cannot write the report to " + report.string()),
                           HasSubstr("File too large")));
  EXPECT_EQ(testing::ReadFile(report.string()), old);
  EXPECT_EQ(Listing(), std::set<std::string>{"report.json"});
}

// What a text or Markdown report may hold besides printable text: line ends and, in colour,
// the writer's own SGR sequences (ESC [ digits m). Returns the first other control
// character, as "byte N: XX", or "" when there is none.
std::string FirstStrayControl(const std::string& report, bool writer_colour) {
  for (size_t i = 0; i < report.size(); ++i) {
    const auto b = static_cast<unsigned char>(report[i]);
    if (b == 0x1b && writer_colour && i + 1 < report.size() && report[i + 1] == '[') {
      size_t j = i + 2;
      while (j < report.size() &&
             (std::isdigit(static_cast<unsigned char>(report[j])) || report[j] == ';')) {
        ++j;
      }
      if (j < report.size() && report[j] == 'm') {
        i = j;
        continue;
      }
    }
    const bool c1 = b == 0xC2 && i + 1 < report.size() &&
                    static_cast<unsigned char>(report[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(report[i + 1]) < 0xA0;
    if ((b < 0x20 && b != '\n') || b == 0x7F || c1) {
      return "byte " + std::to_string(i) + ": " + std::to_string(b) + " in \"" +
             report.substr(i < 40 ? 0 : i - 40, 80) + "\"";
    }
  }
  return "";
}

// Terminal safety: escape sequences, BEL, backspace and C1 controls in log lines and file
// names (a log, a failed-files list, an archive member, a missing input) never reach the
// terminal raw, with colour on or off: they are shown as `less` shows them. Before, they
// went through as they were: a report could clear the screen or retitle the window.
TEST_F(OutputCliTest, ControlCharactersFromLogsAreShownEscaped) {
  const fs::path work = dir_ / "work";
  // Terminal commands, as a hostile or broken log might hold them. The SGR sequence looks
  // like the writer's own colour: it must be escaped too.
  const std::string hostile =
      "\x1b[2J\x1b]0;title\x07 bell\x07 back\b\b red\x1b[31m csi\xc2\x9b"
      "2J";
  const std::string head = "0AB0\t0974\t01/05\t10:00:0";
  std::string errlog;
  for (int i = 0; i < 3; ++i) {
    errlog += head + std::to_string(i) + ".000\t71\tx.cpp(1)\t\t\tWARNING\t" + hostile +
              " Failed: Hr: = [0x80070005]\r\n";
    errlog += head + std::to_string(i) + ".500\t71\tx.cpp(2)\t\t\tWARNING\tUnheard of " + hostile +
              "\r\n";
  }
  const std::string log_name =
      "CBEngine\x1b]0;name\x07"
      "Curr.errlog";
  std::ofstream(work / log_name, std::ios::binary) << errlog;
  std::ofstream(work / "LastBackupFailedFiles17af1_1_3_2026_1230.txt", std::ios::binary)
      << "Consider adding these to exclusion list of backup policy.---\r\n"
      << "D:\\Data\\\x1b[2J"
         "cleared\\a.txt\t0x80070005\r\n";
  // An archive whose member name carries them.
  const std::string member = "member\x1b[2J\xc2\x9b.errlog";
  std::ofstream(dir_ / member, std::ios::binary) << errlog;
  ASSERT_EQ(Bash("cd '" + dir_.string() + "' && zip -q '" + (work / "bundle.zip").string() +
                 "' $'member\\x1b[2J\\xc2\\x9b.errlog'")
                .exit_code,
            0);

  // Run in dir_, so that names are short and not cut.
  const std::string args =
      "cd '" + dir_.string() +
      "' && \"$L\" work $'missing\\x1b[2J\\x07.errlog' --year 2026 --lang en -q";
  for (const bool colour : {true, false}) {
    const CliRun r = Bash(args + (colour ? " --color always" : " --color never"));
    EXPECT_EQ(r.exit_code, 3) << r.err;
    const std::string stray = FirstStrayControl(r.out, colour);
    EXPECT_EQ(stray, "") << (colour ? "with colour" : "without colour");
    // Each is shown, escaped: in a sample line (cut at the width), the unknown template
    // (numbers masked), the failed file's folder, and the names of the log, of the member
    // and of the missing input.
    EXPECT_THAT(r.out, AllOf(HasSubstr("WARNING ^[[2J^[]0;title^G bell^G b"),
                             HasSubstr("Unheard of ^[[<N>J^[]<N>;title^G bell^G back^H^H "
                                       "red^[[<N>m csi<U+009B><N>J"),
                             HasSubstr("D:\\Data\\^[[2Jcleared"),
                             HasSubstr("work/CBEngine^[]0;name^GCurr.errlog"),
                             HasSubstr("work/bundle.zip!/member^[[2J<U+009B>.errlog"),
                             HasSubstr("missing^[[2J^G.errlog: no such file")));
    if (colour) {
      EXPECT_THAT(r.out, HasSubstr("\x1b[1m"));  // the writer's colour stays
    }
  }
  // The Markdown report, which is pasted and also read in terminals, likewise.
  const CliRun md = Bash(args + " -f markdown");
  EXPECT_EQ(md.exit_code, 3) << md.err;
  EXPECT_EQ(FirstStrayControl(md.out, false), "");
  EXPECT_THAT(md.out, HasSubstr("WARNING ^[[2J^[]0;title^G bell^G back^H^H red^[[31m "
                                "csi<U+009B>2J Failed"));
}

}  // namespace
}  // namespace loganalyze
