#include "cli/output.h"

#include "cli/console.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <system_error>

#ifdef _WIN32
#include <process.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace loganalyze::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kStdoutName[] = "standard output";

// Set once a failure to write standard output has been reported, so that closing it at the
// end does not report the same failure again.
bool stdout_failure_reported = false;

std::string Reason(int error) { return std::error_code(error, std::generic_category()).message(); }

void ReportFailure(std::string_view name, std::string_view reason) {
  PrintError("loganalyze: cannot write the report to {} ({})\n", name, reason);
}

// Paths are UTF-8 inside the program; fs::path takes them as such on every platform only
// from char8_t.
fs::path PathFromUtf8(const std::string& s) {
  return fs::path(std::u8string(reinterpret_cast<const char8_t*>(s.data()), s.size()));
}

int ProcessId() {
#ifdef _WIN32
  return _getpid();
#else
  return static_cast<int>(getpid());
#endif
}

// Opens `path` for writing in binary mode; `exclusive` fails if it exists.
std::FILE* Open(const fs::path& path, bool exclusive) {
#ifdef _WIN32
  return _wfopen(path.c_str(), exclusive ? L"wbx" : L"wb");
#else
  return std::fopen(path.c_str(), exclusive ? "wbx" : "wb");
#endif
}

// Writes all of `text` to `f` and flushes it. Returns 0, or the errno of the failure.
int WriteAll(std::FILE* f, std::string_view text) {
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fflush(f) != 0) {
    return WriteErrno(errno != 0 ? errno : EIO);
  }
  return 0;
}

WriteResult WriteStdout(std::string_view text) {
  switch (WriteToConsole(stdout, text)) {
    case ConsoleWrite::kWritten:
      return WriteResult::kWritten;
    case ConsoleWrite::kFailed:
      stdout_failure_reported = true;
      ReportFailure(kStdoutName, "the console refused the text");
      return WriteResult::kFailed;
    case ConsoleWrite::kNotConsole:
      break;
  }
  const int error = WriteAll(stdout, text);
  if (error == 0) return WriteResult::kWritten;
  stdout_failure_reported = true;
  if (error == EPIPE) return WriteResult::kReaderGone;
  ReportFailure(kStdoutName, Reason(error));
  return WriteResult::kFailed;
}

// Writes `text` to `path` in place: a device, a FIFO, the file a symbolic link names.
WriteResult WriteDirectly(const std::string& name, const fs::path& path, std::string_view text) {
  errno = 0;
  std::FILE* f = Open(path, /*exclusive=*/false);
  if (f == nullptr) {
    ReportFailure(name, Reason(errno != 0 ? errno : EIO));
    return WriteResult::kFailed;
  }
  int error = WriteAll(f, text);
  errno = 0;
  if (std::fclose(f) != 0 && error == 0) error = errno != 0 ? errno : EIO;
  if (error == 0) return WriteResult::kWritten;
  ReportFailure(name, Reason(error));
  return WriteResult::kFailed;
}

// Writes `text` to a new temporary file next to `path` and renames it over `path`. When
// the folder takes no new file but `path` exists (a file one may write in a folder one may
// not), writes `path` in place.
WriteResult WriteReplacing(const std::string& name, const fs::path& path, bool exists,
                           std::string_view text) {
  fs::path temp;
  std::FILE* f = nullptr;
  int error = 0;
  // A name no other file has: the process id, and a counter past leftovers of a process
  // that had the same id.
  for (int n = 0; f == nullptr && n < 100; ++n) {
    temp = path;
    temp += fmt::format(".{}-{}.part", ProcessId(), n);
    errno = 0;
    f = Open(temp, /*exclusive=*/true);
    error = errno != 0 ? errno : EIO;
    if (f == nullptr && error != EEXIST) break;
  }
  if (f == nullptr && exists && (error == EACCES || error == EPERM)) {
    return WriteDirectly(name, path, text);
  }
  if (f == nullptr) {
    ReportFailure(name, Reason(error));
    return WriteResult::kFailed;
  }
  error = WriteAll(f, text);
  errno = 0;
  if (std::fclose(f) != 0 && error == 0) error = errno != 0 ? errno : EIO;
  std::string reason = error != 0 ? Reason(error) : std::string();
  if (error == 0) {
    std::error_code ec;
    // A report that replaces one keeps its permissions (not its owner: that takes
    // privileges); a failure here leaves the defaults, which is no reason to fail.
    const fs::file_status old = fs::status(path, ec);
    if (!ec && fs::is_regular_file(old)) fs::permissions(temp, old.permissions(), ec);
    // std::filesystem::rename replaces an existing file on Windows too (MoveFileEx with
    // MOVEFILE_REPLACE_EXISTING), though it fails there while another program holds the
    // target open; on POSIX it is rename(2), atomic within a file system.
    fs::rename(temp, path, ec);
    if (!ec) return WriteResult::kWritten;
    reason = ec.message();
  }
  std::error_code ignored;
  fs::remove(temp, ignored);
  ReportFailure(name, reason);
  return WriteResult::kFailed;
}

}  // namespace

void PrepareStandardStreams() {
  SetBinaryStandardStreams();
#ifndef _WIN32
  std::signal(SIGPIPE, SIG_IGN);
  // Past a file size limit (ulimit -f), a write fails with EFBIG, which is reported, rather
  // than the signal ending the process with a half-written report.
  std::signal(SIGXFSZ, SIG_IGN);
  // 0 write-only and 1 read-only: reading standard input and writing standard output fail
  // (EBADF) as they would have. 2 write-only: messages are dropped, as the caller wanted.
  constexpr int kModes[] = {O_WRONLY, O_RDONLY, O_WRONLY};
  for (int fd = 0; fd <= 2; ++fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int held = open("/dev/null", kModes[fd]);
    // open returns the lowest free descriptor, which is `fd` since the lower ones are open.
    if (held != fd && held >= 0) close(held);
  }
#endif
}

WriteResult WriteOutput(const std::string& path, std::string_view text) {
  if (path.empty() || path == "-") return WriteStdout(text);
  const fs::path target = PathFromUtf8(path);
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(target, ec);
  if (fs::is_directory(status)) {
    ReportFailure(path, "it is a folder");
    return WriteResult::kFailed;
  }
  // When the status cannot be read (a missing folder, no permission), creating the
  // temporary file fails with the reason.
  if (ec || !fs::exists(status) || fs::is_regular_file(status)) {
    return WriteReplacing(path, target, !ec && fs::exists(status), text);
  }
  return WriteDirectly(path, target, text);
}

int CloseStdout(int code) {
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int flush_error = flushed ? 0 : WriteErrno(errno);
  errno = 0;
  const bool closed = std::fclose(stdout) == 0;
  const int error = !flushed ? flush_error : errno;
  if ((flushed && closed) || stdout_failure_reported || error == EPIPE) return code;
  PrintError("loganalyze: cannot write to {} ({})\n", kStdoutName,
             Reason(error != 0 ? error : EIO));
  return 2;
}

void PrintError(std::string_view text) {
  if (WriteToConsole(stderr, text) != ConsoleWrite::kNotConsole) return;
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace loganalyze::cli
