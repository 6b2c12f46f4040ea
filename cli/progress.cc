#include "cli/progress.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "fmt/format.h"

namespace loganalyze::cli {

std::chrono::milliseconds Progress::DelayFromEnvironment() {
  const char* value = std::getenv("LOGANALYZE_PROGRESS_AFTER_MS");
  unsigned ms = 500;
  if (value != nullptr) {
    const char* end = value + std::strlen(value);
    unsigned parsed = 0;
    const auto [at, error] = std::from_chars(value, end, parsed);
    if (error == std::errc() && at == end && at != value) ms = parsed;
  }
  return std::chrono::milliseconds(ms);
}

Progress::Progress(bool enabled, std::chrono::milliseconds delay)
    : enabled_(enabled), delay_(delay), start_(std::chrono::steady_clock::now()) {}

void Progress::Update(size_t files_done, size_t files, uint64_t bytes_done, uint64_t bytes) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < delay_) return;
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  const double share = bytes ? std::min(1.0, static_cast<double>(bytes_done) / bytes) : 0.0;
  const int filled = static_cast<int>(share * 30);
  fmt::print(stderr, "\r[{:<30}] {:3.0f}%  {}/{} files  {:.1f}/{:.1f} MB ",
             std::string(static_cast<size_t>(filled), '#'), share * 100, files_done, files,
             bytes_done / 1048576.0, bytes / 1048576.0);
  std::fflush(stderr);
}

void Progress::Finish() {
  if (!enabled_ || !drawn_) return;
  fmt::print(stderr, "\r{:<80}\r", "");
  std::fflush(stderr);
}

}  // namespace loganalyze::cli
