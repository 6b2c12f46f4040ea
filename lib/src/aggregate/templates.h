// Unknown-error templates: a message with its variable parts masked, so that the same error
// with other numbers, GUIDs or paths counts as one.
#ifndef LOGANALYZE_AGGREGATE_TEMPLATES_H_
#define LOGANALYZE_AGGREGATE_TEMPLATES_H_

#include <string>
#include <string_view>

namespace loganalyze::internal {

inline constexpr size_t kMaxTemplateBytes = 200;

// Writes the template of the first line of `message` into `out`: GUIDs become <GUID>,
// 0x-hex and long hex runs <HEX>, Windows and UNC paths <PATH>, numbers <N>; whitespace runs
// become one space; the result is cut at kMaxTemplateBytes.
void MessageTemplate(std::string_view message, std::string* out);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_AGGREGATE_TEMPLATES_H_
