// Finding the inputs: command-line arguments (files, directories, wildcards) and archive
// members, read in place through libarchive (nothing is extracted to disk).
//
// Thread safety: every function here may run on several threads at once. ReadInputList reads
// a ByteSource, which one thread uses at a time; ForEachArchiveMember calls `visit` and
// `on_error` on the calling thread.
#ifndef LOGANALYZE_INPUTS_H_
#define LOGANALYZE_INPUTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loganalyze/export.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "loganalyze/reader.h"
#include "loganalyze/status_text.h"

namespace loganalyze {

// An argument or a path that could not be expanded or read, and why.
struct LOGANALYZE_API InputError {
  std::string what;  // the argument, or a path found under it
  // Never OK. kNotFound: a missing file, a wildcard or folder that yields no file;
  // kPermissionDenied; kFailedPrecondition: a folder loop; kResourceExhausted: folders nested
  // too deep; others from the file system.
  absl::Status status;
  std::string_view message() const { return StatusMessage(status); }
};

struct LOGANALYZE_API ExpandedInputs {
  std::vector<std::string> files;  // sorted, one per file; "-" stands for stdin
  std::vector<InputError> errors;
  // Paths found but deliberately not read, with the reason: special files (pipes, sockets,
  // devices, /proc entries) and folder links that a walk does not follow.
  std::vector<std::pair<std::string, std::string>> skipped;
  // Facts about a file of `files`: the other names it was reached by (one file reached as
  // a relative and an absolute path, through a folder and by name, through a link).
  std::map<std::string, std::vector<std::string>> notes;
  // The files of `files` that an argument named (a path or a wildcard), as opposed to those
  // found by walking a folder.
  std::set<std::string> named;
};

// Expands arguments as `loganalyze` takes them: a file; a directory (walked recursively); a
// wildcard pattern with `*`, `?` and `**` (any depth) in which `/` and `\` both separate
// folders, expanded by the tool itself because cmd.exe does not; `-` for standard input. A
// pattern that matches nothing and a missing file are errors.
// A file is listed once however many names reach it (the same device and inode; on Windows
// the same volume and file index), under the first name met, with a note naming the others.
// A walk follows no folder link: one into the walked folder adds nothing, one out of it
// (towards `/`, `/proc`, another disk) would read what was not asked for; both are listed
// as skipped, with where they lead. Special files met in a walk are skipped, with what they
// are; unreadable folders and entries whose status cannot be read are errors.
LOGANALYZE_API ExpandedInputs ExpandInputs(const std::vector<std::string>& args);

// Reads a list of inputs, one path per line, as `loganalyze --files-from` takes it: text in
// any encoding the logs come in, detected as a log's is (UTF-16LE or UTF-16BE with or
// without a BOM, as PowerShell's `>` writes UTF-16LE with a BOM; UTF-8 with or without a
// BOM; Windows-1252), with LF, CRLF or CR line ends. Returns the paths in UTF-8 and in
// order, without trailing spaces, blank lines skipped; bytes that are not valid in the
// detected encoding become U+FFFD. Fails with the source's read error.
LOGANALYZE_API absl::StatusOr<std::vector<std::string>> ReadInputList(ByteSource& source);

// True when `pattern` matches `path` (both with / or \ separators; `**` crosses folders).
LOGANALYZE_API bool WildcardMatch(std::string_view pattern, std::string_view path);

// Limits against decompression bombs and hostile archives.
struct LOGANALYZE_API ArchiveLimits {
  uint64_t max_member_bytes = uint64_t{8} << 30;  // bytes one member may inflate to
  uint64_t max_total_bytes = uint64_t{64} << 30;  // bytes all members of an archive may
  // Inflated / compressed bytes, past 1 MiB: a member is stopped when both its own ratio
  // and the whole archive's are beyond this (a solid 7z consumes its compressed bytes early,
  // so the member ratio alone misjudges ordinary logs).
  uint64_t max_ratio = 1000;
  int max_depth = 3;          // archives inside archives
};

struct LOGANALYZE_API MemberInfo {
  // Path inside the outermost archive, in UTF-8; a member of a nested archive is
  // "inner.zip/dir/file.errlog". A name the archive stores without saying its encoding (a
  // zip or cab entry without the UTF-8 flag, a ustar or GNU tar header) stays as it is when
  // its bytes are valid UTF-8; otherwise it is read as CP950 (Traditional Chinese Windows)
  // when its bytes form CP950 characters that are Chinese text, else as CP437 (the DOS code
  // page of English Windows, which gives every byte a character), and `notes` says which.
  // Each name is judged alone: members are named one by one as the archive streams by.
  std::string path;
  std::optional<int64_t> mtime;  // Unix seconds
  std::optional<uint64_t> size;  // as declared by the archive, if it says
  // The position in the outermost archive of the entry that holds the member, from 0 (a
  // nested archive's members share their archive's): the order of members whatever shard
  // visits them.
  size_t position = 0;
  // Facts about how the member was read, as English sentences ("member name decoded from
  // CP950 ..."); empty when there is nothing to say.
  std::vector<std::string> notes;
  // Why the member is not read, or "" when it is: a hard link, a symbolic link, a device,
  // a FIFO. A skipped member is still visited, with a source that yields no bytes, so that
  // it can be listed. Folders are not visited at all: they hold no data.
  std::string skipped;
};

// One of `count` workers reading the same archive: it visits the members whose position in
// the archive is `index` modulo `count`, so that members inflate in parallel. Only for
// archives that can be skipped through without inflating (zip, uncompressed tar); in the
// others shard 0 reads every member and the other shards read none. Errors that concern the
// whole archive are reported by shard 0 only.
struct LOGANALYZE_API ArchiveShard {
  size_t index = 0;
  size_t count = 1;
};

// True when `name` or the first bytes `head` say this is an archive that
// ForEachArchiveMember reads: zip, 7z, cab, tar, tar.gz / tgz, or a single .gz file.
LOGANALYZE_API bool IsArchive(std::string_view name, std::string_view head);

// Streams every regular member of the archive at `path` to `visit` (nested archives are
// opened recursively up to limits.max_depth), and visits every link, device and FIFO entry
// too, with MemberInfo::skipped saying why its source is empty; folders are not visited.
// The ByteSource is valid during the call only;
// its Read fails with an error naming the archive and member when the member is corrupt,
// encrypted, truncated or goes past a limit. Problems with one member go to
// `on_error(member, status)` and the walk goes on where the format allows. Returns an error
// (naming the archive) only when it cannot be opened or read at all.
LOGANALYZE_API absl::Status ForEachArchiveMember(
    const std::string& path, const ArchiveLimits& limits,
    absl::FunctionRef<void(const MemberInfo&, ByteSource&)> visit,
    absl::FunctionRef<void(std::string_view member, const absl::Status&)> on_error,
    const ArchiveShard& shard = {});

}  // namespace loganalyze

#endif  // LOGANALYZE_INPUTS_H_
