// Headless Chromium (Debian's chromium package) for the tests of HTML pages: a fixture that
// runs the browser on a page with a fresh profile, and readers of what it logged.
#ifndef LOGANALYZE_TESTS_BROWSER_UTIL_H_
#define LOGANALYZE_TESTS_BROWSER_UTIL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace loganalyze::testing {

namespace fs = std::filesystem;

constexpr char kChromium[] = "/usr/bin/chromium";

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void WriteFile(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct Browser {
  int status = -1;
  std::string out, err;
};

class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef _WIN32
    GTEST_SKIP() << "runs Debian's Chromium through a POSIX shell: the test runs in the Linux "
                    "build only";
#endif
    if (access(kChromium, X_OK) != 0) {
      GTEST_SKIP() << kChromium << " not found: install Debian's chromium package to run the "
                   << "browser tests (.ci/setup does).";
    }
    dir_ = fs::temp_directory_path() /
           ("loganalyze_browser_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (dir_.empty()) return;
    // Keep the pages and screenshots when asked to (LOGANALYZE_KEEP_HTML=1), to look at them.
    if (std::getenv("LOGANALYZE_KEEP_HTML") != nullptr) {
      std::printf("kept %s\n", dir_.c_str());
    } else {
      fs::remove_all(dir_);
    }
  }

  // Runs headless Chromium on `page` with `args`, bounded in time, with a fresh profile.
  Browser Run(const fs::path& page, const std::string& args, const std::string& fragment = "") {
    const fs::path profile = dir_ / ("profile" + std::to_string(++runs_));
    const fs::path err = dir_ / ("stderr" + std::to_string(runs_) + ".txt");
    const std::string command =
        "timeout 60 " + std::string(kChromium) +
        " --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
        " --no-default-browser-check --disable-background-networking --disable-component-update"
        " --disable-sync --disable-extensions --mute-audio --hide-scrollbars"
        " --enable-logging=stderr --v=0 --virtual-time-budget=3000"
        " --user-data-dir='" +
        profile.string() + "' " + args + " 'file://" + page.string() + fragment + "' 2>'" +
        err.string() + "'";
    Browser b;
    if (FILE* pipe = popen(command.c_str(), "r")) {
      char buf[65536];
      for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) b.out.append(buf, n);
      b.status = pclose(pipe);
    }
    b.err = ReadFile(err);
    return b;
  }

  fs::path dir_;
  int runs_ = 0;
};

// The lines of Chromium's log that say the page had a problem: an uncaught exception, any
// console message (the report's script writes none), a resource that failed to load or a load
// the CSP refused. The rest of the log is the browser's own noise (D-Bus, GPU, ...).
inline std::vector<std::string> PageProblems(const std::string& log) {
  std::vector<std::string> problems;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    for (const char* sign :
         {":CONSOLE", "Uncaught", "Failed to load resource", "net::ERR_", "Refused to"}) {
      if (line.find(sign) != std::string::npos) {
        problems.push_back(line);
        break;
      }
    }
  }
  return problems;
}

// The <html ...> start tag of a dumped DOM.
inline std::string HtmlTag(const std::string& dom) {
  const size_t start = dom.find("<html");
  return start == std::string::npos ? "" : dom.substr(start, dom.find('>', start) + 1 - start);
}

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_BROWSER_UTIL_H_
