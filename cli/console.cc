#include "cli/console.h"

#include <algorithm>
#include <cerrno>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <windows.h>
// After windows.h, whose types it uses.
#include <shellapi.h>

#include <climits>
#else
#include <unistd.h>
#endif

namespace loganalyze::cli {

#ifdef _WIN32
namespace {

std::string Utf8(const wchar_t* wide) {
  const int n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, nullptr, 0, nullptr, nullptr);
  if (n <= 1) return std::string();
  std::string out(static_cast<size_t>(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, wide, -1, out.data(), n, nullptr, nullptr);
  out.pop_back();  // the terminating NUL
  return out;
}

// The console behind `stream`, or nullptr when it is a pipe, a file or nothing.
HANDLE ConsoleOf(std::FILE* stream) {
  const HANDLE h = reinterpret_cast<HANDLE>(_get_osfhandle(_fileno(stream)));
  DWORD mode;
  if (h == INVALID_HANDLE_VALUE || h == nullptr || !GetConsoleMode(h, &mode)) return nullptr;
  return h;
}

// Turns on VT processing for the console behind `stream`; false if it has none, or one
// that refuses (consoles before Windows 10).
bool AcceptsVt(std::FILE* stream) {
  const HANDLE h = ConsoleOf(stream);
  DWORD mode;
  if (h == nullptr || !GetConsoleMode(h, &mode)) return false;
  if (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING) return true;
  return SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0;
}

}  // namespace

std::vector<std::string> Utf8Arguments(int argc, char** argv) {
  int n = 0;
  wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &n);
  std::vector<std::string> args;
  if (wide == nullptr) return std::vector<std::string>(argv, argv + argc);
  for (int i = 0; i < n; ++i) args.push_back(Utf8(wide[i]));
  LocalFree(wide);
  return args;
}

void SetBinaryStandardStreams() {
  for (int fd = 0; fd <= 2; ++fd) _setmode(fd, _O_BINARY);
}

int WriteErrno(int error) {
  const DWORD last = GetLastError();
  return last == ERROR_NO_DATA || last == ERROR_BROKEN_PIPE ? EPIPE : error;
}

bool StdoutIsTerminal() { return AcceptsVt(stdout); }
bool StderrIsTerminal() { return AcceptsVt(stderr); }

ConsoleWrite WriteToConsole(std::FILE* stream, std::string_view text) {
  const HANDLE h = ConsoleOf(stream);
  if (h == nullptr) return ConsoleWrite::kNotConsole;
  std::fflush(stream);  // what went through the C library first comes first
  std::wstring wide;
  if (!text.empty() && text.size() <= static_cast<size_t>(INT_MAX)) {
    const int size = static_cast<int>(text.size());
    const int n = MultiByteToWideChar(CP_UTF8, 0, text.data(), size, nullptr, 0);
    wide.resize(static_cast<size_t>(n > 0 ? n : 0));
    if (n > 0) MultiByteToWideChar(CP_UTF8, 0, text.data(), size, wide.data(), n);
  }
  // A console takes a limited amount in one call: write in pieces.
  constexpr size_t kPiece = 8192;
  for (size_t i = 0; i < wide.size();) {
    const DWORD want = static_cast<DWORD>(std::min(kPiece, wide.size() - i));
    DWORD written = 0;
    if (!WriteConsoleW(h, wide.data() + i, want, &written, nullptr) || written == 0) {
      return ConsoleWrite::kFailed;
    }
    i += written;
  }
  return ConsoleWrite::kWritten;
}
#else
std::vector<std::string> Utf8Arguments(int argc, char** argv) {
  return std::vector<std::string>(argv, argv + argc);
}

void SetBinaryStandardStreams() {}

int WriteErrno(int error) { return error; }

bool StdoutIsTerminal() { return isatty(1) != 0; }
bool StderrIsTerminal() { return isatty(2) != 0; }

ConsoleWrite WriteToConsole(std::FILE*, std::string_view) { return ConsoleWrite::kNotConsole; }
#endif

}  // namespace loganalyze::cli
