// Reading knowledge-base files (schema loganalyze.kb/1) with simdjson.
#ifndef LOGANALYZE_KB_KB_JSON_H_
#define LOGANALYZE_KB_KB_JSON_H_

#include <string_view>
#include <vector>

#include "loganalyze/knowledge_base.h"

namespace loganalyze::internal {

inline constexpr std::string_view kKbSchema = "loganalyze.kb/1";

// Parses one file. Appends its valid entries to `entries` and every problem to `problems`;
// it never stops at the first problem. An entry with a problem is not appended.
void ParseKbFile(std::string_view json, std::string_view file, std::vector<KbEntry>* entries,
                 std::vector<KbProblem>* problems);

// Checks across entries: duplicate ids and duplicate codes.
void CheckKbDuplicates(const std::vector<KbEntry>& entries, std::vector<KbProblem>* problems);

// "file:line:column: entry 'id': reason" lines, for a Status message.
std::string JoinProblems(const std::vector<KbProblem>& problems);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_KB_KB_JSON_H_
