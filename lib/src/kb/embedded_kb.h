// The knowledge-base files compiled into the library (generated from patterns/*.json by
// lib/cmake/EmbedKnowledgeBase.cmake).
#ifndef LOGANALYZE_KB_EMBEDDED_KB_H_
#define LOGANALYZE_KB_EMBEDDED_KB_H_

#include <cstddef>

namespace loganalyze::internal {

struct EmbeddedKbFile {
  const char* name;
  const char* data;
  size_t size;
};

extern const EmbeddedKbFile kEmbeddedKbFiles[];
extern const size_t kEmbeddedKbFileCount;
extern const char kEmbeddedKbVersion[];

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_KB_EMBEDDED_KB_H_
