#include "loganalyze/version.h"

namespace loganalyze {

std::string_view Version() { return LOGANALYZE_VERSION_STRING; }

std::string_view DefaultKnowledgeBaseVersion() { return LOGANALYZE_KB_VERSION_STRING; }

}  // namespace loganalyze
