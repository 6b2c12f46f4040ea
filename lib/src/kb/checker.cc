// CheckKnowledgeBase: every problem of a knowledge-base directory, at once.
#include <string>
#include <vector>

#include "fmt/format.h"
#include "kb/embedded_kb.h"
#include "kb/kb_json.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "match/re2_util.h"
#include "re2/re2.h"

namespace loganalyze {
namespace internal {
KnowledgeBase UncheckedKnowledgeBase(std::vector<KbEntry> entries);
void ParseKbPath(const std::string& path, std::vector<KbEntry>* entries,
                 std::vector<KbProblem>* problems);
}  // namespace internal

namespace {

// Another specific entry that `line`, a sample of entry `index`, leaves beside a specific
// entry after precedence in a log of the entry's own scope; empty when there is none. Two
// specific entries for one line means two entries claim the same wording: a tie that only
// the tie rule settles, which the data should not rely on.
std::string SpecificRival(const KnowledgeBase& kb, const KbEntry& e, int index,
                          const std::string& line, const Matcher& matcher,
                          MatchScratch* scratch) {
  MatchResult result;
  if (!matcher.Match(line, scratch, &result, e.scope).ok()) return "";
  std::vector<int> specific;
  for (int m : result.entries) {
    if (!kb.entries()[m].generic) specific.push_back(m);
  }
  if (specific.size() < 2) return "";
  for (int m : specific) {
    if (m != index) return kb.entries()[m].id;
  }
  return "";
}

// Patterns RE2 rejects, then samples that do not behave. Entries with a bad pattern are left
// out of the sample run (their samples cannot be judged).
void CheckPatternsAndSamples(std::vector<KbEntry> entries, std::vector<KbProblem>* problems) {
  std::vector<KbEntry> compilable;
  for (KbEntry& e : entries) {
    bool ok = true;
    for (const std::string& p : e.patterns) {
      RE2 re(p, internal::PatternOptions());
      if (!re.ok()) {
        problems->push_back({e.file, e.id, 0, 0,
                             fmt::format("pattern /{}/ is rejected by RE2: {}", p, re.error())});
        ok = false;
      }
    }
    if (ok) compilable.push_back(std::move(e));
  }
  const KnowledgeBase kb = internal::UncheckedKnowledgeBase(std::move(compilable));
  absl::StatusOr<std::unique_ptr<const Matcher>> matcher = Matcher::Create(kb);
  if (!matcher.ok()) {
    problems->push_back({"", "", 0, 0, std::string(matcher.status().message())});
    return;
  }
  MatchScratch scratch;
  MatchResult result;
  const auto& list = kb.entries();
  for (size_t i = 0; i < list.size(); ++i) {
    const KbEntry& e = list[i];
    const int index = static_cast<int>(i);
    auto produced = [&](const std::string& line) {
      const absl::Status s = (*matcher)->Match(line, &scratch, &result);
      if (!s.ok()) {
        problems->push_back({e.file, e.id, 0, 0, std::string(s.message())});
        return false;
      }
      for (int m : result.matched) {
        if (m == index) return true;
      }
      return false;
    };
    for (const std::string& line : e.samples_match) {
      if (!produced(line)) {
        problems->push_back({e.file, e.id, 0, 0,
                             fmt::format("sample does not produce the entry: {}", line)});
      } else if (const std::string rival = SpecificRival(kb, e, index, line, **matcher, &scratch);
                 !rival.empty()) {
        problems->push_back(
            {e.file, e.id, 0, 0,
             fmt::format("sample also produces the specific entry '{}' in a log of scope {}: "
                         "one line must count for one finding (narrow a pattern): {}",
                         rival, ProductScopeName(e.scope), line)});
      }
    }
    for (const std::string& line : e.samples_no_match) {
      if (produced(line)) {
        problems->push_back({e.file, e.id, 0, 0,
                             fmt::format("no_match sample produces the entry: {}", line)});
      }
    }
  }
}

std::vector<KbProblem> CheckEntries(std::vector<KbEntry> entries,
                                    std::vector<KbProblem> problems) {
  internal::CheckKbDuplicates(entries, &problems);
  CheckPatternsAndSamples(std::move(entries), &problems);
  return problems;
}

}  // namespace

std::vector<KbProblem> CheckKnowledgeBase(const std::string& path) {
  std::vector<KbEntry> entries;
  std::vector<KbProblem> problems;
  internal::ParseKbPath(path, &entries, &problems);
  return CheckEntries(std::move(entries), std::move(problems));
}

std::vector<KbProblem> CheckDefaultKnowledgeBase() {
  std::vector<KbEntry> entries;
  std::vector<KbProblem> problems;
  for (size_t i = 0; i < internal::kEmbeddedKbFileCount; ++i) {
    const internal::EmbeddedKbFile& f = internal::kEmbeddedKbFiles[i];
    internal::ParseKbFile(std::string_view(f.data, f.size), f.name, &entries, &problems);
  }
  return CheckEntries(std::move(entries), std::move(problems));
}

}  // namespace loganalyze
