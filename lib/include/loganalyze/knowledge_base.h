// The knowledge base: every Azure Backup error loganalyze can explain (schema in
// patterns/README.md). The default set is compiled into the library.
//
// Thread safety: a KnowledgeBase is immutable and may be shared by any number of threads
// (copies share its entries); every function here may run on several threads at once.
#ifndef LOGANALYZE_KNOWLEDGE_BASE_H_
#define LOGANALYZE_KNOWLEDGE_BASE_H_

#include <cstdint>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "loganalyze/export.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace loganalyze {

enum class Severity : uint8_t { kInfo, kWarning, kError, kCritical };
LOGANALYZE_API std::string_view SeverityName(Severity s);  // "info", "warning", "error", "critical"
LOGANALYZE_API std::optional<Severity> SeverityFromName(std::string_view name);

enum class Language : uint8_t { kEnglish, kTraditionalChinese };
LOGANALYZE_API std::string_view LanguageTag(Language l);  // "en", "zh-TW"
// "en", "zh-TW", "zh_TW", ...
LOGANALYZE_API std::optional<Language> LanguageFromTag(std::string_view tag);
// From LC_ALL, then LC_MESSAGES, then LANG: zh_TW* (or zh-Hant*) gives Traditional Chinese.
LOGANALYZE_API Language LanguageFromEnvironment();

struct LOGANALYZE_API LocalizedText {
  std::string en, zh_tw;
  const std::string& Get(Language l) const { return l == Language::kEnglish ? en : zh_tw; }
};

struct LOGANALYZE_API LocalizedList {
  std::vector<std::string> en, zh_tw;
  const std::vector<std::string>& Get(Language l) const {
    return l == Language::kEnglish ? en : zh_tw;
  }
};

// Which family of logs an entry's wording belongs to, and which family an input's log is:
// the MARS agent's (CBEngine, GatewayProvider, ...), the DPM/MABS services' (MSDPM, DPMRA,
// ...), or any. When several specific entries match one record, those of the input's
// family win (patterns/README.md, "Precedence"). For an input, kAny means "unknown".
enum class ProductScope : uint8_t { kAny, kMars, kDpm };
LOGANALYZE_API std::string_view ProductScopeName(ProductScope s);  // "any", "mars", "dpm"
LOGANALYZE_API std::optional<ProductScope> ProductScopeFromName(std::string_view name);

struct LOGANALYZE_API KbEntry {
  std::string id;
  std::vector<std::string> products;
  // The `scope` field, or when absent: kMars if the products name MARS but neither DPM nor
  // MABS, kDpm if they name DPM or MABS but not MARS, else kAny.
  ProductScope scope = ProductScope::kAny;
  std::vector<std::string> codes;  // canonical forms
  Severity severity = Severity::kError;
  bool generic = false;
  LocalizedText title, cause;
  LocalizedList actions;
  std::string docs;
  std::vector<std::string> patterns;
  std::vector<std::string> samples_match, samples_no_match;
  std::string file;  // the file it came from
};

// One problem found in a knowledge-base directory. `line`/`column` are set for JSON syntax
// errors (1-based), `entry_id` when the problem belongs to an entry.
struct LOGANALYZE_API KbProblem {
  std::string file;
  std::string entry_id;
  int line = 0, column = 0;
  std::string reason;
  std::string ToString() const;  // "file:line:column: entry 'id': reason"
};

// An immutable set of entries: a cheap handle to shared, never-changing data. Copies share
// the entries, so a copy may outlive the original (an Analyzer or Matcher keeps its own
// copy); every member is safe to call from any number of threads at once.
class LOGANALYZE_API KnowledgeBase {
 public:
  KnowledgeBase();  // no entries

  // The entries compiled into the library.
  static absl::StatusOr<KnowledgeBase> Default();
  // Every *.json file of `dir` (or the one file `dir` names), in name order. Fails with
  // NotFound when there is no such folder or file, and with every problem of the entries in
  // the message (InvalidArgument).
  static absl::StatusOr<KnowledgeBase> FromDirectory(const std::string& dir);
  // The default entries, then those of `dir` (`loganalyze --kb-dir DIR`): Default(), then
  // CombinedWith(FromDirectory(dir)).
  static absl::StatusOr<KnowledgeBase> DefaultExtendedBy(const std::string& dir);
  // One file's contents; `name` is used in messages.
  static absl::StatusOr<KnowledgeBase> FromJson(std::string_view json, std::string_view name);

  // A new knowledge base with the entries of this one, then those of `other`; neither
  // changes. Fails on a duplicate id or code. Its version is this one's with "+local".
  absl::StatusOr<KnowledgeBase> CombinedWith(const KnowledgeBase& other) const;

  const std::vector<KbEntry>& entries() const;
  // Index of the entry with this id, or -1.
  int FindById(std::string_view id) const;
  // Index of the entry whose codes include this canonical code, or -1.
  int FindByCode(std::string_view canonical_code) const;
  // The knowledge base's version (patterns/VERSION for the default set, "+local" appended
  // when entries were added at run time).
  const std::string& version() const;

 private:
  friend class KnowledgeBaseBuilder;
  struct Data;
  explicit KnowledgeBase(std::shared_ptr<const Data> data);
  std::shared_ptr<const Data> data_;
};

// Validates the knowledge-base files in `dir` (or one file): JSON syntax (with line and
// column), schema and required fields, both languages, duplicate ids and codes, canonical
// codes, patterns RE2 rejects (with RE2's message), and samples that do not behave (a
// `match` line that does not produce the entry, a `no_match` line that does). Returns every
// problem at once; empty means valid.
LOGANALYZE_API std::vector<KbProblem> CheckKnowledgeBase(const std::string& path);
// The same checks for the compiled-in default set.
LOGANALYZE_API std::vector<KbProblem> CheckDefaultKnowledgeBase();

// `loganalyze explain`: the entries for a code in any form, or for words from a title, cause
// or id in either language, best first (at most `limit`). Empty when nothing is close.
LOGANALYZE_API std::vector<int> Explain(const KnowledgeBase& kb, std::string_view query,
                                        size_t limit = 5);

}  // namespace loganalyze

#endif  // LOGANALYZE_KNOWLEDGE_BASE_H_
