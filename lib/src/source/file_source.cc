// Byte sources: files, standard input, memory.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "loganalyze/reader.h"
#include "source/platform.h"
#include "source/sources.h"

namespace loganalyze {
namespace {

absl::Status ErrnoStatus(int err, const std::string& what) {
  const std::string message = absl::StrCat(what, ": ", std::strerror(err));
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    case EISDIR:
      return absl::FailedPreconditionError(message);
    default:
      return absl::UnavailableError(message);
  }
}

class FileSource : public ByteSource {
 public:
  FileSource(std::FILE* file, std::string name, bool owned)
      : file_(file), name_(std::move(name)), owned_(owned),
        size_at_open_(owned ? internal::SizeOfOpenFile(file) : std::nullopt) {}
  ~FileSource() override {
    if (owned_) std::fclose(file_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    const size_t n = std::fread(buffer, 1, size, file_);
    if (n == 0 && std::ferror(file_)) {
      return ErrnoStatus(errno, absl::StrCat("reading ", name_));
    }
    read_ += n;
    if (n == 0 && size > 0 && size_at_open_ && read_ < *size_at_open_) {
      // A log that grows while it is read is fine (its first bytes are what was asked for);
      // one that shrinks (truncated, rotated in place) lost what it had.
      return absl::DataLossError(absl::StrCat(
          name_, ": the file shrank while it was read: it held ", *size_at_open_,
          " bytes when opened and ended after ", read_, "; only those were read"));
    }
    return n;
  }

 private:
  std::FILE* file_;
  std::string name_;
  bool owned_;
  std::optional<uint64_t> size_at_open_;  // regular files only
  uint64_t read_ = 0;
};

class MemoryByteSource : public ByteSource {
 public:
  explicit MemoryByteSource(std::string_view bytes) : rest_(bytes) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    const size_t n = std::min(size, rest_.size());
    if (n == 0) return 0;  // an empty view may hold no pointer, which memcpy must not get
    std::memcpy(buffer, rest_.data(), n);
    rest_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view rest_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ByteSource>> OpenFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(std::filesystem::path(path), ec)) {
    return ErrnoStatus(EISDIR, absl::StrCat("opening ", path));
  }
  std::FILE* f = internal::OpenForReading(path);
  if (f == nullptr) return ErrnoStatus(errno, absl::StrCat("opening ", path));
  return std::make_unique<FileSource>(f, path, /*owned=*/true);
}

std::unique_ptr<ByteSource> OpenStdin() {
  return std::make_unique<FileSource>(internal::BinaryStdin(), "standard input",
                                      /*owned=*/false);
}

std::unique_ptr<ByteSource> internal::SourceOfOpenFile(std::FILE* file, std::string name) {
  return std::make_unique<FileSource>(file, std::move(name), /*owned=*/false);
}

std::unique_ptr<ByteSource> MemorySource(std::string_view bytes) {
  return std::make_unique<MemoryByteSource>(bytes);
}

std::optional<int64_t> FileModificationTime(const std::string& path) {
  return internal::ModificationTime(path);
}

}  // namespace loganalyze
