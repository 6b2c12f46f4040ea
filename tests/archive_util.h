// For the tests that build real archives at test time: the tools they need, a scratch
// folder, and zips as Windows tools write them: with UTF-8 names (flagged, as PowerShell's
// Compress-Archive and .NET write them) or with names in a code page and no flag (as
// Explorer's "Send to compressed folder" writes them).
#ifndef LOGANALYZE_TESTS_ARCHIVE_UTIL_H_
#define LOGANALYZE_TESTS_ARCHIVE_UTIL_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
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

// CRC-32 (IEEE 802.3), as a zip stores it for each member.
inline uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (const unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// How WriteStoredZip writes names: with the UTF-8 flag on those that are not ASCII (as
// PowerShell's Compress-Archive, .NET and Python's zipfile do), or as the bytes given with no
// flag (a legacy zip, its names in a code page).
enum class ZipNames { kUtf8Flagged, kRawBytes };

// Writes `zip`, its members stored (not compressed), as made on Windows ("version made by":
// FAT), dated 2026-01-04 12:30. Written here rather than by a tool, so that the tests that
// use it run on every platform, Windows included.
inline ::testing::AssertionResult WriteStoredZip(const std::filesystem::path& zip,
                                                 const ZipMembers& members, ZipNames names) {
  std::string out, central;
  auto u16 = [](std::string* s, uint32_t v) {
    s->push_back(static_cast<char>(v & 0xFF));
    s->push_back(static_cast<char>((v >> 8) & 0xFF));
  };
  auto u32 = [&](std::string* s, uint32_t v) {
    u16(s, v & 0xFFFF);
    u16(s, v >> 16);
  };
  constexpr uint32_t kTime = 12 << 11 | 30 << 5;               // 12:30:00
  constexpr uint32_t kDate = (2026 - 1980) << 9 | 1 << 5 | 4;  // 2026-01-04
  for (const auto& [name, data] : members) {
    if (name.size() > 0xFFFF || data.size() > 0xFFFFFFF0u || out.size() > 0xFFFFFFF0u) {
      return ::testing::AssertionFailure() << "too large for a zip without Zip64: " << name;
    }
    bool ascii = true;
    for (const unsigned char c : name) ascii = ascii && c < 0x80;
    const uint32_t flags = names == ZipNames::kUtf8Flagged && !ascii ? 0x0800 : 0;
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = Crc32(data), size = static_cast<uint32_t>(data.size());
    u32(&out, 0x04034b50);  // local file header
    for (const uint32_t v : {20u, flags, 0u, kTime, kDate}) u16(&out, v);
    for (const uint32_t v : {crc, size, size}) u32(&out, v);
    u16(&out, static_cast<uint32_t>(name.size()));
    u16(&out, 0);  // no extra field
    out += name;
    out += data;
    u32(&central, 0x02014b50);  // central directory entry
    for (const uint32_t v : {20u, 20u, flags, 0u, kTime, kDate}) u16(&central, v);
    for (const uint32_t v : {crc, size, size}) u32(&central, v);
    u16(&central, static_cast<uint32_t>(name.size()));
    for (int k = 0; k < 4; ++k) u16(&central, 0);  // extra, comment, disk, internal attributes
    u32(&central, 0);                               // external attributes
    u32(&central, offset);
    central += name;
  }
  const uint32_t central_offset = static_cast<uint32_t>(out.size());
  out += central;
  u32(&out, 0x06054b50);  // end of central directory
  for (const uint32_t v : {0u, 0u, static_cast<uint32_t>(members.size()),
                           static_cast<uint32_t>(members.size())}) {
    u16(&out, v);
  }
  u32(&out, static_cast<uint32_t>(central.size()));
  u32(&out, central_offset);
  u16(&out, 0);  // no comment
  WriteWholeFile(zip, out);
  if (ReadWholeFile(zip) != out) return ::testing::AssertionFailure() << "cannot write " << zip;
  return ::testing::AssertionSuccess();
}

// A zip with UTF-8 names, flagged where they are not ASCII.
inline ::testing::AssertionResult WriteZip(const std::filesystem::path& zip,
                                           const ZipMembers& members) {
  return WriteStoredZip(zip, members, ZipNames::kUtf8Flagged);
}

// A zip with each name stored as the given bytes and no UTF-8 flag, as Explorer's "Send to
// compressed folder" writes them in the system's code page.
inline ::testing::AssertionResult WriteLegacyZip(const std::filesystem::path& zip,
                                                 const ZipMembers& members) {
  return WriteStoredZip(zip, members, ZipNames::kRawBytes);
}

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_ARCHIVE_UTIL_H_
