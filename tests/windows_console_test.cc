// The real loganalyze.exe writing to a console, as when a user runs it in cmd.exe or
// PowerShell: on a pseudo console (CreatePseudoConsole), whose screen comes back through a
// pipe as UTF-8 text with VT sequences. What cli/console.cc promises there: zh-TW text written
// with WriteConsoleW arrives intact whatever the console's code page; the report is coloured
// on a console that accepts VT sequences, and not with NO_COLOR or --color never.
// (windows_cli_test checks the other side: UTF-8 bytes and no colour into a pipe.)

// CreatePseudoConsole and its attribute came with Windows 10 1809 (RS5); MinGW declares them
// only for that version. They are looked up at run time, so that the program still starts on
// an older Windows and says why it skips.
#define NTDDI_VERSION 0x0A000006

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "windows_util.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using loganalyze::testing::CliResult;
using loganalyze::testing::CommandLine;
using loganalyze::testing::Drain;
using loganalyze::testing::Start;

// The environment variable that turns this program into the shell of RunOnConsole; it holds
// the command line the shell runs.
constexpr wchar_t kRun[] = L"LOGANALYZE_TEST_CONSOLE_RUN";

// Exit codes of the shell when it cannot run the command (loganalyze's own are 0 to 3).
constexpr DWORD kNoConsole = 101, kCannotStart = 102;

// The shell: runs `line` with this process's console as its standard input, output and error,
// as cmd.exe runs a program, and returns its exit code. Under Wine 8 a process started on a
// pseudo console keeps its parent's standard handles (null ones if the parent passes none),
// so what it writes there never reaches the console: the shell opens the console itself
// (CONOUT$, CONIN$) and passes those handles on.
DWORD RunOnThisConsole(std::wstring line) {
  SetEnvironmentVariableW(kRun, nullptr);
  SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
  const HANDLE out = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE,
                                 FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0,
                                 nullptr);
  const HANDLE in = CreateFileW(L"CONIN$", GENERIC_READ | GENERIC_WRITE,
                                FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0,
                                nullptr);
  if (out == INVALID_HANDLE_VALUE || in == INVALID_HANDLE_VALUE) return kNoConsole;
  // The code page of an English Windows console (437), which has no Chinese: UTF-8 bytes
  // written to it as they are come out as other characters, so only WriteConsoleW passes.
  SetConsoleOutputCP(437);
  STARTUPINFOW si = loganalyze::testing::WithStandardHandles(in, out, out);
  PROCESS_INFORMATION pi{};
  if (!CreateProcessW(nullptr, line.data(), nullptr, nullptr, TRUE, 0, nullptr, nullptr, &si,
                      &pi)) {
    return kCannotStart;
  }
  WaitForSingleObject(pi.hProcess, INFINITE);
  DWORD code = kCannotStart;
  GetExitCodeProcess(pi.hProcess, &code);
  CloseHandle(pi.hProcess);
  CloseHandle(pi.hThread);
  return code;
}

// Before the tests: this program started as the shell does nothing else.
const bool kShell = [] {
  std::wstring line(32768, L'\0');
  const DWORD n = GetEnvironmentVariableW(kRun, line.data(), static_cast<DWORD>(line.size()));
  if (n == 0 || n >= line.size()) return false;
  line.resize(n);
  ExitProcess(RunOnThisConsole(line));
}();

// This process's environment without NO_COLOR, with `extra` ("NAME=value" each) added: a block
// for CreateProcessW.
std::wstring Environment(const std::vector<std::wstring>& extra) {
  std::wstring block;
  wchar_t* env = GetEnvironmentStringsW();
  for (const wchar_t* var = env; *var != L'\0'; var += wcslen(var) + 1) {
    if (_wcsnicmp(var, L"NO_COLOR=", 9) == 0) continue;
    block.append(var).push_back(L'\0');
  }
  FreeEnvironmentStringsW(env);
  for (const std::wstring& var : extra) block.append(var).push_back(L'\0');
  block.push_back(L'\0');
  return block;
}

// Starts this program as the shell, on `console`, with the environment `block`. False, with
// the error as GetLastError's, if it cannot.
bool StartShell(HPCON console, std::wstring block, PROCESS_INFORMATION* pi) {
  SIZE_T size = 0;
  InitializeProcThreadAttributeList(nullptr, 1, 0, &size);
  std::vector<char> buffer(size);
  const auto list = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(buffer.data());
  if (!InitializeProcThreadAttributeList(list, 1, 0, &size)) return false;
  STARTUPINFOEXW si{};
  si.StartupInfo.cb = sizeof si;
  si.lpAttributeList = list;
  wchar_t self[32768];
  const DWORD n = GetModuleFileNameW(nullptr, self, 32768);
  std::wstring line = CommandLine(std::wstring(self, n), {});
  const bool started =
      n > 0 &&
      UpdateProcThreadAttribute(list, 0, PROC_THREAD_ATTRIBUTE_PSEUDOCONSOLE, console,
                                sizeof console, nullptr, nullptr) &&
      CreateProcessW(self, line.data(), nullptr, nullptr, FALSE,
                     EXTENDED_STARTUPINFO_PRESENT | CREATE_UNICODE_ENVIRONMENT, block.data(),
                     nullptr, &si.StartupInfo, pi);
  const DWORD error = GetLastError();
  DeleteProcThreadAttributeList(list);
  SetLastError(error);
  return started;
}

// The pseudo console's functions, or nulls on a Windows older than 10 1809.
struct PseudoConsoleApi {
  decltype(&CreatePseudoConsole) create = nullptr;
  decltype(&ClosePseudoConsole) close = nullptr;
};

const PseudoConsoleApi& Api() {
  static const PseudoConsoleApi api = [] {
    const HMODULE kernel32 = GetModuleHandleW(L"kernel32.dll");
    PseudoConsoleApi a;
    a.create = reinterpret_cast<decltype(&CreatePseudoConsole)>(
        reinterpret_cast<void*>(GetProcAddress(kernel32, "CreatePseudoConsole")));
    a.close = reinterpret_cast<decltype(&ClosePseudoConsole)>(
        reinterpret_cast<void*>(GetProcAddress(kernel32, "ClosePseudoConsole")));
    return a;
  }();
  return api;
}

struct ConsoleResult {
  DWORD exit_code = 0xFFFFFFFF;
  std::string screen;  // what the pseudo console wrote: UTF-8 text and VT sequences
};

// Runs loganalyze.exe with `args` on a new pseudo console of 250 columns (wider than any
// report line, so that none wraps), through the shell above, with NO_COLOR taken out of the
// environment and `env` added; returns what the console showed once the program ended.
ConsoleResult RunOnConsole(const std::vector<std::wstring>& args,
                           const std::vector<std::wstring>& env = {}) {
  ConsoleResult r;
  HANDLE in_r, in_w, out_r, out_w;
  if (!CreatePipe(&in_r, &in_w, nullptr, 0) || !CreatePipe(&out_r, &out_w, nullptr, 0)) {
    ADD_FAILURE() << "CreatePipe failed: " << GetLastError();
    return r;
  }
  HPCON console = nullptr;
  const HRESULT made = Api().create(COORD{250, 50}, in_r, out_w, 0, &console);
  // The console holds its own ends of the pipes: the output pipe ends when the console closes.
  CloseHandle(in_r);
  CloseHandle(out_w);
  if (FAILED(made)) {
    ADD_FAILURE() << "CreatePseudoConsole failed: HRESULT 0x" << std::hex << made;
    CloseHandle(in_w);
    CloseHandle(out_r);
    return r;
  }
  // Read from the start: a console whose output pipe is full stops its programs.
  std::thread reader(Drain, out_r, &r.screen, std::string::npos);

  std::vector<std::wstring> vars = env;
  vars.push_back(std::wstring(kRun) + L"=" +
                 CommandLine(fs::path(LOGANALYZE_CLI).make_preferred().wstring(), args));
  PROCESS_INFORMATION pi{};
  const bool started = StartShell(console, Environment(vars), &pi);
  if (!started) {
    ADD_FAILURE() << "cannot start the shell on the pseudo console: error " << GetLastError();
  } else {
    if (WaitForSingleObject(pi.hProcess, 120000) != WAIT_OBJECT_0) {
      ADD_FAILURE() << "still running after two minutes";
      TerminateProcess(pi.hProcess, 1);
      WaitForSingleObject(pi.hProcess, INFINITE);
    }
    GetExitCodeProcess(pi.hProcess, &r.exit_code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
  }
  // Closing the console ends its output pipe, and so the reader.
  Api().close(console);
  reader.join();
  CloseHandle(in_w);
  return r;
}

// What a console shows of `screen`: its text without VT sequences (cursor, colour, title) and
// without carriage returns.
std::string Visible(std::string_view screen) {
  std::string out;
  for (size_t i = 0; i < screen.size(); ++i) {
    if (screen[i] == '\x1b' && i + 1 < screen.size()) {
      const char kind = screen[++i];
      if (kind == '[') {  // CSI: parameters, then one final byte from @ to ~
        while (i + 1 < screen.size() && (screen[i + 1] < 0x40 || screen[i + 1] > 0x7e)) ++i;
        ++i;
      } else if (kind == ']') {  // OSC (the window title): up to BEL or ESC backslash
        while (i + 1 < screen.size() && screen[i + 1] != '\a' && screen[i + 1] != '\x1b') ++i;
        i += screen.substr(i + 1, 2) == "\x1b\\" ? 2 : 1;
      }
      continue;
    }
    if (screen[i] != '\r') out += screen[i];
  }
  return out;
}

// True if `screen` sets a colour or bold: an SGR sequence (ESC [ ... m) with a parameter other
// than 0. A pseudo console writes ESC[m and cursor sequences whatever the program does, so
// ESC[ alone says nothing.
bool SetsColour(std::string_view screen) {
  for (size_t at = 0; (at = screen.find("\x1b[", at)) != std::string_view::npos;) {
    at += 2;
    const size_t end = screen.find_first_not_of("0123456789;", at);
    if (end == std::string_view::npos) break;
    if (screen[end] == 'm' && screen.substr(at, end - at).find_first_not_of("0;") !=
                                  std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// The first line of `text` (its spaces aside) that does not show in `visible` after the lines
// before it; "" when every line does. Spaces aside: a console may draw a blank stretch as a
// cursor move rather than as spaces.
std::string FirstMissingLine(std::string_view text, std::string_view visible) {
  auto without_spaces = [](std::string_view s) {
    std::string out;
    for (char c : s) {
      if (c != ' ') out += c;
    }
    return out;
  };
  const std::string shown = without_spaces(visible);
  size_t from = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line = without_spaces(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    const size_t at = shown.find(line, from);
    if (at == std::string::npos) return line;
    from = at + line.size();
  }
  return "";
}

const std::wstring kSamples = fs::path(LOGANALYZE_SAMPLES_DIR).make_preferred().wstring();

CliResult Cli(const std::vector<std::wstring>& args) {
  return Start(fs::path(LOGANALYZE_CLI).make_preferred().wstring(), args);
}

class WindowsConsoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Api().create == nullptr || Api().close == nullptr) {
      GTEST_SKIP() << "no pseudo console on this Windows (it came with Windows 10 1809)";
    }
  }
};

// The zh-TW report on a console whose code page has no Chinese: every line of it shows, the
// same as in the report written into a pipe (colour changes no layout).
TEST_F(WindowsConsoleTest, ChineseReportShowsIntact) {
  const std::vector<std::wstring> args = {kSamples, L"--year", L"2026", L"--lang", L"zh-TW",
                                          L"-q"};
  const ConsoleResult console = RunOnConsole(args);
  ASSERT_EQ(console.exit_code, 0u) << console.screen.substr(0, 4000);
  const std::string visible = Visible(console.screen);
  for (const char* heading : {"記錄檔總覽", "發現的問題", "處理方式"}) {
    EXPECT_NE(visible.find(heading), std::string::npos)
        << heading << " is not on the console:\n" << visible.substr(0, 2000);
  }

  const CliResult piped = Cli(args);
  ASSERT_EQ(piped.exit_code, 0u) << piped.err;
  ASSERT_THAT(piped.out, HasSubstr("記錄檔總覽"));
  EXPECT_EQ(FirstMissingLine(Visible(piped.out), visible), "") << visible.substr(0, 4000);
}

// Error messages on standard error go to the console through WriteConsoleW too.
TEST_F(WindowsConsoleTest, ChineseErrorMessageShowsIntact) {
  const ConsoleResult console = RunOnConsole({kSamples, L"--kb-dir", L"不存在的知識庫"});
  EXPECT_EQ(console.exit_code, 2u) << console.screen;
  EXPECT_EQ(FirstMissingLine("loganalyze: 不存在的知識庫: no such knowledge-base directory\n",
                             Visible(console.screen)),
            "");
}

// Colour by default on a console that accepts VT sequences (Wine's and Windows 10's do); none
// with NO_COLOR set (to anything) or with --color never.
TEST_F(WindowsConsoleTest, ColourUnlessNoColorOrColorNever) {
  const std::vector<std::wstring> args = {kSamples, L"--year", L"2026", L"--lang", L"zh-TW",
                                          L"-q"};
  const ConsoleResult coloured = RunOnConsole(args);
  EXPECT_EQ(coloured.exit_code, 0u);
  EXPECT_TRUE(SetsColour(coloured.screen)) << coloured.screen.substr(0, 2000);

  const ConsoleResult no_color = RunOnConsole(args, {L"NO_COLOR=1"});
  EXPECT_EQ(no_color.exit_code, 0u);
  EXPECT_FALSE(SetsColour(no_color.screen)) << no_color.screen.substr(0, 2000);
  EXPECT_NE(Visible(no_color.screen).find("記錄檔總覽"), std::string::npos);

  std::vector<std::wstring> never = args;
  never.insert(never.end(), {L"--color", L"never"});
  const ConsoleResult plain = RunOnConsole(never);
  EXPECT_EQ(plain.exit_code, 0u);
  EXPECT_FALSE(SetsColour(plain.screen)) << plain.screen.substr(0, 2000);
  EXPECT_NE(Visible(plain.screen).find("記錄檔總覽"), std::string::npos);
}

// The progress bar: on standard error when it is a console that accepts VT sequences; never
// into a pipe, and never with -q. It shows once a run has gone on for
// LOGANALYZE_PROGRESS_AFTER_MS (500 by default; 0 here, so that it shows however fast this
// machine reads the input).
TEST_F(WindowsConsoleTest, ProgressBarOnAConsoleOnly) {
  // About 120 MB of log (the sample engine log 200 times, one BOM): a run of a moment, during
  // which the bar stays on the screen. The report goes to a file: the console shows only
  // standard error.
  const fs::path dir = fs::temp_directory_path() / "loganalyze_console_progress";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path big = dir / "CBEngineCurr.errlog";
  {
    std::ifstream in(fs::path(LOGANALYZE_SAMPLES_DIR) / "mars" / "CBEngineCurr.errlog",
                     std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_EQ(bytes.substr(0, 2), "\xFF\xFE");
    std::ofstream out(big, std::ios::binary);
    out << bytes;
    for (int i = 1; i < 200; ++i) out.write(bytes.data() + 2, bytes.size() - 2);
    ASSERT_TRUE(out.good());
  }
  const std::vector<std::wstring> args = {big.wstring(), L"--year", L"2026", L"-j1", L"-f",
                                          L"json", L"-o", (dir / "report.json").wstring()};
  const std::vector<std::wstring> env = {L"LOGANALYZE_PROGRESS_AFTER_MS=0"};
  const ConsoleResult console = RunOnConsole(args, env);
  EXPECT_EQ(console.exit_code, 0u) << console.screen.substr(0, 2000);
  const std::string visible = Visible(console.screen);
  EXPECT_THAT(visible, HasSubstr("1 files")) << visible.substr(0, 2000);
  EXPECT_THAT(visible, HasSubstr("[#")) << visible.substr(0, 2000);

  std::vector<std::wstring> quiet = args;
  quiet.push_back(L"-q");
  const ConsoleResult silent = RunOnConsole(quiet, env);
  EXPECT_EQ(silent.exit_code, 0u);
  EXPECT_THAT(Visible(silent.screen), Not(HasSubstr("files")));

  SetEnvironmentVariableW(L"LOGANALYZE_PROGRESS_AFTER_MS", L"0");  // for the piped run
  const CliResult piped = Cli(args);
  SetEnvironmentVariableW(L"LOGANALYZE_PROGRESS_AFTER_MS", nullptr);
  EXPECT_EQ(piped.exit_code, 0u) << piped.err;
  EXPECT_THAT(piped.err, Not(HasSubstr("files")));
  fs::remove_all(dir);
}

}  // namespace
