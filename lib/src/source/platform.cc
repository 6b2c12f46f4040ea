#include "source/platform.h"

#include <chrono>
#include <filesystem>
#include <system_error>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#else
#include <unistd.h>
#endif

namespace loganalyze::internal {

std::FILE* BinaryStdin() {
#ifdef _WIN32
  _setmode(_fileno(stdin), _O_BINARY);
#endif
  return stdin;
}

std::FILE* OpenForReading(const std::string& path) {
#ifdef _WIN32
  // UTF-8 paths need the wide API on Windows.
  const std::filesystem::path p = std::filesystem::u8path(path);
  return _wfopen(p.c_str(), L"rb");
#else
  return std::fopen(path.c_str(), "rb");
#endif
}

std::optional<int64_t> ModificationTime(const std::string& path) {
  std::error_code ec;
  const auto t = std::filesystem::last_write_time(std::filesystem::path(path), ec);
  if (ec) return std::nullopt;
  const auto sys = std::chrono::file_clock::to_sys(t);
  return std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
}

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool IsTerminal(std::FILE* stream) {
#ifdef _WIN32
  return _isatty(_fileno(stream)) != 0;
#else
  return isatty(fileno(stream)) != 0;
#endif
}

}  // namespace loganalyze::internal
