// The only place that knows the operating system. Everything else is portable C++.
#ifndef LOGANALYZE_SOURCE_PLATFORM_H_
#define LOGANALYZE_SOURCE_PLATFORM_H_

#include <cstdint>
#include <compare>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

struct archive_entry;

namespace loganalyze::internal {

#ifdef _WIN32
// `path` (UTF-8) as the wide string the Windows API takes. An absolute path of MAX_PATH
// characters or more gets the \\?\ prefix (\\?\UNC\ for \\server\share), which lifts
// the limit: such a path must then be complete, with `\` separators, as it is made here.
std::wstring WidePath(std::string_view path);
// UTF-16 from the Windows API as UTF-8; unpaired surrogates become U+FFFD.
std::string Utf8FromWide(std::wstring_view wide);
// The names in the folder `dir` (a verbatim \\?\ path), without "." and "..", through
// FindFirstFileW: the C runtime's folder listing, under std::filesystem's, finds nothing past
// 260 characters, even there. The system's error code when the folder cannot be read.
std::error_code ListFolder(const std::wstring& dir, std::vector<std::wstring>* names);
#endif

// Puts standard input in binary mode (no CRLF translation on Windows).
std::FILE* BinaryStdin();
// Opens `path` for binary reading; on failure returns nullptr with errno set. On Windows the
// file is shared for reading, writing and deletion, so that a log the agent holds open and
// appends to (CBEngineCurr.errlog) can be read, and neither side stops the other.
std::FILE* OpenForReading(const std::string& path);
// Moves `file` to byte `offset` from its start, beyond 2 GiB too; false on failure.
bool SeekTo(std::FILE* file, uint64_t offset);
// Modification time as Unix seconds.
std::optional<int64_t> ModificationTime(const std::string& path);

// What makes a file the same file whatever the path to it: the device and inode (POSIX), the
// volume serial number and file index (Windows).
struct FileIdentity {
  uint64_t device = 0, file = 0;
  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
  friend auto operator<=>(const FileIdentity&, const FileIdentity&) = default;
};
// The identity of the file `path` leads to (links followed), or nullopt if it cannot be read.
std::optional<FileIdentity> IdentityOf(const std::string& path);
// The size of an open file, when the system knows it (a regular file), else nullopt.
std::optional<uint64_t> SizeOfOpenFile(std::FILE* file);
// A new temporary file for reading and writing, in the system's temporary folder (TMPDIR,
// TEMP), deleted when closed; nullptr with errno set when none can be made.
std::FILE* OpenScratchFile();
// Seconds since the Unix epoch, now.
int64_t UnixNow();
// True if the stream is an interactive terminal.
bool IsTerminal(std::FILE* stream);

// `bytes` decoded as CP950 (Big5 as Traditional Chinese Windows writes it), in UTF-16, or
// nullopt when they are not valid CP950.
std::optional<std::u16string> Cp950ToUtf16(std::string_view bytes);

// While alive, libarchive on this thread reads entry names in the form ArchiveEntryName
// expects; the thread's previous locale comes back at the end. libarchive converts names
// through the locale's character set: on POSIX this makes it UTF-8, on Windows "C". Wrap
// every libarchive call that reads a header, and ArchiveEntryName. Not copyable.
class ArchiveNameLocale {
 public:
  ArchiveNameLocale();
  ~ArchiveNameLocale();
  ArchiveNameLocale(const ArchiveNameLocale&) = delete;
  ArchiveNameLocale& operator=(const ArchiveNameLocale&) = delete;

 private:
#ifdef _WIN32
  int previous_mode_ = 0;
  std::string previous_ctype_;
#else
  void* previous_ = nullptr;  // the thread's locale_t, or nullptr when unchanged
#endif
};

enum class EntryName { kPath, kHardlink, kSymlink };

// One name of `entry`, read under ArchiveNameLocale: in UTF-8 when the archive says how it
// is encoded (a zip entry with the UTF-8 flag, 7z, pax tar), else the bytes it stores, for
// the caller to decode (see DecodeStoredName). nullopt when the entry has no such name or
// libarchive cannot give it (a name flagged as UTF-8 that is not).
std::optional<std::string> ArchiveEntryName(archive_entry* entry, EntryName which);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_SOURCE_PLATFORM_H_
