// The only place that knows the operating system. Everything else is portable C++.
#ifndef LOGANALYZE_SOURCE_PLATFORM_H_
#define LOGANALYZE_SOURCE_PLATFORM_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace loganalyze::internal {

// Puts standard input in binary mode (no CRLF translation on Windows).
std::FILE* BinaryStdin();
// Opens `path` for binary reading; on failure returns nullptr with errno set.
std::FILE* OpenForReading(const std::string& path);
// Modification time as Unix seconds.
std::optional<int64_t> ModificationTime(const std::string& path);
// Seconds since the Unix epoch, now.
int64_t UnixNow();
// True if the stream is an interactive terminal.
bool IsTerminal(std::FILE* stream);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_SOURCE_PLATFORM_H_
