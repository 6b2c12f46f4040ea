#include "loganalyze/matcher.h"

#include <algorithm>

#include "absl/base/call_once.h"
#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "loganalyze/knowledge_base.h"
#include "match/re2_util.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace loganalyze {

struct Matcher::Impl {
  KnowledgeBase kb;  // a handle: the matcher shares the entries, whatever the caller keeps
  std::unique_ptr<RE2::Set> set;  // every pattern of every entry; null when there are none
  std::vector<int> set_entry;     // set index -> entry index
  std::vector<std::string> patterns;
  // Each entry's own regexps, for Captures() only: compiled on its first call for the entry,
  // not by Create (half of Create's time, which every run of the tool pays).
  struct EntryRegexps {
    absl::once_flag once;
    std::vector<std::unique_ptr<RE2>> regexps;
  };
  std::unique_ptr<EntryRegexps[]> entry_regexps;
  absl::flat_hash_map<uint64_t, int> numeric_codes;  // (kind << 32 | value) -> entry
  absl::flat_hash_map<std::string, int> named_codes;
  std::vector<bool> generic;
  std::vector<ProductScope> scope;

  static uint64_t Key(Code::Kind kind, uint32_t value) {
    return static_cast<uint64_t>(kind) << 32 | value;
  }
};

namespace {

// Ranks of precedence, best first (patterns/README.md, "Precedence").
constexpr int kOwnProductSpecific = 0;    // a specific entry of the log's product
constexpr int kAnyProductSpecific = 1;    // a specific entry of any product (or unknown log)
constexpr int kGeneric = 2;               // a generic entry that fits the log
constexpr int kOtherProductSpecific = 3;  // a specific entry of the other product
constexpr int kLastRank = 4;              // a generic entry of the other product

int RankOf(bool generic, ProductScope scope, ProductScope product) {
  const bool known = product != ProductScope::kAny && scope != ProductScope::kAny;
  if (known && scope != product) return generic ? kLastRank : kOtherProductSpecific;
  if (generic) return kGeneric;
  return known ? kOwnProductSpecific : kAnyProductSpecific;
}

}  // namespace

int Matcher::Rank(int entry, ProductScope product) const {
  return RankOf(impl_->generic[entry], impl_->scope[entry], product);
}

// Several entries share the best rank: the one whose code comes last in the message wins
// (a message ends with its detail: "HResult: 80780049 DetailedHResult: 8007007B"), entries
// found by their wording alone come after, and the knowledge base's order settles the rest.
// Rare, so the codes are looked up again rather than remembered for every message.
int Matcher::BreakTie(const std::vector<int>& entries, const std::vector<Code>& codes) const {
  for (size_t i = codes.size(); i-- > 0;) {
    const int e = EntryForCode(codes[i]);
    if (e >= 0 && std::binary_search(entries.begin(), entries.end(), e)) return e;
  }
  return entries.front();
}

Matcher::Matcher(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Matcher::~Matcher() = default;

namespace {

// A pattern of `entry` that RE2 does not take, named with RE2's reason.
absl::Status Rejected(const KbEntry& entry, std::string_view pattern, std::string_view reason) {
  return absl::InvalidArgumentError(fmt::format(
      "{}: entry '{}': pattern /{}/ is rejected by RE2: {}", entry.file, entry.id, pattern,
      reason));
}

}  // namespace

absl::StatusOr<std::unique_ptr<const Matcher>> Matcher::Create(const KnowledgeBase& kb) {
  auto impl = std::make_unique<Impl>();
  impl->kb = kb;
  const RE2::Options options = internal::PatternOptions();
  impl->set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  const auto& entries = kb.entries();
  impl->entry_regexps = std::make_unique<Impl::EntryRegexps[]>(entries.size());
  impl->generic.resize(entries.size());
  impl->scope.resize(entries.size());
  for (size_t e = 0; e < entries.size(); ++e) {
    const KbEntry& entry = entries[e];
    impl->generic[e] = entry.generic;
    impl->scope[e] = entry.scope;
    for (const std::string& p : entry.patterns) {
      // The set parses the pattern as RE2's constructor does, with the same options, and
      // fails with the same reason.
      std::string error;
      if (impl->set->Add(p, &error) < 0) return Rejected(entry, p, error);
      impl->set_entry.push_back(static_cast<int>(e));
      impl->patterns.push_back(p);
    }
    for (const std::string& c : entry.codes) {
      const std::optional<Code> code = ParseCode(c);
      if (!code) continue;  // the loader has rejected such entries already
      if (code->kind == Code::Kind::kName) {
        impl->named_codes.emplace(std::string(code->name), static_cast<int>(e));
      } else {
        impl->numeric_codes.emplace(Impl::Key(code->kind, code->value), static_cast<int>(e));
      }
    }
  }
  if (impl->patterns.empty()) {
    impl->set.reset();
  } else if (!impl->set->Compile()) {
    // One pattern too large on its own is the entry's fault, and named; only then are the
    // patterns compiled one by one.
    for (size_t i = 0; i < impl->patterns.size(); ++i) {
      const RE2 re(impl->patterns[i], options);
      if (!re.ok()) {
        return Rejected(entries[static_cast<size_t>(impl->set_entry[i])], impl->patterns[i],
                        re.error());
      }
    }
    return absl::ResourceExhaustedError(fmt::format(
        "the knowledge base's {} patterns do not fit RE2's memory budget ({} MiB)",
        impl->patterns.size(), internal::kPatternMemoryBudget >> 20));
  }
  return std::unique_ptr<const Matcher>(new Matcher(std::move(impl)));
}

int Matcher::EntryForCode(const Code& code) const {
  if (code.kind == Code::Kind::kName) {
    auto it = impl_->named_codes.find(internal::ToAbsl(code.name));
    return it == impl_->named_codes.end() ? -1 : it->second;
  }
  auto it = impl_->numeric_codes.find(Impl::Key(code.kind, code.value));
  return it == impl_->numeric_codes.end() ? -1 : it->second;
}

absl::Status Matcher::Match(std::string_view text, MatchScratch* scratch, MatchResult* result,
                            ProductScope product) const {
  result->Clear();
  std::vector<int>& hits = scratch->set_hits;
  hits.clear();
  if (impl_->set) {
    RE2::Set::ErrorInfo info;
    if (!impl_->set->Match(internal::ToPiece(text), &hits, &info) &&
        info.kind != RE2::Set::kNoError) {
      return absl::ResourceExhaustedError(
          info.kind == RE2::Set::kOutOfMemory
              ? "RE2's DFA ran out of memory while matching the knowledge-base patterns"
              : "RE2 failed while matching the knowledge-base patterns");
    }
  }
  std::vector<int>& matched = result->matched;
  for (int h : hits) matched.push_back(impl_->set_entry[h]);
  ScanCodes(text, &result->codes);
  for (const Code& c : result->codes) {
    const int e = EntryForCode(c);
    if (e >= 0) matched.push_back(e);
  }
  std::sort(matched.begin(), matched.end());
  matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
  // Precedence: the entries of the best rank explain the message.
  int best = kLastRank + 1;
  for (int e : matched) best = std::min(best, Rank(e, product));
  for (int e : matched) {
    if (Rank(e, product) == best) result->entries.push_back(e);
  }
  if (result->entries.size() == 1) {
    result->finding = result->entries[0];
  } else if (!result->entries.empty()) {
    result->finding = BreakTie(result->entries, result->codes);
  }
  return absl::OkStatus();
}

std::vector<std::pair<std::string, std::string>> Matcher::Captures(int entry,
                                                                    std::string_view text) const {
  std::vector<std::pair<std::string, std::string>> out;
  const std::vector<KbEntry>& entries = impl_->kb.entries();
  if (entry < 0 || static_cast<size_t>(entry) >= entries.size()) return out;
  Impl::EntryRegexps& own = impl_->entry_regexps[entry];
  absl::call_once(own.once, [&] {
    const RE2::Options options = internal::PatternOptions();
    for (const std::string& p : entries[entry].patterns) {
      own.regexps.push_back(std::make_unique<RE2>(p, options));
    }
  });
  for (const auto& re : own.regexps) {
    if (!re->ok()) continue;  // parsed when the set was built; only a budget stops it here
    const int groups = re->NumberOfCapturingGroups();
    std::vector<re2::StringPiece> pieces(static_cast<size_t>(groups) + 1);
    if (!re->Match(internal::ToPiece(text), 0, text.size(), RE2::UNANCHORED, pieces.data(),
                   groups + 1)) {
      continue;
    }
    for (const auto& [name, index] : re->NamedCapturingGroups()) {
      const re2::StringPiece& p = pieces[static_cast<size_t>(index)];
      if (p.data() != nullptr) out.emplace_back(name, std::string(p.data(), p.size()));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  return out;
}

std::vector<std::string> Matcher::Patterns() const { return impl_->patterns; }

const KnowledgeBase& Matcher::knowledge_base() const { return impl_->kb; }

}  // namespace loganalyze
