// Where the command line's output goes: standard output or a file, every write checked. A
// report that could not be written completely is a failure (exit code 2); a reader that went
// away (a pipe into `head`) is not.
#ifndef LOGANALYZE_CLI_OUTPUT_H_
#define LOGANALYZE_CLI_OUTPUT_H_

#include <string>
#include <string_view>
#include <utility>

#include "fmt/format.h"

namespace loganalyze::cli {

// Call first in main. Ignores SIGPIPE, so that a write to a pipe whose reader has gone fails
// with EPIPE, which WriteOutput decides about, instead of ending the process wherever it is.
// Holds descriptors 0, 1 and 2 open when the caller closed them (on the null device, opened
// so that reading 0 and writing 1 fail), so that no file the program opens takes their
// place: a report written to a closed standard output then fails as it should.
void PrepareStandardStreams();

enum class WriteResult {
  kWritten,     // every byte written, flushed and closed
  kReaderGone,  // standard output is a pipe whose reader stopped reading: not a failure
  kFailed,      // not written completely; the message is on standard error
};

// Writes `text` to the file `path`, or to standard output when `path` is "" or "-". A file
// that does not exist yet or is a regular file is written to a temporary file in the same
// folder, which replaces `path` only when all of it was written, flushed and closed; a half
// written report never stands where a complete one is expected. Other targets (a device, a
// FIFO, a symbolic link), and an existing file in a folder that takes no new file, are
// written in place. On failure prints
// `loganalyze: cannot write the report to <path or "standard output"> (<reason>)`.
WriteResult WriteOutput(const std::string& path, std::string_view text);

// The exit code after WriteOutput: 2 when it failed, else `code`.
inline int ExitCodeAfter(WriteResult result, int code) {
  return result == WriteResult::kFailed ? 2 : code;
}

// Flushes and closes standard output at the end of the program, so that an error that only
// shows then (a full disk, a network file system) is found. Returns `code`, or 2 after a
// message when standard output could not be written and no earlier write said so.
int CloseStdout(int code);

// Prints `text` on standard error. A failure to write there changes nothing, as there is
// no other place to say it (fmt::print would throw).
void PrintError(std::string_view text);

template <typename... T>
void PrintError(fmt::format_string<T...> format, T&&... args) {
  PrintError(std::string_view(fmt::format(format, std::forward<T>(args)...)));
}

}  // namespace loganalyze::cli

#endif  // LOGANALYZE_CLI_OUTPUT_H_
