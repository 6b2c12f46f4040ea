// ExpandInputs and WildcardMatch: turns command-line arguments into the list of input files.
// The tool expands wildcards itself because cmd.exe passes `C:\...\Temp\*.errlog` through
// unexpanded; `\` is therefore always a folder separator in a pattern, on every platform.
#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "loganalyze/inputs.h"
#include "source/platform.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;

// Windows file names ignore case, so the patterns typed there must too.
#ifdef _WIN32
constexpr bool kFoldCase = true;
#else
constexpr bool kFoldCase = false;
#endif

// Folder nesting past this is reported rather than walked: no real log tree is this deep,
// and it bounds the walk where loop detection cannot (a file system that lies about
// identities).
constexpr size_t kMaxFolderDepth = 128;

constexpr bool IsSeparator(char c) { return c == '/' || c == '\\'; }

// A status for a file-system error, with the kind of the error as its code (std::errc
// compares equal to the system's codes on every platform).
absl::Status FileSystemError(const std::error_code& ec, std::string message) {
  if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) {
    return absl::NotFoundError(message);
  }
  if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted) {
    return absl::PermissionDeniedError(message);
  }
  if (ec == std::errc::filename_too_long) return absl::OutOfRangeError(message);
  if (ec == std::errc::too_many_symbolic_link_levels) {
    return absl::FailedPreconditionError(message);
  }
  return absl::UnavailableError(message);
}

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

char Fold(char c) {
  if constexpr (kFoldCase) {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  }
  return c;
}

// The index after the character that starts at `i`, so that `?` matches one UTF-8
// character of a name rather than one byte.
size_t NextChar(std::string_view s, size_t i) {
  ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

// Matches one folder or file name against one pattern segment (`*`, `?`, literals). Greedy
// with a single backtrack point, which is exact for `*` and linear in practice.
bool SegmentMatch(std::string_view pattern, std::string_view name) {
  size_t p = 0, n = 0;
  size_t star_p = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = ++p;
      star_n = n;
    } else if (p < pattern.size() && pattern[p] == '?') {
      ++p;
      n = NextChar(name, n);
    } else if (p < pattern.size() && Fold(pattern[p]) == Fold(name[n])) {
      ++p;
      ++n;
    } else if (star_p != std::string_view::npos) {
      p = star_p;
      star_n = NextChar(name, star_n);
      n = star_n;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Splits on both separators. Empty segments are dropped, except a leading one that marks an
// absolute path, so that "/x" and "x" stay different.
std::vector<std::string_view> SplitSegments(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || IsSeparator(s[i])) {
      if (i > start || (i == 0 && !s.empty())) out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Filesystem paths are UTF-8 strings in the API; these keep Windows from reading them in
// the ANSI code page.
fs::path PathFromUtf8(std::string_view s) { return fs::path(std::u8string(s.begin(), s.end())); }

std::string Utf8FromPath(const fs::path& p) {
  const std::u8string u = p.u8string();
  return std::string(u.begin(), u.end());
}

// A Windows verbatim path (`\\?\C:\...`, `\\.\`): absolute, and taken by the system as it is
// written. libstdc++ cannot resolve one (canonical) and would merge its leading `\\` into
// one (lexically_normal).
bool IsVerbatim(const fs::path& p) {
  const auto& s = p.native();  // wide on Windows
  auto separator = [](auto c) { return c == '/' || c == '\\'; };
  return s.size() >= 4 && separator(s[0]) && separator(s[1]) && (s[2] == '?' || s[2] == '.') &&
         separator(s[3]);
}

fs::path Normalized(const fs::path& p) { return IsVerbatim(p) ? p : p.lexically_normal(); }

// A wildcard argument split at its first wildcard segment: the walk starts at `base`.
struct SplitPattern {
  fs::path base;                   // empty for the current folder
  std::vector<std::string> parts;  // the rest, one segment each; runs of `**` collapsed
};

SplitPattern Split(std::string_view pattern) {
  SplitPattern out;
  size_t root = 0;
  while (root < pattern.size() && IsSeparator(pattern[root])) ++root;
  // Leading separators are kept (as '/') so "/var/log" and "\\server\share" stay rooted.
  std::string base(root, '/');
  std::string_view rest = pattern.substr(root);
  // In `\\?\C:\...` (a path past 260 characters) and `\\.\`, the `?` or `.` belongs to the
  // prefix. Windows takes such a path as it is: only `\` separates there.
  const bool verbatim = root == 2 && rest.size() >= 2 && (rest[0] == '?' || rest[0] == '.') &&
                        IsSeparator(rest[1]);
  if (verbatim) {
    base = std::string("\\\\") + rest[0] + "\\";
    rest.remove_prefix(2);
  }
  const char separator = verbatim ? '\\' : '/';
  bool in_wildcards = false;
  for (std::string_view seg : SplitSegments(rest)) {
    if (!in_wildcards && !HasWildcard(seg)) {
      if (!base.empty() && !IsSeparator(base.back())) base += separator;
      base += seg;
      continue;
    }
    in_wildcards = true;
    if (seg == "**" && !out.parts.empty() && out.parts.back() == "**") continue;
    out.parts.emplace_back(seg);
  }
  out.base = PathFromUtf8(base);
  return out;
}

// What a folder entry that is not a regular file or folder is, for the skipped list.
std::string SpecialKind(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo:
      return "a named pipe (FIFO)";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    default:
      return "neither a file nor a folder";
  }
}

// Files of the kernel's virtual file systems look regular but are not logs, and some never
// end (/proc/kmsg) or are huge (/proc/kcore).
bool IsVirtualFileSystemPath(const fs::path& canonical) {
  const std::string s = canonical.generic_string();
  for (std::string_view root : {"/proc", "/sys", "/dev"}) {
    if (s == root || (s.size() > root.size() && s.starts_with(root) && s[root.size()] == '/')) {
      return true;
    }
  }
  return false;
}

// True when `path` is `root` or inside it (both canonical).
bool Within(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

class Expander {
 public:
  ExpandedInputs Run(const std::vector<std::string>& args) {
    for (const std::string& arg : args) AddArgument(arg);
    std::sort(result_.files.begin(), result_.files.end());
    result_.files.erase(std::unique(result_.files.begin(), result_.files.end()),
                        result_.files.end());
    return std::move(result_);
  }

 private:
  // A folder being walked, as written and as resolved (for loop detection).
  struct Ancestor {
    fs::path shown;
    fs::path canonical;
  };

  void AddArgument(const std::string& arg);
  void ExpandPattern(const std::string& arg);
  void Expand(const SplitPattern& pattern, const fs::path& dir, size_t index);
  void WalkAll(const fs::path& dir);
  // Handles one folder entry met in a walk that is not to be descended into by the caller:
  // a file is added, anything else listed. Returns true when `e` is a folder to descend into.
  bool Visit(const fs::directory_entry& e, const fs::path& p, bool add_files);
  bool Enter(const fs::path& dir);
  void Leave() { chain_.pop_back(); }
  bool List(const fs::path& dir, std::vector<fs::directory_entry>& entries);

  void AddFile(const fs::path& p, bool named) {
    const std::string path = Utf8FromPath(Normalized(p));
    ++found_;
    if (const std::optional<internal::FileIdentity> id = internal::IdentityOf(path)) {
      auto [it, fresh] = identities_.try_emplace(*id, path);
      if (!fresh) {
        if (it->second != path) {
          std::vector<std::string>& notes = result_.notes[it->second];
          const std::string note = "also reached as " + path + "; read once";
          if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
        }
        if (named) result_.named.insert(it->second);
        return;
      }
    }
    result_.files.push_back(path);
    if (named) result_.named.insert(path);
  }
  void Error(std::string what, absl::Status status) {
    result_.errors.push_back({std::move(what), std::move(status)});
  }
  void Error(const fs::path& what, absl::Status status) {
    Error(Utf8FromPath(Normalized(what)), std::move(status));
  }
  void Skip(const fs::path& what, std::string reason) {
    result_.skipped.emplace_back(Utf8FromPath(Normalized(what)), std::move(reason));
  }
  // The folder to pass to the file system for a possibly empty (current folder) path.
  static fs::path Real(const fs::path& p) { return p.empty() ? fs::path(".") : p; }

  ExpandedInputs result_;
  std::vector<Ancestor> chain_;  // the folders from the walk's start to the current one
  size_t found_ = 0;             // files added for the current argument
  std::map<internal::FileIdentity, std::string> identities_;  // file -> first name met
};

void Expander::AddArgument(const std::string& arg) {
  if (arg == "-") {
    result_.files.push_back(arg);
    result_.named.insert(arg);
    return;
  }
  found_ = 0;
  chain_.clear();
  fs::path path = PathFromUtf8(arg);
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  // A name that exists is taken literally, even with `*` or `?` in it (legal on Linux).
  if (!fs::exists(st) && HasWildcard(arg)) return ExpandPattern(arg);
  if (!fs::exists(st) && arg.find('\\') != std::string::npos) {
    // `samples\mars\x.errlog` typed on Linux: `\` separates folders here too.
    std::string slashed = arg;
    std::replace(slashed.begin(), slashed.end(), '\\', '/');
    std::error_code ec2;
    const fs::file_status st2 = fs::status(PathFromUtf8(slashed), ec2);
    if (fs::exists(st2)) path = PathFromUtf8(slashed), st = st2, ec = ec2;
  }
  if (!fs::exists(st)) {
    Error(arg, ec && st.type() != fs::file_type::not_found
                   ? FileSystemError(ec, fmt::format("cannot read it: {}", ec.message()))
                   : absl::NotFoundError("no such file or folder; check the path"));
    return;
  }
  if (!fs::is_directory(st)) {
    // Named explicitly, so taken as given even when not a regular file: a named pipe or
    // `<(zcat x.gz)` is a fine input.
    AddFile(path, /*named=*/true);
    return;
  }
  if (!Enter(path)) return;
  const size_t problems = result_.errors.size() + result_.skipped.size();
  WalkAll(path);
  Leave();
  // Nothing found and nothing said about what is in it: say that much.
  if (found_ == 0 && problems == result_.errors.size() + result_.skipped.size()) {
    Error(arg, absl::NotFoundError("the folder holds no files"));
  }
}

void Expander::ExpandPattern(const std::string& arg) {
  const SplitPattern pattern = Split(arg);
  std::error_code ec;
  const fs::path base = Real(pattern.base);
  const fs::file_status st = fs::status(base, ec);
  if (!fs::is_directory(st)) {
    Error(arg, absl::NotFoundError(fmt::format(
                   "no file matches: {} {}", Utf8FromPath(base),
                   fs::exists(st)                          ? "is not a folder"
                   : st.type() == fs::file_type::not_found ? "does not exist"
                                                           : ec.message())));
    return;
  }
  if (!Enter(pattern.base)) return;
  Expand(pattern, pattern.base, 0);
  Leave();
  if (found_ == 0) {
    Error(arg, absl::NotFoundError(
                   "no file matches this pattern; check the folder and the name (`*` and `?` "
                   "stay within one folder, `**` crosses folders)"));
  }
}

// Adds the files under `dir` that match pattern.parts[index...]. `dir` is on chain_.
void Expander::Expand(const SplitPattern& pattern, const fs::path& dir, size_t index) {
  const std::string& part = pattern.parts[index];
  const bool last = index + 1 == pattern.parts.size();
  if (part == "**") {
    if (last) return WalkAll(dir);
    Expand(pattern, dir, index + 1);  // `**` standing for no folder at all
  } else if (!HasWildcard(part)) {
    // A literal segment after a wildcard: look it up rather than list the folder.
    const fs::path p = dir / PathFromUtf8(part);
    std::error_code ec;
    const fs::file_status st = fs::status(Real(p), ec);
    if (last) {
      if (fs::is_regular_file(st)) AddFile(p, /*named=*/true);
    } else if (fs::is_directory(st) && Enter(p)) {
      Expand(pattern, p, index + 1);
      Leave();
    }
    return;
  }
  std::vector<fs::directory_entry> entries;
  if (!List(dir, entries)) return;
  for (const fs::directory_entry& e : entries) {
    const fs::path p = dir / e.path().filename();
    if (part == "**") {
      if (Visit(e, p, /*add_files=*/false) && Enter(p)) {
        Expand(pattern, p, index);
        Leave();
      }
      continue;
    }
    if (!SegmentMatch(part, Utf8FromPath(e.path().filename()))) continue;
    if (Visit(e, p, /*add_files=*/last) && !last && Enter(p)) {
      Expand(pattern, p, index + 1);
      Leave();
    }
  }
}

// Adds every regular file under `dir`, at any depth. `dir` is on chain_.
void Expander::WalkAll(const fs::path& dir) {
  std::vector<fs::directory_entry> entries;
  if (!List(dir, entries)) return;
  for (const fs::directory_entry& e : entries) {
    const fs::path p = dir / e.path().filename();
    if (Visit(e, p, /*add_files=*/true) && Enter(p)) {
      WalkAll(p);
      Leave();
    }
  }
}

bool Expander::Visit(const fs::directory_entry& e, const fs::path& p, bool add_files) {
  std::error_code link_ec, ec;
  const bool link = e.is_symlink(link_ec);
  const fs::file_status st = e.status(ec);  // follows symbolic links
  if (ec && st.type() != fs::file_type::not_found) {
    // A path too long for the system, an entry that vanished or cannot be examined: never
    // dropped without a word.
    if (add_files) {
      Error(p, FileSystemError(
                   ec, link ? fmt::format("cannot follow this symbolic link ({}); skipped",
                                          ec.message())
                            : fmt::format("cannot examine it ({}); not read", ec.message())));
    }
    return false;
  }
  if (link) {
    std::error_code canon_ec;
    const fs::path target = fs::canonical(Real(p), canon_ec);
    if (st.type() == fs::file_type::not_found || canon_ec) {
      if (!add_files) return false;
      Error(p, st.type() == fs::file_type::not_found
                   ? absl::NotFoundError(
                         "broken symbolic link (its target does not exist); skipped")
                   : FileSystemError(canon_ec,
                                     fmt::format("cannot follow this symbolic link ({}); skipped",
                                                 canon_ec.message())));
      return false;
    }
    if (fs::is_directory(st)) {
      const fs::path& root = chain_.front().canonical;
      if (Within(target, root)) {
        Skip(p, fmt::format("a link to the folder {}, inside the folder being read: its files "
                            "are read there, not twice",
                            Utf8FromPath(target)));
      } else {
        Skip(p, fmt::format("a link to the folder {}, outside the folder being read: not "
                            "followed (name that folder to read it)",
                            Utf8FromPath(target)));
      }
      return false;
    }
    if (!add_files) return false;
    if (IsVirtualFileSystemPath(target)) {
      Skip(p, fmt::format("a link to {}, a file of the system, not a log", Utf8FromPath(target)));
      return false;
    }
  }
  if (fs::is_directory(st)) return true;
  if (!add_files) return false;
  if (fs::is_regular_file(st)) {
    AddFile(p, /*named=*/false);
  } else {
    Skip(p, fmt::format("{}, not a log file (name it to read from it)", SpecialKind(st.type())));
  }
  return false;
}

// Pushes `dir` on the chain of folders being walked, unless it is one of them already (a
// loop the file system makes, such as a bind mount) or too deep; both are reported and the
// folder is not walked.
bool Expander::Enter(const fs::path& dir) {
  std::error_code ec;
  fs::path canonical = fs::canonical(Real(dir), ec);
  if (ec && IsVerbatim(dir) && fs::is_directory(dir)) {
    // Loops through links are still found, by the links (Visit) rather than by their targets.
    canonical = dir;
    ec.clear();
  }
  if (ec) {
    Error(Real(dir), FileSystemError(ec, fmt::format("cannot resolve this folder ({}); skipped",
                                                     ec.message())));
    return false;
  }
  for (const Ancestor& a : chain_) {
    if (a.canonical == canonical) {
      Error(dir, absl::FailedPreconditionError(
                     fmt::format("folder loop: this is the folder {} again; not followed",
                                 Utf8FromPath(Real(a.shown)))));
      return false;
    }
  }
  if (chain_.size() >= kMaxFolderDepth) {
    Error(dir, absl::ResourceExhaustedError(
                   fmt::format("folders nested deeper than {} levels; not walked", kMaxFolderDepth)));
    return false;
  }
  chain_.push_back({dir, std::move(canonical)});
  return true;
}

// Reads a folder's entries, sorted by name so that the walk and its errors come out in the
// same order every time. An unreadable folder is reported (not silently skipped, as
// directory_options::skip_permission_denied would) and yields false.
bool Expander::List(const fs::path& dir, std::vector<fs::directory_entry>& entries) {
  std::error_code ec;
#ifdef _WIN32
  if (IsVerbatim(dir)) {
    std::vector<std::wstring> names;
    ec = internal::ListFolder(dir.native(), &names);
    for (const std::wstring& name : names) {
      std::error_code entry_ec;  // an entry that cannot be examined is reported by Visit
      entries.emplace_back(dir / name, entry_ec);
    }
  } else
#endif
  {
    fs::directory_iterator it(Real(dir), ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(*it);
  }
  if (ec) {
    Error(Real(dir),
          FileSystemError(ec, fmt::format("cannot read this folder ({}); skipped", ec.message())));
    if (entries.empty()) return false;
  }
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename() < b.path().filename();
            });
  return true;
}

}  // namespace

ExpandedInputs ExpandInputs(const std::vector<std::string>& args) { return Expander().Run(args); }

bool WildcardMatch(std::string_view pattern, std::string_view path) {
  const std::vector<std::string_view> p = SplitSegments(pattern);
  const std::vector<std::string_view> s = SplitSegments(path);
  // `**` matches any run of segments: the same single-backtrack scheme as SegmentMatch,
  // one level up.
  size_t i = 0, j = 0;
  size_t star_i = std::string_view::npos, star_j = 0;
  while (j < s.size()) {
    if (i < p.size() && p[i] == "**") {
      star_i = ++i;
      star_j = j;
    } else if (i < p.size() && SegmentMatch(p[i], s[j])) {
      ++i;
      ++j;
    } else if (star_i != std::string_view::npos) {
      i = star_i;
      j = ++star_j;
    } else {
      return false;
    }
  }
  while (i < p.size() && p[i] == "**") ++i;
  return i == p.size();
}

}  // namespace loganalyze
