// Byte sources the public header does not offer.
#ifndef LOGANALYZE_SOURCE_SOURCES_H_
#define LOGANALYZE_SOURCE_SOURCES_H_

#include <cstdio>
#include <memory>
#include <string>

#include "loganalyze/reader.h"

namespace loganalyze::internal {

// Reads `file` from where it stands; the caller keeps and closes it. `name` is for errors.
std::unique_ptr<ByteSource> SourceOfOpenFile(std::FILE* file, std::string name);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_SOURCE_SOURCES_H_
