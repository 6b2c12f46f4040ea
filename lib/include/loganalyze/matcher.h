// Codes and the matcher: which knowledge-base entries a message produces.
//
//   auto kb = loganalyze::KnowledgeBase::Default();
//   auto matcher = loganalyze::Matcher::Create(*kb);
//   loganalyze::MatchScratch scratch;          // one per thread
//   loganalyze::MatchResult result;
//   absl::Status s = (*matcher)->Match("Failed: Hr: = [0x80070005]", &scratch, &result);
//   // result.entries: indices into kb->entries(); result.codes: {0x80070005}
//
// Thread safety: a Matcher is immutable after Create and may be shared between threads, each
// with its own MatchScratch; ParseCode, ScanCodes and ExportPatterns may run on several
// threads at once.
#ifndef LOGANALYZE_MATCHER_H_
#define LOGANALYZE_MATCHER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loganalyze/export.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "loganalyze/knowledge_base.h"

namespace loganalyze {

// An error code in canonical form. HRESULTs print as 0x + 8 upper-case hex digits, product
// ids as the decimal number, named codes as the name.
struct LOGANALYZE_API Code {
  enum class Kind : uint8_t { kHresult, kId, kName };
  Kind kind = Kind::kId;
  uint32_t value = 0;     // HRESULT bits or the id; 0 for names
  std::string_view name;  // names only: a view into the scanned text or the caller's string

  std::string ToString() const;
  friend bool operator==(const Code& a, const Code& b) {
    return a.kind == b.kind && a.value == b.value && a.name == b.name;
  }
};

// Parses one code written in any form a log uses (`0x80070005`, `0X80070005`, `80070005`,
// `hr=0x80070005`, `Hr: = [0x80070005]`, `(0x80070005)`, `-2147024891`, `2147942405`,
// `[0x1FC07]` -> 130055, `ID: 100050`, `Error 34506`, `SalBitmapError`, `AADSTS500021`).
// A bare number of up to 7 digits is an id; 8 hex digits are an HRESULT. Returns nullopt if
// `text` is not a code. Names are views into `text`.
LOGANALYZE_API std::optional<Code> ParseCode(std::string_view text);

// Appends every code found in `text` to `out` (in order of appearance, without duplicates).
// The forms: 0x + 8 hex digits anywhere; 0x + 5 hex digits in [] or () (a product id in hex);
// after a keyword (ID, Error, Error ID, error code, ErrorCode, HResult, DetailedHResult, hr,
// status, code) a decimal id, 8 bare hex digits or an unsigned 10-digit HRESULT; a signed
// 10-digit HRESULT anywhere; named codes (Sal*, CBP*, *FaultFault, AADSTS<n>, VSS_E_*, E_*,
// ERROR_*, RPC_S_*, WSAE*). Names are views into `text`.
LOGANALYZE_API void ScanCodes(std::string_view text, std::vector<Code>* out);

// Per-thread scratch space for Matcher::Match. Reuse it: matching allocates nothing once
// the vectors have grown.
struct LOGANALYZE_API MatchScratch {
  std::vector<int> set_hits;
  std::vector<int> entries;
};

struct LOGANALYZE_API MatchResult {
  // The entries that explain the message: indices into KnowledgeBase::entries(), ascending,
  // after precedence (patterns/README.md, "Precedence": specific entries of the log's
  // product first, then specific entries for any product, then generic entries, then
  // entries of the other product). More than one only when entries of the same rank tie.
  std::vector<int> entries;
  // The one entry the message counts for (one line, one finding): the only element of
  // `entries`, or on a tie the entry whose code comes last in the message (entries found by
  // wording alone after those found by a code, then knowledge-base order). -1 when
  // `entries` is empty.
  int finding = -1;
  // Every entry that matched, generic ones included, before precedence.
  std::vector<int> matched;
  // Every code in the message, with or without an entry, in order of appearance.
  std::vector<Code> codes;
  void Clear() {
    entries.clear();
    finding = -1;
    matched.clear();
    codes.clear();
  }
};

// Matches messages against a knowledge base: one RE2 set pass over the entries' patterns,
// plus a code scan whose codes are looked up in the knowledge base. Immutable after Create;
// Match is thread-safe with one MatchScratch per thread. Keeps its own handle to `kb` (a copy
// that shares the entries), so `kb` may be a temporary.
class LOGANALYZE_API Matcher {
 public:
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Compiles every pattern of `kb`. Returns InvalidArgument naming the entry and pattern
  // when RE2 rejects one, ResourceExhausted when the set does not fit its memory budget.
  static absl::StatusOr<std::unique_ptr<const Matcher>> Create(const KnowledgeBase& kb);

  // Clears `result` and fills it for `text`, a message of a log of `product` (the log
  // family of its input; kAny when unknown). Returns ResourceExhausted if RE2's DFA ran out
  // of memory (never a silent "no match").
  absl::Status Match(std::string_view text, MatchScratch* scratch, MatchResult* result,
                     ProductScope product = ProductScope::kAny) const;

  // The named captures of entry `entry`'s first pattern that matches `text`, as
  // (name, value) pairs; empty when none matches or it has no named groups. The entry's
  // patterns are compiled on the first call for it (thread-safe), not by Create(); a pattern
  // that fits the set's budget but not, alone, RE2's per-regexp share of it yields no
  // captures (`kb check` reports such a pattern).
  std::vector<std::pair<std::string, std::string>> Captures(int entry,
                                                            std::string_view text) const;

  // The entry whose codes include `code`, or -1.
  int EntryForCode(const Code& code) const;

  // Every pattern of the set, one per entry pattern, in set order (`patterns export`).
  std::vector<std::string> Patterns() const;

  const KnowledgeBase& knowledge_base() const;

 private:
  struct Impl;
  explicit Matcher(std::unique_ptr<const Impl> impl);
  int Rank(int entry, ProductScope product) const;
  int BreakTie(const std::vector<int>& entries, const std::vector<Code>& codes) const;
  std::unique_ptr<const Impl> impl_;
};

// How `ExportPatterns` writes the patterns: as RE2 takes them; "portable" for tools that join
// the list into one expression (ripgrep: named groups become non-capturing); or an
// approximation in POSIX extended syntax for `grep -E -i` (timing comparisons).
enum class PatternDialect : uint8_t { kRe2, kPortable, kEre };

// The matcher's patterns, one per entry pattern, then (with `with_code_forms`) regular
// expressions for the code forms ScanCodes finds, so that other tools do the same search.
LOGANALYZE_API std::vector<std::string> ExportPatterns(const Matcher& matcher,
                                                       PatternDialect dialect,
                                                       bool with_code_forms = true);

}  // namespace loganalyze

#endif  // LOGANALYZE_MATCHER_H_
