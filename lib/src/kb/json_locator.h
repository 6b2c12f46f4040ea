// Finds where a JSON text first breaks the grammar, for messages with line and column.
#ifndef LOGANALYZE_KB_JSON_LOCATOR_H_
#define LOGANALYZE_KB_JSON_LOCATOR_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace loganalyze::internal {

struct JsonSyntaxError {
  bool found = false;
  size_t offset = 0;
  int line = 0, column = 0;  // 1-based; column counts bytes
  std::string what;          // "expected ':'", "unterminated string", ...
};

// Walks `json` with a small recursive-descent recogniser (nesting limited to 512 levels) and
// returns the first syntax error, or found == false when the text is well-formed JSON. Used
// only to locate errors that the real parser (simdjson) reported.
JsonSyntaxError LocateJsonSyntaxError(std::string_view json);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_KB_JSON_LOCATOR_H_
