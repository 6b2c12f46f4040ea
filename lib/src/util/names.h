// Small helpers for file names and ASCII case, shared by the stages that look at names.
#ifndef LOGANALYZE_UTIL_NAMES_H_
#define LOGANALYZE_UTIL_NAMES_H_

#include <string>
#include <string_view>

namespace loganalyze::internal {

// `s` with ASCII letters in lower case (file names and level words are ASCII where it counts).
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The last component of a path written with either separator.
inline std::string_view BaseName(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_UTIL_NAMES_H_
