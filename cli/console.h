// The command line's view of the operating system: its arguments, its standard streams and
// the terminal or console behind them. The rest of cli/ is the same on every platform.
#ifndef LOGANALYZE_CLI_CONSOLE_H_
#define LOGANALYZE_CLI_CONSOLE_H_

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace loganalyze::cli {

// The program's arguments in UTF-8, the program's name first. On Windows they come from
// GetCommandLineW: main's argv is in the ANSI code page, which has no room for a Chinese
// folder name on an English system. Elsewhere, argv as given.
std::vector<std::string> Utf8Arguments(int argc, char** argv);

// Standard input, output and error in binary mode: a JSON report piped or redirected on
// Windows keeps its "\n" line ends, and standard input is read byte for byte. No-op on POSIX.
void SetBinaryStandardStreams();

// True if standard output (error) is a terminal that shows colour and redraws a line: on
// Windows, a console that accepts VT sequences (turned on here when it can take them); a
// console that does not, a pipe and a file are not.
bool StdoutIsTerminal();
bool StderrIsTerminal();

// The errno of a failed write to a standard stream, with a pipe whose reader has gone as
// EPIPE on every platform: Windows says ERROR_NO_DATA, which its C runtime gives as EINVAL.
// Call right after the failed write.
int WriteErrno(int error);

enum class ConsoleWrite { kNotConsole, kWritten, kFailed };

// Writes UTF-8 `text` to `stream` through WriteConsoleW when `stream` is a Windows console,
// whose code page would otherwise garble every character outside it. kNotConsole, having
// written nothing, when `stream` is not a console (always on POSIX): the caller writes the
// bytes, UTF-8 as they are, into the pipe or file.
ConsoleWrite WriteToConsole(std::FILE* stream, std::string_view text);

}  // namespace loganalyze::cli

#endif  // LOGANALYZE_CLI_CONSOLE_H_
