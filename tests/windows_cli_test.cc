// The real loganalyze.exe on Windows (or Wine), started the way Windows starts programs:
// CreateProcessW with a UTF-16 command line, no shell. What differs from POSIX: wide
// arguments and paths, wildcards the tool expands itself, drive letters, UNC and verbatim
// (\\?\C:\...) paths, files another program holds open, binary standard streams, UTF-16 lists.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "test_util.h"
#include "windows_util.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using loganalyze::testing::CliResult;
using loganalyze::testing::Quote;
using loganalyze::testing::Start;
using loganalyze::testing::Utf8;

// The environment variable that turns this program into the writer of the held-open test.
constexpr wchar_t kAppendTo[] = L"LOGANALYZE_TEST_APPEND_TO";

CliResult Cli(const std::vector<std::wstring>& args, const std::string& input = "",
        const std::wstring& cwd = L"", size_t out_limit = std::string::npos) {
  return Start(fs::path(LOGANALYZE_CLI).make_preferred().wstring(), args, input, cwd, out_limit);
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const fs::path kSamples = fs::path(LOGANALYZE_SAMPLES_DIR).make_preferred();

// The paths of the inputs of a JSON report, in its order.
std::vector<std::string> InputPaths(const std::string& json) {
  const absl::StatusOr<loganalyze::Report> report = loganalyze::ParseJsonReport(json);
  EXPECT_TRUE(report.ok()) << report.status() << "\n" << json.substr(0, 2000);
  std::vector<std::string> paths;
  if (report.ok()) {
    for (const loganalyze::ReportInput& in : report->inputs) paths.push_back(in.path);
  }
  return paths;
}

// A folder of its own under the temporary folder, removed at the end of the test.
class WindowsCliTest : public ::testing::Test {
 protected:
  // A short name: the text report shortens paths longer than its column.
  void SetUp() override {
    static int counter = 0;
    wchar_t temp[MAX_PATH + 1];
    ASSERT_GT(GetTempPathW(MAX_PATH + 1, temp), 0u);
    dir_ = fs::path(temp) / (L"lw" + std::to_wstring(GetCurrentProcessId()) + L"_" +
                             std::to_wstring(++counter));
    RemoveTree();
    fs::create_directories(dir_);
  }
  void TearDown() override { RemoveTree(); }
  // Through the \\?\ prefix, which reaches the folders of the long-path test too.
  void RemoveTree() const {
    const std::wstring verbatim = L"\\\\?\\" + fs::absolute(dir_).wstring();
    RemoveAll(verbatim);
    EXPECT_EQ(GetFileAttributesW(verbatim.c_str()), INVALID_FILE_ATTRIBUTES);
  }
  static void RemoveAll(const std::wstring& path) {
    WIN32_FIND_DATAW entry;
    const HANDLE h = FindFirstFileW((path + L"\\*").c_str(), &entry);
    if (h != INVALID_HANDLE_VALUE) {
      do {
        const std::wstring name = entry.cFileName;
        if (name == L"." || name == L"..") continue;
        const std::wstring child = path + L"\\" + name;
        if (entry.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
          RemoveAll(child);
        } else {
          DeleteFileW(child.c_str());
        }
      } while (FindNextFileW(h, &entry));
      FindClose(h);
    }
    RemoveDirectoryW(path.c_str());
  }
  // Copies the MARS samples into `to` (made with its parents).
  void CopyMars(const fs::path& to) {
    fs::create_directories(to);
    for (const char* name : {"CBEngineCurr.errlog", "CBEngine1.errlog", "GatewayProvider0.errlog",
                             "LastBackupFailedFiles17af1_1_3_2026_1230.txt"}) {
      fs::copy_file(kSamples / "mars" / name, to / name);
    }
  }
  fs::path dir_;
};

// Traditional Chinese folder and file names reach the tool through the wide command line,
// and every step (walk, open, modification time) goes through the wide API: the report names
// them in UTF-8.
TEST_F(WindowsCliTest, TraditionalChineseNamesThroughTheWideApi) {
  const fs::path folder = dir_ / L"備份記錄" / L"Temp";
  CopyMars(folder);
  fs::copy_file(kSamples / "mars/CBEngineCurr.errlog", folder / L"引擎記錄.errlog");
  const CliResult r = Cli({(dir_ / L"備份記錄").wstring(), L"-f", L"json", L"-q"});
  EXPECT_EQ(r.exit_code, 0u) << r.err;
  const std::vector<std::string> paths = InputPaths(r.out);
  ASSERT_EQ(paths.size(), 5u) << r.out.substr(0, 2000);
  const std::string want = Utf8((folder / L"引擎記錄.errlog").wstring());
  EXPECT_NE(std::find(paths.begin(), paths.end(), want), paths.end()) << want;
  // The year comes from the modification time, read through the wide path: no note says
  // that it could not be read.
  EXPECT_THAT(r.out, Not(HasSubstr("modification time")));
  // The text report prints the names as they are, in UTF-8 bytes into the pipe.
  const CliResult text = Cli({(folder / L"*.errlog").wstring(), L"--lang", L"zh-TW", L"-q"});
  EXPECT_EQ(text.exit_code, 0u) << text.err;
  EXPECT_THAT(text.out, HasSubstr("備份記錄"));
  EXPECT_THAT(text.out, HasSubstr("引擎記錄.errlog"));
}

// The tool expands `*`, `?` and `**` itself (cmd.exe passes them through), with drive letters
// and folders with spaces in their names.
TEST_F(WindowsCliTest, WildcardsOnDriveLetterPathsWithSpaces) {
  const fs::path temp = dir_ / L"Program Files" / L"Microsoft Azure Recovery Services Agent" /
                        L"Temp";
  CopyMars(temp);
  const std::wstring root = fs::absolute(dir_).wstring();
  ASSERT_TRUE(root.size() > 2 && root[1] == L':') << Utf8(root);
  auto inputs = [](const CliResult& r) { return InputPaths(r.out).size(); };

  const CliResult star = Cli({(temp / L"*.errlog").wstring(), L"-f", L"json", L"-q", L"--year", L"2026"});
  EXPECT_EQ(star.exit_code, 0u) << star.err;
  EXPECT_EQ(inputs(star), 3u);
  const CliResult question =
      Cli({(temp / L"CBEngine?urr.errlog").wstring(), L"-f", L"json", L"-q", L"--year", L"2026"});
  EXPECT_EQ(question.exit_code, 0u) << question.err;
  EXPECT_EQ(inputs(question), 1u);
  // `**` crosses folders; case is ignored, as by Windows.
  const CliResult deep = Cli({(dir_ / L"**" / L"*.ERRLOG").wstring(), L"-f", L"json", L"-q", L"--year",
                        L"2026"});
  EXPECT_EQ(deep.exit_code, 0u) << deep.err;
  EXPECT_EQ(inputs(deep), 3u);
  // Forward slashes too, as PowerShell users type them.
  std::wstring slashed = (temp / L"*.txt").wstring();
  std::replace(slashed.begin(), slashed.end(), L'\\', L'/');
  const CliResult txt = Cli({slashed, L"-f", L"json", L"-q", L"--year", L"2026"});
  EXPECT_EQ(txt.exit_code, 0u) << txt.err;
  EXPECT_EQ(inputs(txt), 1u);
  // A pattern that matches nothing is an error naming it (exit code 3).
  const CliResult none = Cli({(temp / L"*.etl").wstring(), L"-q"});
  EXPECT_EQ(none.exit_code, 3u);
  EXPECT_THAT(none.out, HasSubstr("no file matches"));
}

// A path longer than MAX_PATH (260) works given with the \\?\ prefix, named and as a pattern.
TEST_F(WindowsCliTest, PathsLongerThan260CharactersThroughTheVerbatimPrefix) {
  std::wstring deep = L"\\\\?\\" + fs::absolute(dir_).wstring();
  for (int i = 0; deep.size() < 320; ++i) {
    deep += L"\\folder-with-a-long-name-" + std::to_wstring(i);
    ASSERT_TRUE(CreateDirectoryW(deep.c_str(), nullptr)) << GetLastError();
  }
  const std::wstring file = deep + L"\\CBEngineCurr.errlog";
  ASSERT_TRUE(CopyFileW((kSamples / "mars/CBEngineCurr.errlog").c_str(), file.c_str(), TRUE))
      << GetLastError();

  const CliResult named = Cli({file, L"-f", L"json", L"-q"});
  EXPECT_EQ(named.exit_code, 0u) << named.err;
  const absl::StatusOr<loganalyze::Report> report = loganalyze::ParseJsonReport(named.out);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->inputs.size(), 1u);
  EXPECT_GT(report->inputs[0].stats.records, 0u);
  EXPECT_TRUE(report->inputs[0].error.empty()) << report->inputs[0].error;
  EXPECT_GT(report->inputs[0].path.size(), 260u);

  const CliResult pattern = Cli({deep + L"\\*.errlog", L"-f", L"json", L"-q"});
  EXPECT_EQ(pattern.exit_code, 0u) << pattern.err;
  EXPECT_EQ(InputPaths(pattern.out).size(), 1u);
}

// \\server\share paths: through the administrative share of this machine's drive.
TEST_F(WindowsCliTest, UncPaths) {
  const std::wstring local = fs::absolute(dir_).wstring();
  const std::wstring unc = L"\\\\localhost\\" + local.substr(0, 1) + L"$" + local.substr(2);
  if (GetFileAttributesW(unc.c_str()) == INVALID_FILE_ATTRIBUTES) {
    GTEST_SKIP() << "no administrative share \\\\localhost\\" << Utf8(local.substr(0, 1))
                 << "$ here (Wine has none; Windows has it unless turned off)";
  }
  CopyMars(dir_ / L"Temp");
  const CliResult r = Cli({unc + L"\\Temp\\*.errlog", L"-f", L"json", L"-q"});
  EXPECT_EQ(r.exit_code, 0u) << r.err;
  EXPECT_EQ(InputPaths(r.out).size(), 3u);
}

// The writer of HeldOpenByAWriter: holds the file open for writing (and for deletion, as a
// logger that renames its file when it rotates it), shared for reading only, and appends a
// line every 20 ms until the file STOP appears beside it.
int AppendUntilStopped(const std::wstring& path) {
  const HANDLE h = CreateFileW(path.c_str(), GENERIC_WRITE | DELETE, FILE_SHARE_READ, nullptr,
                               OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) return 10;
  SetFilePointer(h, 0, nullptr, FILE_END);
  const std::wstring started = path + L".started", stop = path + L".stop";
  const std::string line = loganalyze::testing::ToUtf16(
      "F08\t259C\t01/02\t21:52:22.820\t70\titemcatalog.cpp(1009)\t[000000000DBBA2E0]\t"
      "\tWARNING\tstill writing\r\n",
      true, false);
  for (int i = 0; i < 3000 && GetFileAttributesW(stop.c_str()) == INVALID_FILE_ATTRIBUTES; ++i) {
    DWORD n = 0;
    WriteFile(h, line.data(), static_cast<DWORD>(line.size()), &n, nullptr);
    FlushFileBuffers(h);
    if (i == 0) CloseHandle(CreateFileW(started.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                                        FILE_ATTRIBUTE_NORMAL, nullptr));
    Sleep(20);
  }
  CloseHandle(h);
  return 0;
}

// Before the tests: this program started as the writer does nothing else.
const bool kWriter = [] {
  wchar_t path[32768];
  if (GetEnvironmentVariableW(kAppendTo, path, 32768) == 0) return false;
  ExitProcess(static_cast<UINT>(AppendUntilStopped(path)));
}();

// The agent holds CBEngineCurr.errlog open for writing while it runs: the tool reads it all
// the same, while another process appends to it.
// A UNC path is taken as one, whether or not its server answers (Wine has no network
// shares; on Windows a `.invalid` name fails at once): one that cannot be reached is
// reported under the name it was given, `\\` kept, and the run goes on with the rest.
TEST_F(WindowsCliTest, AnUnreachableUncPathIsReportedByItsName) {
  CopyMars(dir_ / L"Temp");
  const std::wstring unc = L"\\\\nosuchserver.invalid\\share\\Temp\\*.errlog";
  const CliResult r = Cli({unc, (dir_ / L"Temp" / L"*.errlog").wstring(), L"-f", L"json", L"-q"});
  EXPECT_EQ(r.exit_code, 3u) << r.err;
  EXPECT_EQ(InputPaths(r.out).size(), 4u);  // the three logs, and the UNC path in error
  EXPECT_THAT(r.out, HasSubstr(R"("path":"\\\\nosuchserver.invalid\\share\\Temp\\*.errlog")"));
}

TEST_F(WindowsCliTest, ReadsALogAnotherProcessHoldsOpenAndAppendsTo) {
  CopyMars(dir_);
  const fs::path log = dir_ / "CBEngineCurr.errlog";
  wchar_t self[32768];
  ASSERT_GT(GetModuleFileNameW(nullptr, self, 32768), 0u);
  ASSERT_TRUE(SetEnvironmentVariableW(kAppendTo, log.c_str()));
  STARTUPINFOW si{};
  si.cb = sizeof si;
  PROCESS_INFORMATION pi{};
  std::wstring line = Quote(self);
  const BOOL started = CreateProcessW(self, line.data(), nullptr, nullptr, FALSE, CREATE_NO_WINDOW,
                                      nullptr, nullptr, &si, &pi);
  SetEnvironmentVariableW(kAppendTo, nullptr);
  ASSERT_TRUE(started) << GetLastError();
  for (int i = 0; i < 500 && !fs::exists(log.wstring() + L".started"); ++i) Sleep(20);
  ASSERT_TRUE(fs::exists(log.wstring() + L".started")) << "the writer did not start";
  // The writer shares the file for reading only: a second writer is refused, so the file is
  // held as the test means it to be.
  const HANDLE other = CreateFileW(log.c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE |
                                   FILE_SHARE_DELETE, nullptr, OPEN_EXISTING, 0, nullptr);
  EXPECT_EQ(other, INVALID_HANDLE_VALUE);
  if (other != INVALID_HANDLE_VALUE) CloseHandle(other);

  const CliResult r = Cli({log.wstring(), L"-f", L"json", L"-q", L"--year", L"2026"});
  std::ofstream(fs::path(log.wstring() + L".stop")).put('\n');
  WaitForSingleObject(pi.hProcess, 60000);
  DWORD writer_code = 1;
  GetExitCodeProcess(pi.hProcess, &writer_code);
  CloseHandle(pi.hProcess);
  CloseHandle(pi.hThread);
  EXPECT_EQ(writer_code, 0u);

  EXPECT_EQ(r.exit_code, 0u) << r.err << r.out.substr(0, 2000);
  const absl::StatusOr<loganalyze::Report> report = loganalyze::ParseJsonReport(r.out);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->inputs.size(), 1u);
  EXPECT_TRUE(report->inputs[0].error.empty()) << report->inputs[0].error;
  // At least what the file held before the writer started, and a line of its own.
  const uint64_t before = fs::file_size(kSamples / "mars/CBEngineCurr.errlog");
  EXPECT_GT(report->inputs[0].stats.bytes, before);
  EXPECT_THAT(r.out, HasSubstr("still writing"));
}

// Standard input and output are binary: a log with CRLF line ends and a Ctrl+Z byte (the end
// of a file in text mode) piped in reads as the same bytes as from the file, and the JSON
// report comes out with "\n" line ends only.
TEST_F(WindowsCliTest, StandardStreamsAreBinary) {
  std::string log;
  for (int i = 0; i < 20; ++i) {
    log += "2026-01-0" + std::to_string(1 + i % 9) +
           " 10:00:00 ERROR something failed with 0x80070005\r\n";
    if (i == 5) log += "a control character \x1A in the middle\r\n";
  }
  const fs::path file = dir_ / "piped.log";
  std::ofstream(file, std::ios::binary) << log;
  const CliResult from_file = Cli({file.wstring(), L"-f", L"json", L"-q", L"--year", L"2026"});
  const CliResult from_stdin = Cli({L"-", L"-f", L"json", L"-q", L"--year", L"2026"}, log);
  ASSERT_EQ(from_file.exit_code, 0u) << from_file.err;
  ASSERT_EQ(from_stdin.exit_code, 0u) << from_stdin.err;
  const absl::StatusOr<loganalyze::Report> a = loganalyze::ParseJsonReport(from_file.out);
  const absl::StatusOr<loganalyze::Report> b = loganalyze::ParseJsonReport(from_stdin.out);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->inputs.size(), 1u);
  ASSERT_EQ(b->inputs.size(), 1u);
  EXPECT_EQ(b->inputs[0].stats.bytes, log.size());
  EXPECT_EQ(b->inputs[0].stats.lines, a->inputs[0].stats.lines);
  EXPECT_EQ(b->inputs[0].stats.records, a->inputs[0].stats.records);
  EXPECT_THAT(from_stdin.out, Not(HasSubstr("\r\n")));
  EXPECT_THAT(from_file.out, Not(HasSubstr("\r\n")));
}

// zh-TW text goes into a pipe as UTF-8 bytes, whatever the console's code page.
TEST_F(WindowsCliTest, ChineseTextIsUtf8InAPipe) {
  const CliResult r = Cli({L"explain", L"0x80070005", L"--lang", L"zh-TW"});
  EXPECT_EQ(r.exit_code, 0u) << r.err;
  EXPECT_THAT(r.out, HasSubstr("處理方式"));
  EXPECT_THAT(r.out, HasSubstr("原因"));
  // Neither colour nor a progress bar outside a console, and none with NO_COLOR.
  const CliResult report = Cli({kSamples.wstring(), L"--year", L"2026", L"--lang", L"zh-TW"});
  EXPECT_EQ(report.exit_code, 0u) << report.err;
  EXPECT_THAT(report.out, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(report.err, Not(HasSubstr("\r[")));
}

// A reader that stops early (a pager quit, `| findstr /m`) is no failure: exit code 0 and
// no message, as on Linux.
TEST_F(WindowsCliTest, AReaderThatStopsEarlyIsNoError) {
  const CliResult r = Cli({kSamples.wstring(), L"--year", L"2026", L"-f", L"json", L"-j1"}, "", L"", 100);
  EXPECT_EQ(r.exit_code, 0u) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("cannot write")));
}

// A list written by PowerShell (`dir -Name > list.txt`: UTF-16LE with a BOM, CRLF), naming
// files with Chinese names.
TEST_F(WindowsCliTest, FilesFromAUtf16ListWithABom) {
  const fs::path folder = dir_ / L"備份記錄";
  CopyMars(folder);
  const std::string list = loganalyze::testing::ToUtf16(
      Utf8((folder / L"CBEngineCurr.errlog").wstring()) + "\r\n" +
      Utf8((folder / L"CBEngine1.errlog").wstring()) + "\r\n", true, true);
  const fs::path list_file = dir_ / L"清單.txt";
  std::ofstream(list_file, std::ios::binary) << list;
  const CliResult r = Cli({L"--files-from", list_file.wstring(), L"-f", L"json", L"-q", L"--year",
                     L"2026"});
  EXPECT_EQ(r.exit_code, 0u) << r.err;
  const std::vector<std::string> paths = InputPaths(r.out);
  EXPECT_THAT(paths, ::testing::UnorderedElementsAre(
                         Utf8((folder / L"CBEngineCurr.errlog").wstring()),
                         Utf8((folder / L"CBEngine1.errlog").wstring())));
}

// Exit codes as on Linux: 0 done, 1 a finding reached --fail-on, 2 usage, 3 unreadable input.
TEST_F(WindowsCliTest, ExitCodes) {
  const std::wstring engine = (kSamples / "mars/CBEngineCurr.errlog").wstring();
  EXPECT_EQ(Cli({engine, L"-q", L"--year", L"2026"}).exit_code, 0u);
  EXPECT_EQ(Cli({engine, L"-q", L"--year", L"2026", L"--fail-on", L"warning"}).exit_code, 1u);
  EXPECT_EQ(Cli({engine, L"--format", L"pdf"}).exit_code, 2u);
  const CliResult missing = Cli({(dir_ / L"不存在.errlog").wstring(), L"-q"});
  EXPECT_EQ(missing.exit_code, 3u);
  EXPECT_THAT(missing.out, HasSubstr("不存在.errlog"));
}

// The JSON report over samples/ is the Linux build's golden file, byte for byte, once the
// Windows separators in its paths are written as `/`.
TEST_F(WindowsCliTest, JsonReportEqualsTheLinuxGolden) {
  const CliResult r = Cli({L"samples/", L"--year", L"2026", L"--lang", L"en", L"--color", L"never",
                     L"-q", L"-f", L"json"},
                    "", fs::path(LOGANALYZE_SOURCE_DIR).make_preferred().wstring());
  ASSERT_EQ(r.exit_code, 0u) << r.err;
  std::string golden = ReadAll(fs::path(LOGANALYZE_SOURCE_DIR) / "tests/golden/samples.json");
  ASSERT_FALSE(golden.empty());
  // In JSON a `\` is written `\\`. Log lines quote Windows paths too: the same replacement on
  // both sides keeps them equal.
  auto slashes = [](std::string s) {
    for (size_t at = 0; (at = s.find("\\\\", at)) != std::string::npos;) s.replace(at, 2, "/");
    return s;
  };
  EXPECT_TRUE(slashes(r.out) == slashes(golden))
      << "the JSON report differs from tests/golden/samples.json beyond path separators";
}

}  // namespace
