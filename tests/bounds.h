// Time and memory bounds for the hostile-input tests: peak resident memory from getrusage
// (on Windows, the peak working set), wall-clock time, and whether a sanitizer runtime
// (which inflates both) is present.
#ifndef LOGANALYZE_TESTS_BOUNDS_H_
#define LOGANALYZE_TESTS_BOUNDS_H_

#ifdef _WIN32
#include <windows.h>
// windows.h first: psapi.h needs its types.
#include <psapi.h>
#else
#include <sys/resource.h>
#endif

#include <chrono>
#include <cstdint>

namespace loganalyze::testing {

// True in an AddressSanitizer build (LOGANALYZE_SANITIZE with g++ defines
// __SANITIZE_ADDRESS__; clang answers __has_feature).
constexpr bool Sanitized() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

// Bounds are written for a normal build; a sanitizer's shadow memory, quarantine and slower
// code get this much more room.
constexpr uint64_t kSanitizerSlack = Sanitized() ? 4 : 1;

constexpr uint64_t kMiB = uint64_t{1} << 20;

#ifdef _WIN32
// Peak working set so far, in bytes, of this process (Windows keeps no figure for children).
inline uint64_t PeakRssBytes() {
  PROCESS_MEMORY_COUNTERS counters{};
  counters.cb = sizeof counters;
  if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters)) return 0;
  return counters.PeakWorkingSetSize;
}
#else
// Peak resident set size so far, in bytes, of this process (RUSAGE_SELF) or of its waited-for
// children (RUSAGE_CHILDREN: the largest of them).
inline uint64_t PeakRssBytes(int who = RUSAGE_SELF) {
  rusage ru{};
  getrusage(who, &ru);
  return static_cast<uint64_t>(ru.ru_maxrss) * 1024;  // Linux reports KiB
}
#endif

class Stopwatch {
 public:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_BOUNDS_H_
