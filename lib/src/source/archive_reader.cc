// IsArchive and ForEachArchiveMember: archive members read in place through libarchive.
// Nothing is extracted and nothing is written: members, and archives nested in them, are
// streamed from the outer archive's data. A problem with a member is reported once: through
// its Read when `visit` gets the member, through `on_error` otherwise; a walk that ends
// early says so through `on_error` too, naming "" for the outermost archive and the member
// path for a nested one.
//
// Names: libarchive converts them through the thread's locale, so every libarchive call that
// reads a header runs under internal::ArchiveNameLocale, and the names are decoded to UTF-8
// here (source/member_name.h) whatever the archive did with them.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "fmt/format.h"
#include "loganalyze/inputs.h"
#include "loganalyze/reader.h"
#include "source/member_name.h"
#include "source/platform.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;

using VisitFn = absl::FunctionRef<void(const MemberInfo&, ByteSource&)>;
using ErrorFn = absl::FunctionRef<void(std::string_view, const absl::Status&)>;

constexpr size_t kBlockBytes = 64 * 1024;
// Enough of a member to tell an archive by its magic bytes (tar's sits at offset 257).
constexpr size_t kSniffBytes = 512;
// The ratio is judged only past this: small members and headers compress unevenly.
constexpr uint64_t kRatioFloorBytes = uint64_t{1} << 20;

// libarchive's "no particular errno" (ARCHIVE_ERRNO_MISC lives in a private header).
constexpr int kMiscErrno = -1;

constexpr std::string_view kGzipMagic("\x1F\x8B", 2);
constexpr std::string_view k7zMagic("7z\xBC\xAF\x27\x1C", 6);

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - suffix.size(), [](char a, char b) {
    return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
  });
}

// Debian's absl::string_view is its own class, which fmt does not know.
std::string_view Message(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

std::string Bytes(uint64_t n) {
  if (n < (uint64_t{1} << 20)) return fmt::format("{} bytes", n);
  return fmt::format("{} bytes ({:.1f} MiB)", n, static_cast<double>(n) / (1 << 20));
}

// The member a single .gz file holds: its name without ".gz" (".tgz" gives ".tar").
std::string GzipMemberName(std::string_view gz_path) {
  const size_t slash = gz_path.find_last_of("/\\");
  std::string name(slash == std::string_view::npos ? gz_path : gz_path.substr(slash + 1));
  if (EndsWithNoCase(name, ".tgz")) return name.substr(0, name.size() - 4) + ".tar";
  if (EndsWithNoCase(name, ".gz") && name.size() > 3) name.resize(name.size() - 3);
  return name;
}

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

enum class Formats { kArchives, kArchivesOrGzip, kGzipOnly };

// Which readers an archive named `name` whose data starts with `head` gets. Raw (a lone
// compressed file) only for gzip data, or any unrecognised file would come out as one member
// of garbage; and only raw for "x.gz", since gzipped data that starts with 512 zero bytes
// reads as an empty tar (its end marker) and would vanish without a word.
Formats ChooseFormats(std::string_view name, std::string_view head) {
  if (!StartsWith(head, kGzipMagic)) return Formats::kArchives;
  if (EndsWithNoCase(name, ".gz") && !EndsWithNoCase(name, ".tar.gz")) {
    return Formats::kGzipOnly;
  }
  return Formats::kArchivesOrGzip;
}

// The formats ForEachArchiveMember promises, and no more: no external filter programs.
void EnableFormats(archive* a, bool nested, Formats formats) {
  archive_read_support_filter_gzip(a);
  if (formats != Formats::kArchives) archive_read_support_format_raw(a);
  if (formats == Formats::kGzipOnly) return;
  // The seekable zip reader trusts the central directory but needs seeking; a nested zip
  // is a forward-only stream, so it gets the streaming reader.
  if (nested) {
    archive_read_support_format_zip_streamable(a);
  } else {
    archive_read_support_format_zip(a);
  }
  archive_read_support_format_7zip(a);
  archive_read_support_format_cab(a);
  archive_read_support_format_tar(a);
}

const char* ErrorText(archive* a) {
  const char* s = archive_error_string(a);
  return s != nullptr ? s : "unknown error";
}

// What one walk shares across nesting levels.
struct Walk {
  const std::string& path;  // the outermost archive, as given
  const ArchiveLimits& limits;
  VisitFn visit;
  ErrorFn on_error;
  uint64_t total_bytes = 0;  // delivered to `visit`, all levels together
  bool total_exhausted = false;
  ArchiveShard shard;
  bool owned = true;  // the current top-level entry belongs to this shard
  size_t top_entry = 0;  // position of the current top-level entry, from 0
};

class MemberReader;

// One open archive: the outermost file, or a member read as an archive.
struct ArchiveLevel {
  ArchivePtr a;
  std::string name;  // "" for the outermost, else its member path
  int depth = 0;
  std::string gzip_member;         // the member name if this is a single .gz
  std::optional<int64_t> mtime;    // of the .gz itself, for its member
  MemberReader* source = nullptr;  // the outer member a nested archive streams from
  uint64_t file_size = 0;          // of the outermost archive
  uint64_t inflated = 0;           // bytes read from all members of this archive
  bool fatal = false;              // libarchive cannot go on with this archive
  size_t entries = 0;              // headers read so far
  // Opens the archive afresh (the outermost file only), to go on past a damaged member.
  std::function<ArchivePtr()> reopen;

  std::string Where(const Walk& walk) const {
    return name.empty() ? walk.path : fmt::format("{}: nested archive '{}'", walk.path, name);
  }
};

// The data of the current entry of `level`, with the limits applied. Serves sniffed bytes
// first. Once it fails, every later Read returns the same error.
class MemberReader final : public ByteSource {
 public:
  MemberReader(Walk& walk, ArchiveLevel& level, std::string member)
      : walk_(walk), level_(level), member_(std::move(member)) {}

  const std::string& member() const { return member_; }
  const absl::Status& status() const { return status_; }
  void Fail(absl::Status status) { status_ = std::move(status); }
  // Bytes this reader hands out count toward max_total_bytes (leaves, not nested archives,
  // so that a nested member is not counted twice).
  void CountTowardTotal() { counts_total_ = true; }
  uint64_t bytes() const { return bytes_; }

  // Reads the rest of the member and drops it, within the limits.
  absl::Status Drain() {
    std::vector<char> buffer(kBlockBytes);
    for (;;) {
      const absl::StatusOr<size_t> n = ReadData(buffer.data(), buffer.size());
      if (!n.ok()) return n.status();
      if (*n == 0) return absl::OkStatus();
    }
  }

  // Reads up to `n` bytes ahead, to sniff the format; Read returns them first.
  std::string_view Sniff(size_t n) {
    char buffer[kSniffBytes];
    n = std::min(n, sizeof buffer);
    while (sniffed_.size() < n) {
      const absl::StatusOr<size_t> got = ReadData(buffer, n - sniffed_.size());
      if (!got.ok() || *got == 0) break;
      sniffed_.append(buffer, *got);
    }
    return sniffed_;
  }

  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    size_t n;
    if (sniffed_pos_ < sniffed_.size()) {
      n = std::min(size, sniffed_.size() - sniffed_pos_);
      std::memcpy(buffer, sniffed_.data() + sniffed_pos_, n);
      sniffed_pos_ += n;
    } else {
      const absl::StatusOr<size_t> got = ReadData(buffer, size);
      if (!got.ok()) return got.status();
      n = *got;
    }
    if (counts_total_) {
      walk_.total_bytes += n;
      if (walk_.total_bytes > walk_.limits.max_total_bytes) {
        walk_.total_exhausted = true;
        Fail(absl::ResourceExhaustedError(fmt::format(
            "{}: member '{}': stopped: the archive's members inflate past max_total_bytes "
            "({}) together; later members are not read. Raise the limit if the archive is "
            "trusted",
            walk_.path, member_, Bytes(walk_.limits.max_total_bytes))));
        return status_;
      }
    }
    return n;
  }

 private:
  absl::StatusOr<size_t> ReadData(char* buffer, size_t size);

  Walk& walk_;
  ArchiveLevel& level_;
  std::string member_;
  absl::Status status_;
  std::string sniffed_;
  size_t sniffed_pos_ = 0;
  bool counts_total_ = false;
  bool started_ = false;
  bool done_ = false;
  int64_t start_position_ = 0;  // compressed stream position where the data began
  uint64_t bytes_ = 0;          // inflated bytes read so far
};

absl::StatusOr<size_t> MemberReader::ReadData(char* buffer, size_t size) {
  if (!status_.ok()) return status_;
  if (done_ || size == 0) return 0;
  archive* a = level_.a.get();
  if (!started_) {
    // Position of the last filter (the raw bytes): the compressed side of the ratio. It
    // moves as the decompressor consumes input, so deltas are per member.
    start_position_ = archive_filter_bytes(a, -1);
    started_ = true;
  }
  const la_ssize_t n = archive_read_data(a, buffer, size);
  if (n == 0) {
    done_ = true;
    return 0;
  }
  if (n < 0) {
    if (n == ARCHIVE_FATAL) level_.fatal = true;
    const MemberReader* outer = level_.source;
    if (outer != nullptr && !outer->status().ok()) {
      // The nested archive's own stream failed (a limit of the outer member, say).
      Fail(absl::Status(outer->status().code(),
                        fmt::format("{}: member '{}': cannot read it: {}", walk_.path, member_,
                                    Message(outer->status()))));
    } else {
      Fail(absl::DataLossError(fmt::format(
          "{}: member '{}': cannot read its data ({}); the archive is damaged or truncated: "
          "copy it again from the source machine",
          walk_.path, member_, ErrorText(a))));
    }
    return status_;
  }
  bytes_ += static_cast<uint64_t>(n);
  level_.inflated += static_cast<uint64_t>(n);
  const ArchiveLimits& limits = walk_.limits;
  if (bytes_ > limits.max_member_bytes) {
    Fail(absl::ResourceExhaustedError(fmt::format(
        "{}: member '{}': stopped after {}: it inflates past max_member_bytes ({}). Raise "
        "the limit if the archive is trusted",
        walk_.path, member_, Bytes(bytes_), Bytes(limits.max_member_bytes))));
    return status_;
  }
  if (bytes_ > kRatioFloorBytes) {
    // The member's own ratio overstates when a solid block (7z) or read-ahead made its
    // compressed bytes go by early, so the archive as a whole must be past the ratio too:
    // its size bounds what all its members can have been compressed into.
    const int64_t delta = archive_filter_bytes(a, -1) - start_position_;
    const uint64_t compressed = delta > 0 ? static_cast<uint64_t>(delta) : 1;
    const uint64_t archive_size =
        level_.source != nullptr ? level_.source->bytes() : level_.file_size;
    if (bytes_ / compressed > limits.max_ratio &&
        level_.inflated / std::max<uint64_t>(archive_size, 1) > limits.max_ratio) {
      Fail(absl::ResourceExhaustedError(fmt::format(
          "{}: member '{}': stopped after {}: it inflates more than max_ratio ({}) times "
          "its compressed size ({}), and the archive more than that times its size ({}), as "
          "a decompression bomb does. Raise max_ratio if the archive is trusted",
          walk_.path, member_, Bytes(bytes_), limits.max_ratio, Bytes(compressed),
          Bytes(archive_size))));
      return status_;
    }
  }
  return static_cast<size_t>(n);
}

// libarchive's view of a member being read as an archive: the sniffed bytes, then the rest
// of the outer member, block by block.
struct NestedStream {
  MemberReader* outer;
  std::vector<char> buffer = std::vector<char>(kBlockBytes);
};

la_ssize_t NestedRead(archive* a, void* client, const void** out) {
  auto* stream = static_cast<NestedStream*>(client);
  const absl::StatusOr<size_t> n = stream->outer->Read(stream->buffer.data(), kBlockBytes);
  if (!n.ok()) {
    archive_set_error(a, kMiscErrno, "%s", std::string(Message(n.status())).c_str());
    return ARCHIVE_FATAL;
  }
  *out = stream->buffer.data();
  return static_cast<la_ssize_t>(*n);
}

// The outermost archive, read through std::ifstream so that Windows paths and files past
// 2 GiB work the same as here.
struct FileStream {
  std::ifstream in;
  int64_t size = 0;
  std::vector<char> buffer = std::vector<char>(kBlockBytes);
};

la_ssize_t FileRead(archive* a, void* client, const void** out) {
  auto* f = static_cast<FileStream*>(client);
  f->in.clear();
  f->in.read(f->buffer.data(), static_cast<std::streamsize>(f->buffer.size()));
  if (f->in.bad()) {
    archive_set_error(a, kMiscErrno, "read error");
    return ARCHIVE_FATAL;
  }
  *out = f->buffer.data();
  return static_cast<la_ssize_t>(f->in.gcount());
}

la_int64_t FileSeek(archive*, void* client, la_int64_t offset, int whence) {
  auto* f = static_cast<FileStream*>(client);
  f->in.clear();  // tellg fails while eofbit or failbit is set
  const int64_t base = whence == SEEK_SET   ? 0
                       : whence == SEEK_END ? f->size
                                            : static_cast<int64_t>(f->in.tellg());
  const int64_t target = std::clamp<int64_t>(base + offset, 0, f->size);
  f->in.seekg(target);
  return f->in ? target : ARCHIVE_FATAL;
}

la_int64_t FileSkip(archive* a, void* client, la_int64_t request) {
  auto* f = static_cast<FileStream*>(client);
  f->in.clear();
  const int64_t from = f->in.tellg();
  const la_int64_t to = FileSeek(a, client, request, SEEK_CUR);
  return to < 0 ? 0 : to - from;
}

absl::Status WalkArchive(Walk& walk, ArchiveLevel& level);

// Runs `call`, a libarchive call that may read a header (an open, a next header), under the
// locale that names are read in.
template <typename Call>
int UnderNameLocale(Call call) {
  const internal::ArchiveNameLocale names_locale;
  return call();
}

int NextHeader(archive* a, archive_entry** entry) {
  return UnderNameLocale([&] { return archive_read_next_header(a, entry); });
}

// Opens the member `reader` is positioned on as an archive and walks it.
void WalkNested(Walk& walk, ArchiveLevel& outer, MemberReader& reader, std::string_view sniffed,
                std::optional<int64_t> mtime) {
  const std::string& member = reader.member();
  if (outer.depth + 1 > walk.limits.max_depth) {
    walk.on_error(member, absl::ResourceExhaustedError(fmt::format(
                              "{}: member '{}' is an archive nested deeper than max_depth "
                              "({}); it is not read. Extract it and pass it on its own",
                              walk.path, member, walk.limits.max_depth)));
    return;
  }
  if (StartsWith(sniffed, k7zMagic)) {
    // 7z keeps its index at the end of the file, so libarchive needs to seek, and a member
    // is a forward-only stream. (Holding it in memory would undo the streaming.)
    walk.on_error(member, absl::UnimplementedError(fmt::format(
                              "{}: member '{}' is a 7z archive, which cannot be read from "
                              "inside another archive; extract it and pass it on its own",
                              walk.path, member)));
    return;
  }
  NestedStream stream{&reader};
  ArchivePtr inner(archive_read_new());
  EnableFormats(inner.get(), /*nested=*/true, ChooseFormats(member, sniffed));
  if (UnderNameLocale([&] {
        return archive_read_open(inner.get(), &stream, nullptr, NestedRead, nullptr);
      }) != ARCHIVE_OK) {
    walk.on_error(member, !reader.status().ok()
                              ? reader.status()
                              : absl::InvalidArgumentError(fmt::format(
                                    "{}: member '{}' looks like an archive but cannot be "
                                    "opened as one ({})",
                                    walk.path, member, ErrorText(inner.get()))));
    return;
  }
  ArchiveLevel level;
  level.a = std::move(inner);
  level.name = member;
  level.depth = outer.depth + 1;
  level.gzip_member = GzipMemberName(member);
  level.mtime = mtime;
  level.source = &reader;
  const absl::Status status = WalkArchive(walk, level);
  if (!status.ok()) walk.on_error(member, status);
}

// True when libarchive gets past the rest of a member without inflating it: the seekable zip
// reader seeks, and the streaming one and tar pass over raw bytes.
bool CheapToSkip(archive* a) {
  const int format = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
  return archive_filter_count(a) <= 1 &&
         (format == ARCHIVE_FORMAT_ZIP || format == ARCHIVE_FORMAT_TAR);
}

// Gets past what `visit` (or a nested walk) left of a member. In a stream-compressed archive
// (tar.gz, .gz, 7z, cab) libarchive can only inflate its way past it, so that is done here,
// within the same limits as reading; a member already stopped by a limit is not inflated
// further, and the walk ends there. Returns false when the walk ends.
bool PassOver(Walk& walk, ArchiveLevel& level, MemberReader& reader) {
  if (walk.total_exhausted) return false;  // the member's Read said so
  if (level.fatal || CheapToSkip(level.a.get())) return true;
  absl::Status status = reader.status();
  if (status.ok()) {
    status = reader.Drain();
    // Not read by `visit`, so nobody has heard of it yet.
    if (!status.ok() && status.code() != absl::StatusCode::kResourceExhausted) {
      walk.on_error(reader.member(), status);
    }
  }
  if (status.code() != absl::StatusCode::kResourceExhausted) return true;
  walk.on_error(level.name,
                absl::ResourceExhaustedError(fmt::format(
                    "{}: stopped after member '{}': this kind of archive can only be read past "
                    "it by inflating all of it, beyond the limits; later members are not read",
                    level.Where(walk), reader.member())));
  return false;
}

// Hands one regular entry to `visit`, or walks it when it is an archive itself. Returns
// false when the walk must end.
bool VisitEntry(Walk& walk, ArchiveLevel& level, archive_entry* entry, const MemberInfo& info) {
  MemberReader reader(walk, level, info.path);
  if (archive_entry_is_encrypted(entry)) {
    reader.Fail(absl::FailedPreconditionError(
        fmt::format("{}: member '{}' is encrypted and loganalyze does not read password-protected "
                    "members. Extract it with the password and pass the extracted file",
                    walk.path, info.path)));
    walk.visit(info, reader);
    return true;  // nothing was read: libarchive skips it like any unread member
  }
  const std::string_view sniffed = reader.Sniff(kSniffBytes);
  const size_t slash = info.path.find_last_of('/');
  const std::string_view base_name = std::string_view(info.path).substr(slash + 1);
  if (IsArchive(base_name, sniffed)) {
    WalkNested(walk, level, reader, sniffed, info.mtime);
  } else {
    reader.CountTowardTotal();
    walk.visit(info, reader);
  }
  return PassOver(walk, level, reader);
}

// A name as stored in the current entry of `a`, in UTF-8. A zip name decoded here from a
// code page gets the slashes that libarchive gives the zip names it decodes itself: "a\b"
// becomes "a/b" when the name holds no "/" (Windows tools that separate folders with "\").
// That happens after decoding, because a CP950 character may end in the byte 0x5C.
internal::DecodedName DecodeName(archive* a, std::string_view stored) {
  internal::DecodedName name = internal::DecodeStoredName(stored);
  if ((archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP &&
      name.encoding != internal::NameEncoding::kUtf8 && name.utf8.find('/') == std::string::npos) {
    std::replace(name.utf8.begin(), name.utf8.end(), '\\', '/');
  }
  return name;
}

// What a note says about a name decoded from a code page.
std::string NameNote(archive* a, internal::NameEncoding encoding) {
  const int format = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
  const std::string_view undeclared =
      format == ARCHIVE_FORMAT_ZIP   ? "the zip does not mark it as UTF-8"
      : format == ARCHIVE_FORMAT_CAB ? "the cab does not mark it as UTF-8"
      : format == ARCHIVE_FORMAT_TAR ? "the tar header does not say how it is encoded"
                                     : "the archive does not say how it is encoded";
  if (encoding == internal::NameEncoding::kCp950) {
    return fmt::format("member name decoded from CP950 (Traditional Chinese Windows); {}",
                       undeclared);
  }
  return fmt::format(
      "member name decoded from CP437 (the DOS code page of English Windows); {}, and its "
      "bytes are neither UTF-8 nor Traditional Chinese (CP950)",
      undeclared);
}

// The name of the entry at `position` (from 1) of `level`, in UTF-8, with notes on how it
// was read.
MemberInfo NameEntry(ArchiveLevel& level, archive_entry* entry, size_t position) {
  MemberInfo info;
  archive* a = level.a.get();
  if (archive_format(a) == ARCHIVE_FORMAT_RAW) {
    info.path = level.gzip_member;
    return info;
  }
  const internal::ArchiveNameLocale names_locale;
  const std::optional<std::string> stored =
      internal::ArchiveEntryName(entry, internal::EntryName::kPath);
  if (!stored.has_value() || stored->empty()) {
    // Named by position, so that it is listed and told apart from its neighbours.
    info.path = fmt::format("(unnamed member {})", position);
    info.notes.push_back(
        stored.has_value()
            ? "the archive gives this member no name; it is named by its position"
            : "the member's name cannot be decoded: the archive says how it is encoded, but its "
              "bytes do not follow that encoding; it is named by its position");
    return info;
  }
  internal::DecodedName name = DecodeName(a, *stored);
  if (name.encoding != internal::NameEncoding::kUtf8) {
    info.notes.push_back(NameNote(a, name.encoding));
  }
  info.path = std::move(name.utf8);
  return info;
}

// Why the current entry of `level` is listed without data, or "" when it is a regular file
// (read) or a folder (not listed).
std::string SkipReason(ArchiveLevel& level, archive_entry* entry) {
  archive* a = level.a.get();
  const internal::ArchiveNameLocale names_locale;
  if (const std::optional<std::string> target =
          internal::ArchiveEntryName(entry, internal::EntryName::kHardlink)) {
    const std::string path = DecodeName(a, *target).utf8;
    return fmt::format("hard link to member '{}'; its data is read as that member",
                       level.name.empty() ? path : fmt::format("{}/{}", level.name, path));
  }
  switch (archive_entry_filetype(entry)) {
    case AE_IFREG:
    case AE_IFDIR:
      return std::string();
    case AE_IFLNK: {
      const std::optional<std::string> target =
          internal::ArchiveEntryName(entry, internal::EntryName::kSymlink);
      if (!target.has_value()) {
        return "symbolic link; links inside an archive are not followed";
      }
      return fmt::format("symbolic link to '{}'; links inside an archive are not followed",
                         DecodeName(a, *target).utf8);
    }
    case AE_IFCHR:
    case AE_IFBLK:
      return "a device entry, not a file";
    case AE_IFIFO:
      return "a FIFO entry, not a file";
    case AE_IFSOCK:
      return "a socket entry, not a file";
    default:
      return fmt::format("an entry of unknown type (mode {:o}), not a file",
                         archive_entry_filetype(entry));
  }
}

// Fills what the archive says about the current entry besides its name.
void DescribeEntry(const ArchiveLevel& level, archive_entry* entry, MemberInfo& info) {
  if (archive_entry_mtime_is_set(entry)) {
    info.mtime = static_cast<int64_t>(archive_entry_mtime(entry));
  } else if (archive_format(level.a.get()) == ARCHIVE_FORMAT_RAW) {
    info.mtime = level.mtime;  // gzip keeps the original's time on the .gz file
  }
  if (archive_entry_size_is_set(entry) && archive_entry_size(entry) >= 0) {
    info.size = static_cast<uint64_t>(archive_entry_size(entry));
  }
}

// Reopens the outermost archive after libarchive gave up on a damaged member, and skips
// the `count` entries already seen. libarchive's errors are sticky, but the seekable zip
// reader finds each member through the central directory, so a fresh handle gets past the
// damage. Formats that must inflate a member to skip it fail here again, and stay stopped.
bool Resume(ArchiveLevel& level, size_t count) {
  if (!level.reopen) return false;
  level.a = level.reopen();
  if (level.a == nullptr) return false;
  level.fatal = false;
  for (size_t i = 0; i < count; ++i) {
    archive_entry* entry = nullptr;
    const int r = NextHeader(level.a.get(), &entry);
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN && r != ARCHIVE_FAILED) return false;
  }
  return true;
}

// Walks the entries of `level`. Returns an error only when not even one entry can be read.
absl::Status WalkArchive(Walk& walk, ArchiveLevel& level) {
  std::string member;  // the last one seen
  size_t entries = 0;  // headers read, in order
  int retries = 0;
  for (;;) {
    if (walk.total_exhausted) return absl::OkStatus();  // reported by the member that hit it
    archive_entry* entry = nullptr;
    const int r = NextHeader(level.a.get(), &entry);
    if (r == ARCHIVE_EOF) return absl::OkStatus();
    if (r == ARCHIVE_RETRY && ++retries < 3) continue;
    retries = 0;
    if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY) {
      if (entries == 0) {
        return absl::DataLossError(fmt::format(
            "{}: cannot read the archive ({}). If it is damaged, copy it again from the "
            "source; if it is password-protected, extract it with the password",
            level.Where(walk), ErrorText(level.a.get())));
      }
      walk.on_error(level.name, absl::DataLossError(fmt::format(
                                    "{}: cannot read past member '{}' ({}); any later members "
                                    "are not read. Copy the archive again from the source",
                                    level.Where(walk), member, ErrorText(level.a.get()))));
      return absl::OkStatus();
    }
    ++entries;
    level.entries = entries;
    if (level.name.empty()) {
      walk.top_entry = entries - 1;
      // Top level: the shard of this entry. Where skipping means inflating, shard 0 reads
      // everything (see ArchiveShard).
      walk.owned = walk.shard.count <= 1 ||
                   (CheapToSkip(level.a.get()) ? (entries - 1) % walk.shard.count == walk.shard.index
                                               : walk.shard.index == 0);
    }
    MemberInfo info = NameEntry(level, entry, entries);
    info.position = walk.top_entry;
    if (!level.name.empty()) info.path = fmt::format("{}/{}", level.name, info.path);
    member = info.path;
    if (!walk.owned) continue;  // another shard's member: the next header skips its data
    if (r == ARCHIVE_FAILED) {
      walk.on_error(member, absl::DataLossError(
                                fmt::format("{}: member '{}': unreadable header ({}); skipped",
                                            walk.path, member, ErrorText(level.a.get()))));
      continue;
    }
    // ARCHIVE_WARN leaves the entry usable (a name that does not convert, say).
    info.skipped = SkipReason(level, entry);
    if (info.skipped.empty() && archive_entry_filetype(entry) == AE_IFDIR) continue;
    DescribeEntry(level, entry, info);
    if (!info.skipped.empty()) {
      // Links, devices and FIFOs have no data of their own, but are listed with the reason.
      const std::unique_ptr<ByteSource> nothing = MemorySource({});
      walk.visit(info, *nothing);
      continue;
    }
    if (!VisitEntry(walk, level, entry, info)) return absl::OkStatus();
    if (level.fatal && !Resume(level, entries)) {
      // The member's Read has said what went wrong; say that the walk stops here.
      walk.on_error(level.name, absl::DataLossError(fmt::format(
                                    "{}: stopped at member '{}' (see its error); any later "
                                    "members are not read",
                                    level.Where(walk), member)));
      return absl::OkStatus();
    }
  }
}

// Why the file at `path` cannot be opened, in the words of the file system.
absl::Status OpenError(const std::string& path, const fs::path& fs_path) {
  std::error_code ec;
  const fs::file_status st = fs::status(fs_path, ec);
  if (st.type() == fs::file_type::not_found) {
    return absl::NotFoundError(fmt::format("{}: no such archive; check the path", path));
  }
  if (fs::is_directory(st)) {
    return absl::FailedPreconditionError(fmt::format("{}: is a folder, not an archive", path));
  }
  return absl::PermissionDeniedError(
      fmt::format("{}: cannot open the archive for reading ({}); check its permissions", path,
                  ec ? ec.message() : "access denied or locked by another program"));
}

// Opens the outermost archive on `file`, from its first byte. `streaming` reads a zip front
// to back by its local headers instead of through its central directory.
absl::StatusOr<ArchivePtr> OpenFile(const std::string& path, FileStream& file, Formats formats,
                                    bool streaming = false) {
  file.in.clear();
  file.in.seekg(0);
  ArchivePtr a(archive_read_new());
  EnableFormats(a.get(), /*nested=*/streaming, formats);
  archive_read_set_callback_data(a.get(), &file);
  archive_read_set_read_callback(a.get(), FileRead);
  archive_read_set_seek_callback(a.get(), FileSeek);
  archive_read_set_skip_callback(a.get(), FileSkip);
  if (UnderNameLocale([&] { return archive_read_open1(a.get()); }) != ARCHIVE_OK) {
    return absl::InvalidArgumentError(
        fmt::format("{}: cannot open it as a zip, 7z, cab, tar, tar.gz or .gz archive ({})", path,
                    ErrorText(a.get())));
  }
  return a;
}

}  // namespace

bool IsArchive(std::string_view name, std::string_view head) {
  for (std::string_view ext : {".zip", ".7z", ".cab", ".tar", ".tgz", ".gz"}) {
    if (EndsWithNoCase(name, ext)) return true;
  }
  static constexpr std::string_view kMagic[] = {
      std::string_view("PK\x03\x04", 4),  // zip
      std::string_view("PK\x05\x06", 4),  // empty zip
      k7zMagic,
      std::string_view("MSCF\0\0\0\0", 8),  // cab
      std::string_view("\x1F\x8B", 2),      // gzip
  };
  for (std::string_view magic : kMagic) {
    if (StartsWith(head, magic)) return true;
  }
  return head.size() >= 262 && head.substr(257, 5) == "ustar";
}

absl::Status ForEachArchiveMember(const std::string& path, const ArchiveLimits& limits,
                                  VisitFn visit, ErrorFn on_error, const ArchiveShard& shard) {
  FileStream file;
  const fs::path fs_path(std::u8string(path.begin(), path.end()));
  std::error_code ec;
  if (fs::is_directory(fs_path, ec)) return OpenError(path, fs_path);
  file.in.open(fs_path, std::ios::binary);
  if (!file.in) return OpenError(path, fs_path);
  file.in.seekg(0, std::ios::end);
  file.size = file.in.tellg();
  file.in.seekg(0);
  char head_bytes[4] = {};
  file.in.read(head_bytes, sizeof head_bytes);
  const std::string_view head(head_bytes, static_cast<size_t>(file.in.gcount()));
  const Formats formats = ChooseFormats(path, head);

  absl::StatusOr<ArchivePtr> a = OpenFile(path, file, formats);
  if (!a.ok()) return a.status();
  ArchiveLevel level;
  level.a = *std::move(a);
  level.gzip_member = GzipMemberName(path);
  level.mtime = FileModificationTime(path);
  level.file_size = static_cast<uint64_t>(file.size);
  level.reopen = [&path, &file, formats] {
    absl::StatusOr<ArchivePtr> again = OpenFile(path, file, formats);
    return again.ok() ? *std::move(again) : nullptr;
  };
  // Errors about the whole archive come from shard 0 only, so each is reported once.
  const bool first = shard.index == 0;
  auto errors = [&](std::string_view member, const absl::Status& status) {
    if (member.empty() ? first : true) on_error(member, status);
  };
  Walk walk{.path = path, .limits = limits, .visit = visit, .on_error = errors, .shard = shard};
  absl::Status status = WalkArchive(walk, level);
  // libarchive's seekable zip reader trusts the central directory: when that is damaged, it
  // finds no member at all (silently) or fails before the first one, though every member's
  // local header may be intact. Such a zip is read again front to back, and says why.
  if (level.entries == 0 && StartsWith(head, std::string_view("PK\x03\x04", 4))) {
    const std::string why = status.ok() ? "it lists no members" : ErrorText(level.a.get());
    absl::StatusOr<ArchivePtr> stream = OpenFile(path, file, formats, /*streaming=*/true);
    if (stream.ok()) {
      errors("", absl::DataLossError(fmt::format(
                     "{}: the zip's central directory is damaged ({}); its members are read "
                     "from their local headers instead. Copy the archive again from the source",
                     path, why)));
      level.a = *std::move(stream);
      level.fatal = false;
      level.reopen = nullptr;  // reopening would find the same damaged directory
      status = WalkArchive(walk, level);
    }
  }
  return first ? status : absl::OkStatus();
}

}  // namespace loganalyze
