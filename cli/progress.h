// A progress bar on stderr: only on a terminal, only when the work takes more than a moment.
#ifndef LOGANALYZE_CLI_PROGRESS_H_
#define LOGANALYZE_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace loganalyze::cli {

// Thread-safe. Draws nothing during the first `delay` and at most 10 times a second.
class Progress {
 public:
  // The delay before the bar shows: 500 ms, or LOGANALYZE_PROGRESS_AFTER_MS when it is set to
  // a whole number of milliseconds.
  static std::chrono::milliseconds DelayFromEnvironment();

  explicit Progress(bool enabled, std::chrono::milliseconds delay = DelayFromEnvironment());
  void Update(size_t files_done, size_t files, uint64_t bytes_done, uint64_t bytes);
  void Finish();

 private:
  bool enabled_;
  std::chrono::milliseconds delay_;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
  std::mutex mu_;
};

}  // namespace loganalyze::cli

#endif  // LOGANALYZE_CLI_PROGRESS_H_
