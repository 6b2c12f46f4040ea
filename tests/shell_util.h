// Running a command through the shell, for the tests that drive the real CLI.
#ifndef LOGANALYZE_TESTS_SHELL_UTIL_H_
#define LOGANALYZE_TESTS_SHELL_UTIL_H_

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace loganalyze::testing {

struct ShellResult {
  int exit_code = -1;  // -1 when the command could not start or did not exit normally
  std::string out;     // everything it wrote to standard output
};

// Runs `command` with /bin/sh and waits for it. Standard error goes where the command line
// sends it (the caller adds a redirection).
inline ShellResult RunShell(const std::string& command) {
  ShellResult r;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The bytes of the file at `path` (what a command wrote there); "" if it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_SHELL_UTIL_H_
