// Starting programs on Windows for the tests that run the real CLI there: command lines for
// CreateProcessW, and a program run with pipes as its standard streams.
#ifndef LOGANALYZE_TESTS_WINDOWS_UTIL_H_
#define LOGANALYZE_TESTS_WINDOWS_UTIL_H_

#include <windows.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace loganalyze::testing {

// `wide` in UTF-8.
inline std::string Utf8(std::wstring_view wide) {
  if (wide.empty()) return std::string();
  const int size = static_cast<int>(wide.size());
  const int n = WideCharToMultiByte(CP_UTF8, 0, wide.data(), size, nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<size_t>(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, wide.data(), size, out.data(), n, nullptr, nullptr);
  return out;
}

// One argument quoted for CommandLineToArgvW and the C runtime's parser.
inline std::wstring Quote(const std::wstring& arg) {
  if (!arg.empty() && arg.find_first_of(L" \t\"") == std::wstring::npos) return arg;
  std::wstring out = L"\"";
  size_t backslashes = 0;
  for (wchar_t c : arg) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    // Backslashes before a quote are doubled, and the quote escaped.
    out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
    backslashes = 0;
    out.push_back(c);
  }
  out.append(backslashes * 2, L'\\');
  return out + L"\"";
}

// The command line that starts `program` with `args`, each quoted.
inline std::wstring CommandLine(const std::wstring& program, const std::vector<std::wstring>& args) {
  std::wstring line = Quote(program);
  for (const std::wstring& a : args) line += L" " + Quote(a);
  return line;
}

// Reads `pipe` into `to` (on its own thread, so that neither pipe fills up) until its end
// or until `limit` bytes are read, then closes it.
inline void Drain(HANDLE pipe, std::string* to, size_t limit = std::string::npos) {
  char buf[65536];
  DWORD n = 0;
  while (to->size() < limit && ReadFile(pipe, buf, sizeof buf, &n, nullptr) && n > 0) {
    to->append(buf, n);
  }
  CloseHandle(pipe);
}

// What a program run by Start did: its exit code, its standard output and error.
struct CliResult {
  DWORD exit_code = 0xFFFFFFFF;
  std::string out, err;
};

// What CreateProcessW needs to give a program `in`, `out` and `err` as its standard streams
// (inheritable handles, with bInheritHandles TRUE).
inline STARTUPINFOW WithStandardHandles(HANDLE in, HANDLE out, HANDLE err) {
  STARTUPINFOW si{};
  si.cb = sizeof si;
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = in;
  si.hStdOutput = out;
  si.hStdError = err;
  return si;
}

// Runs `program` with `args`, writing `input` to its standard input, in folder `cwd`
// (the current one when empty), and waits for it. Stops reading its standard output after
// `out_limit` bytes, as `| more` that is quit does.
inline CliResult Start(const std::wstring& program, const std::vector<std::wstring>& args,
                       const std::string& input = "", const std::wstring& cwd = L"",
                       size_t out_limit = std::string::npos) {
  CliResult r;
  SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
  HANDLE in_r, in_w, out_r, out_w, err_r, err_w;
  if (!CreatePipe(&in_r, &in_w, &inherit, 0) || !CreatePipe(&out_r, &out_w, &inherit, 0) ||
      !CreatePipe(&err_r, &err_w, &inherit, 0)) {
    ADD_FAILURE() << "CreatePipe failed: " << GetLastError();
    return r;
  }
  for (HANDLE ours : {in_w, out_r, err_r}) SetHandleInformation(ours, HANDLE_FLAG_INHERIT, 0);
  std::wstring line = CommandLine(program, args);
  STARTUPINFOW si = WithStandardHandles(in_r, out_w, err_w);
  PROCESS_INFORMATION pi{};
  const BOOL started =
      CreateProcessW(program.c_str(), line.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW,
                     nullptr, cwd.empty() ? nullptr : cwd.c_str(), &si, &pi);
  CloseHandle(in_r);
  CloseHandle(out_w);
  CloseHandle(err_w);
  if (!started) {
    ADD_FAILURE() << "cannot start " << Utf8(program) << ": error " << GetLastError();
    for (HANDLE h : {in_w, out_r, err_r}) CloseHandle(h);
    return r;
  }
  std::thread out_thread(Drain, out_r, &r.out, out_limit);
  std::thread err_thread(Drain, err_r, &r.err, std::string::npos);
  DWORD written = 0;
  if (!input.empty()) WriteFile(in_w, input.data(), static_cast<DWORD>(input.size()), &written, nullptr);
  CloseHandle(in_w);
  WaitForSingleObject(pi.hProcess, INFINITE);
  out_thread.join();
  err_thread.join();
  GetExitCodeProcess(pi.hProcess, &r.exit_code);
  CloseHandle(pi.hProcess);
  CloseHandle(pi.hThread);
  return r;
}

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_WINDOWS_UTIL_H_
