#include "source/platform.h"

#include <archive_entry.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <clocale>
#include <filesystem>
#include <system_error>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <locale.h>
#include <sys/stat.h>
#include <windows.h>

#include <climits>
#else
#include <iconv.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace loganalyze::internal {

std::FILE* BinaryStdin() {
#ifdef _WIN32
  _setmode(_fileno(stdin), _O_BINARY);
#endif
  return stdin;
}

#ifdef _WIN32
std::wstring WidePath(std::string_view path) {
  std::wstring wide;
  if (!path.empty() && path.size() <= static_cast<size_t>(INT_MAX)) {
    const int size = static_cast<int>(path.size());
    const int n = MultiByteToWideChar(CP_UTF8, 0, path.data(), size, nullptr, 0);
    wide.resize(static_cast<size_t>(std::max(n, 0)));
    if (n > 0) MultiByteToWideChar(CP_UTF8, 0, path.data(), size, wide.data(), n);
  }
  if (wide.size() < MAX_PATH || wide.starts_with(L"\\\\?\\")) return wide;
  std::replace(wide.begin(), wide.end(), L'/', L'\\');
  const bool unc = wide.starts_with(L"\\\\");
  const bool drive = wide.size() >= 3 && wide[1] == L':' && wide[2] == L'\\';
  if (!unc && !drive) return wide;  // relative: the prefix would not resolve it
  // \\?\ turns off the system's clean-up of the path: do here what it would have done.
  // A UNC path is cleaned without its leading "\\", which the C++ library does not take for
  // the root of \\server\share (it makes it one "\" and the server name lost its first
  // letter after the prefix).
  if (unc) {
    return L"\\\\?\\UNC\\" + std::filesystem::path(wide.substr(2)).lexically_normal().wstring();
  }
  return L"\\\\?\\" + std::filesystem::path(wide).lexically_normal().wstring();
}

std::string Utf8FromWide(std::wstring_view wide) {
  if (wide.empty() || wide.size() > static_cast<size_t>(INT_MAX)) return std::string();
  const int size = static_cast<int>(wide.size());
  const int n = WideCharToMultiByte(CP_UTF8, 0, wide.data(), size, nullptr, 0, nullptr, nullptr);
  std::string utf8(static_cast<size_t>(std::max(n, 0)), '\0');
  if (n > 0) WideCharToMultiByte(CP_UTF8, 0, wide.data(), size, utf8.data(), n, nullptr, nullptr);
  return utf8;
}

std::error_code ListFolder(const std::wstring& dir, std::vector<std::wstring>* names) {
  WIN32_FIND_DATAW entry;
  const HANDLE h = FindFirstFileW((dir + L"\\*").c_str(), &entry);
  if (h == INVALID_HANDLE_VALUE) {
    return std::error_code(static_cast<int>(GetLastError()), std::system_category());
  }
  std::error_code error;
  do {
    const std::wstring_view name = entry.cFileName;
    if (name != L"." && name != L"..") names->emplace_back(name);
  } while (FindNextFileW(h, &entry));
  if (GetLastError() != ERROR_NO_MORE_FILES) {
    error = std::error_code(static_cast<int>(GetLastError()), std::system_category());
  }
  FindClose(h);
  return error;
}

namespace {

// errno for what GetLastError says about a file that could not be opened.
int ErrnoFromWindows(DWORD error) {
  switch (error) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME:
    case ERROR_BAD_NETPATH:
    case ERROR_BAD_NET_NAME:
      return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
      return EACCES;
    case ERROR_FILENAME_EXCED_RANGE:
      return ENAMETOOLONG;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
      return ENOMEM;
    default:
      return EIO;
  }
}

}  // namespace
#endif

bool SeekTo(std::FILE* file, uint64_t offset) {
#ifdef _WIN32
  return _fseeki64(file, static_cast<long long>(offset), SEEK_SET) == 0;
#else
  return fseeko(file, static_cast<off_t>(offset), SEEK_SET) == 0;
#endif
}

std::FILE* OpenForReading(const std::string& path) {
#ifdef _WIN32
  // Not _wfopen: it does not share the file for deletion, and a log rotation (the agent
  // renaming CBEngineCurr.errlog) would fail while it is being read.
  const HANDLE h = CreateFileW(WidePath(path).c_str(), GENERIC_READ,
                               FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                               OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    errno = ErrnoFromWindows(GetLastError());
    return nullptr;
  }
  // A folder opens only with FILE_FLAG_BACKUP_SEMANTICS, so `h` is a file (or a device).
  const int fd = _open_osfhandle(reinterpret_cast<intptr_t>(h), _O_RDONLY | _O_BINARY);
  if (fd == -1) {
    CloseHandle(h);
    errno = EMFILE;
    return nullptr;
  }
  std::FILE* f = _fdopen(fd, "rb");
  if (f == nullptr) _close(fd);  // closes the handle too
  return f;
#else
  return std::fopen(path.c_str(), "rb");
#endif
}

std::optional<int64_t> ModificationTime(const std::string& path) {
  // Seconds from the system, not std::filesystem's clock: its nanoseconds overflow for a file
  // dated centuries ahead, and such a time must be seen as what it is.
#ifdef _WIN32
  WIN32_FILE_ATTRIBUTE_DATA data;
  if (!GetFileAttributesExW(WidePath(path).c_str(), GetFileExInfoStandard, &data)) {
    return std::nullopt;
  }
  // 100-nanosecond ticks since 1601-01-01; 11644473600 seconds from then to 1970.
  const uint64_t ticks = (static_cast<uint64_t>(data.ftLastWriteTime.dwHighDateTime) << 32) |
                         data.ftLastWriteTime.dwLowDateTime;
  return static_cast<int64_t>(ticks / 10000000) - int64_t{11644473600};
#else
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return static_cast<int64_t>(st.st_mtime);
#endif
}

std::optional<FileIdentity> IdentityOf(const std::string& path) {
#ifdef _WIN32
  // FILE_FLAG_BACKUP_SEMANTICS opens folders too; no access is asked for, only attributes.
  HANDLE h = CreateFileW(WidePath(path).c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (h == INVALID_HANDLE_VALUE) return std::nullopt;
  BY_HANDLE_FILE_INFORMATION info;
  const BOOL ok = GetFileInformationByHandle(h, &info);
  CloseHandle(h);
  if (!ok) return std::nullopt;
  return FileIdentity{info.dwVolumeSerialNumber,
                      (static_cast<uint64_t>(info.nFileIndexHigh) << 32) | info.nFileIndexLow};
#else
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileIdentity{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
#endif
}

std::optional<uint64_t> SizeOfOpenFile(std::FILE* file) {
#ifdef _WIN32
  struct _stat64 st;
  if (_fstat64(_fileno(file), &st) != 0 || (st.st_mode & _S_IFMT) != _S_IFREG) {
    return std::nullopt;
  }
#else
  struct stat st;
  if (::fstat(fileno(file), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
#endif
  return static_cast<uint64_t>(st.st_size);
}

std::FILE* OpenScratchFile() {
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) {
    errno = ec.value();
    return nullptr;
  }
#ifdef _WIN32
  // "D": deleted when closed. The name only has to be unique within this process's life.
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path p =
      dir / (L"loganalyze-" + std::to_wstring(GetCurrentProcessId()) + L"-" +
             std::to_wstring(counter.fetch_add(1)) + L".tmp");
  return _wfopen(p.c_str(), L"w+bD");
#else
  std::string name = (dir / "loganalyze-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return nullptr;
  ::unlink(name.c_str());  // gone with the last descriptor
  std::FILE* f = ::fdopen(fd, "w+b");
  if (f == nullptr) ::close(fd);
  return f;
#endif
}

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool IsTerminal(std::FILE* stream) {
#ifdef _WIN32
  return _isatty(_fileno(stream)) != 0;
#else
  return isatty(fileno(stream)) != 0;
#endif
}

std::optional<std::u16string> Cp950ToUtf16(std::string_view bytes) {
  if (bytes.empty()) return std::u16string();
#ifdef _WIN32
  constexpr UINT kCp950 = 950;
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return std::nullopt;
  const int size = static_cast<int>(bytes.size());
  // MB_ERR_INVALID_CHARS: fail on bytes that are not CP950 rather than map them to U+FFFD.
  const int n = MultiByteToWideChar(kCp950, MB_ERR_INVALID_CHARS, bytes.data(), size, nullptr, 0);
  if (n <= 0) return std::nullopt;
  std::wstring wide(static_cast<size_t>(n), L'\0');
  if (MultiByteToWideChar(kCp950, MB_ERR_INVALID_CHARS, bytes.data(), size, wide.data(), n) != n) {
    return std::nullopt;
  }
  return std::u16string(wide.begin(), wide.end());  // wchar_t is UTF-16 on Windows
#else
  // Opening a converter loads glibc's conversion module and costs more than converting a
  // name: one per thread (a converter is not thread-safe), reset before each use.
  struct Converter {
    iconv_t cd = iconv_open("UTF-16LE", "CP950");
    ~Converter() {
      if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
    }
  };
  thread_local const Converter converter;
  const iconv_t cd = converter.cd;
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial state
  // A CP950 character of one or two bytes is one UTF-16 unit of two bytes.
  std::string out(bytes.size() * 2, '\0');
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write there
  size_t in_left = bytes.size();
  char* to = out.data();
  size_t out_left = out.size();
  // Without //TRANSLIT or //IGNORE, a byte that is not CP950 (or a character cut at the end)
  // stops the conversion with an error.
  const size_t result = iconv(cd, &in, &in_left, &to, &out_left);
  if (result == static_cast<size_t>(-1) || in_left != 0) return std::nullopt;
  std::u16string text;
  for (const char* p = out.data(); p + 1 < to; p += 2) {
    text.push_back(static_cast<char16_t>(static_cast<unsigned char>(p[0]) |
                                         static_cast<unsigned char>(p[1]) << 8));
  }
  return text;
#endif
}

#ifdef _WIN32
// libarchive 3.6 decides per name how to keep it from the locale of the moment: in the "C"
// locale, a name it cannot convert (a zip entry without the UTF-8 flag, a ustar header)
// stays the bytes stored, while a name in a declared encoding (the UTF-8 flag, 7z's UTF-16,
// pax) is kept in UTF-16. Any other locale would decode the first kind with this machine's
// OEM code page, which is not the one of the machine that wrote the archive.
ArchiveNameLocale::ArchiveNameLocale() {
  previous_mode_ = _configthreadlocale(_ENABLE_PER_THREAD_LOCALE);
  const char* ctype = std::setlocale(LC_CTYPE, nullptr);
  previous_ctype_ = ctype != nullptr ? ctype : "C";
  std::setlocale(LC_CTYPE, "C");
}

ArchiveNameLocale::~ArchiveNameLocale() {
  std::setlocale(LC_CTYPE, previous_ctype_.c_str());
  if (previous_mode_ != -1) _configthreadlocale(previous_mode_);
}
#else
namespace {

// A UTF-8 LC_CTYPE: with it, libarchive converts names in a declared encoding to UTF-8 and
// keeps other names as the bytes stored (its default for reading on POSIX is no
// conversion). In the "C" locale it gives no name at all for the first kind. glibc 2.35 and
// later have C.UTF-8 built in. Made once and kept for the life of the process.
locale_t Utf8Ctype() {
  static const locale_t utf8 = [] {
    for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"}) {
      const locale_t l = newlocale(LC_CTYPE_MASK, name, static_cast<locale_t>(0));
      if (l != static_cast<locale_t>(0)) return l;
    }
    return static_cast<locale_t>(0);
  }();
  return utf8;
}

}  // namespace

// uselocale changes this thread only, so other threads (and the caller's callbacks, which
// run outside these scopes) keep their locale.
ArchiveNameLocale::ArchiveNameLocale() {
  const locale_t utf8 = Utf8Ctype();
  if (utf8 == static_cast<locale_t>(0)) return;  // names in a declared encoding stay unnamed
  const locale_t previous = uselocale(utf8);
  if (previous != static_cast<locale_t>(0)) previous_ = previous;
}

ArchiveNameLocale::~ArchiveNameLocale() {
  if (previous_ != nullptr) uselocale(static_cast<locale_t>(previous_));
}
#endif

std::optional<std::string> ArchiveEntryName(archive_entry* entry, EntryName which) {
#ifdef _WIN32
  const wchar_t* name = which == EntryName::kPath       ? archive_entry_pathname_w(entry)
                        : which == EntryName::kHardlink ? archive_entry_hardlink_w(entry)
                                                        : archive_entry_symlink_w(entry);
  if (name == nullptr) return std::nullopt;
  const std::wstring_view wide(name);
  if (std::all_of(wide.begin(), wide.end(), [](wchar_t c) { return c <= 0xFF; })) {
    // In the "C" locale libarchive widens each stored byte of a name it could not convert.
    // A declared name of Latin-1 characters alone looks the same, and cannot be told apart
    // through libarchive's interface: it is taken as stored bytes too, so a UTF-8-flagged
    // "März" comes out as the legacy decoding of "M\xE4rz" (with a note saying so).
    std::string bytes;
    for (wchar_t c : wide) bytes.push_back(static_cast<char>(c));
    return bytes;
  }
  if (wide.size() > static_cast<size_t>(INT_MAX)) return std::nullopt;
  const int size = static_cast<int>(wide.size());
  const int n =
      WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, name, size, nullptr, 0, nullptr, nullptr);
  if (n <= 0) return std::nullopt;
  std::string utf8(static_cast<size_t>(n), '\0');
  if (WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, name, size, utf8.data(), n, nullptr,
                          nullptr) != n) {
    return std::nullopt;
  }
  return utf8;
#else
  const char* name = which == EntryName::kPath       ? archive_entry_pathname(entry)
                     : which == EntryName::kHardlink ? archive_entry_hardlink(entry)
                                                     : archive_entry_symlink(entry);
  if (name == nullptr) return std::nullopt;
  return std::string(name);
#endif
}

}  // namespace loganalyze::internal
