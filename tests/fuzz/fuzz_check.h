// What every fuzz target shares: a check that aborts (so that libFuzzer and the replay both
// stop on it, naming the broken property) and a few small helpers.
#ifndef LOGANALYZE_TESTS_FUZZ_FUZZ_CHECK_H_
#define LOGANALYZE_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

// Aborts with the failed condition and its place. Active in every build type: a fuzz target
// is its checks.
#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace loganalyze::fuzz {

inline std::string_view Bytes(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Takes the first byte of `rest` as a parameter (0 when empty).
inline uint8_t TakeByte(std::string_view* rest) {
  if (rest->empty()) return 0;
  const auto b = static_cast<uint8_t>(rest->front());
  rest->remove_prefix(1);
  return b;
}

}  // namespace loganalyze::fuzz

#endif  // LOGANALYZE_TESTS_FUZZ_FUZZ_CHECK_H_
