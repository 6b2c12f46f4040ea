// For the tests that build real archives at test time: the tools they need, a scratch
// folder, and zips as Windows tools write them (made with Python's zipfile): with UTF-8
// names (flagged, as PowerShell's Compress-Archive and .NET write them) or with names in a
// code page and no flag (as Explorer's "Send to compressed folder" writes them).
#ifndef LOGANALYZE_TESTS_ARCHIVE_UTIL_H_
#define LOGANALYZE_TESTS_ARCHIVE_UTIL_H_

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace loganalyze::testing {

#ifdef _WIN32
// The archives are made by Debian's tools through a POSIX shell, which Windows has not.
inline bool HaveTool(const std::string&) { return false; }
inline std::string MissingToolReason(const std::string& tool, const std::string& package) {
  return tool + " (Debian package " + package + ") makes this test's input through a POSIX " +
         "shell: the test runs in the Linux build only";
}
#else
inline bool HaveTool(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}
inline std::string MissingToolReason(const std::string& tool, const std::string& package) {
  return tool + " is not installed (Debian package " + package + ")";
}
#endif

// Skips the test when `tool` is missing, naming the Debian package that has it.
#define REQUIRE_TOOL(tool, package)                                        \
  if (!::loganalyze::testing::HaveTool(tool)) {                            \
    GTEST_SKIP() << ::loganalyze::testing::MissingToolReason(tool, package); \
  }

// A fresh folder under the system's temporary folder, removed with everything in it at the
// end. Not copyable.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix) {
    static std::atomic<int> counter{0};
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = std::filesystem::temp_directory_path() /
            (prefix + std::to_string(now) + "_" + std::to_string(++counter));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// (name, data) of each member, in order.
using ZipMembers = std::vector<std::pair<std::string, std::string>>;

inline std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void WriteWholeFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Writes `zip` as made on Windows ("version made by": FAT), its names given in UTF-8:
// zipfile sets the UTF-8 flag on every name that is not ASCII. Helper files go beside it.
inline ::testing::AssertionResult WritePythonZip(const std::filesystem::path& zip,
                                                 const ZipMembers& members) {
  const std::filesystem::path dir = zip.parent_path();
  WriteWholeFile(dir / "make_zip.py",
                 "import sys, zipfile\n"
                 "with zipfile.ZipFile(sys.argv[1], 'w') as z:\n"
                 "    for name, data in zip(sys.argv[2::2], sys.argv[3::2]):\n"
                 "        info = zipfile.ZipInfo(name, (2026, 1, 4, 12, 30, 0))\n"
                 "        info.create_system = 0\n"
                 "        z.writestr(info, open(data, 'rb').read())\n");
  std::string command = "cd '" + dir.string() + "' && python3 make_zip.py '" +
                        zip.filename().string() + "'";
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string data = "zip_member_" + std::to_string(i);
    WriteWholeFile(dir / data, members[i].second);
    command += " '" + members[i].first + "' " + data;
  }
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
    return ::testing::AssertionFailure() << "failed: " << command;
  }
  return ::testing::AssertionSuccess();
}

// Writes `zip` with each name stored as the given bytes and no UTF-8 flag. zipfile flags any
// name that is not ASCII, so it writes ASCII stand-ins of the same lengths, whose bytes are
// then replaced in the local headers and the central directory (a zip's checksums do not
// cover names).
inline ::testing::AssertionResult WriteLegacyZip(const std::filesystem::path& zip,
                                                 const ZipMembers& members) {
  ZipMembers stand_ins;
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string number = std::to_string(i);
    if (number.size() + 1 >= members[i].first.size()) {
      return ::testing::AssertionFailure() << "name too short: " << members[i].first;
    }
    std::string stand_in(members[i].first.size(), '~');  // "~0~~~~", "~1~~~~", ...
    stand_in.replace(1, number.size(), number);
    stand_ins.emplace_back(stand_in, members[i].second);
  }
  if (::testing::AssertionResult made = WritePythonZip(zip, stand_ins); !made) return made;
  std::string bytes = ReadWholeFile(zip);
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string& stand_in = stand_ins[i].first;
    int replaced = 0;
    for (size_t at = bytes.find(stand_in); at != std::string::npos;
         at = bytes.find(stand_in, at + stand_in.size())) {
      bytes.replace(at, stand_in.size(), members[i].first);
      ++replaced;
    }
    if (replaced != 2) {
      return ::testing::AssertionFailure()
             << stand_in << " found " << replaced
             << " times, not twice (local header and central directory)";
    }
  }
  WriteWholeFile(zip, bytes);
  return ::testing::AssertionSuccess();
}

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_ARCHIVE_UTIL_H_
