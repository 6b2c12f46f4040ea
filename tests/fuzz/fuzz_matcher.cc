// The matcher over the default knowledge base, differential: the entries Matcher::Match finds
// are exactly those of a plain RE2::Set over the same patterns plus those of the codes, and
// every code ScanCodes finds is canonical: ParseCode(code.ToString()) gives it back.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "match/re2_util.h"
#include "re2/set.h"

namespace {

struct Fixture {
  loganalyze::KnowledgeBase kb;
  std::unique_ptr<const loganalyze::Matcher> matcher;
  std::unique_ptr<RE2::Set> plain;
  std::vector<int> plain_entry;  // set index -> entry
};

const Fixture& Shared() {
  static const Fixture* f = [] {
    auto* fx = new Fixture;
    fx->kb = *loganalyze::KnowledgeBase::Default();
    fx->matcher = *loganalyze::Matcher::Create(fx->kb);
    fx->plain = std::make_unique<RE2::Set>(loganalyze::internal::PatternOptions(), RE2::UNANCHORED);
    const auto& entries = fx->kb.entries();
    for (size_t e = 0; e < entries.size(); ++e) {
      for (const std::string& p : entries[e].patterns) {
        FUZZ_CHECK(fx->plain->Add(p, nullptr) >= 0);
        fx->plain_entry.push_back(static_cast<int>(e));
      }
    }
    FUZZ_CHECK(fx->plain->Compile());
    return fx;
  }();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = loganalyze::fuzz::Bytes(data, size);
  const Fixture& fx = Shared();

  loganalyze::MatchScratch scratch;
  loganalyze::MatchResult result;
  const absl::Status status = fx.matcher->Match(text, &scratch, &result);
  FUZZ_CHECK(status.ok());

  // The plain set, plus the entries of the codes, before precedence.
  std::vector<int> hits;
  RE2::Set::ErrorInfo info;
  fx.plain->Match(loganalyze::internal::ToPiece(text), &hits, &info);
  FUZZ_CHECK(info.kind == RE2::Set::kNoError);
  std::vector<int> want;
  for (int h : hits) want.push_back(fx.plain_entry[static_cast<size_t>(h)]);
  std::vector<loganalyze::Code> codes;
  loganalyze::ScanCodes(text, &codes);
  for (const loganalyze::Code& c : codes) {
    const int e = fx.matcher->EntryForCode(c);
    if (e >= 0) want.push_back(e);
  }
  std::sort(want.begin(), want.end());
  want.erase(std::unique(want.begin(), want.end()), want.end());
  FUZZ_CHECK(result.matched == want);
  FUZZ_CHECK(result.codes == codes);
  // Precedence only removes entries, and never all of them.
  FUZZ_CHECK(std::includes(want.begin(), want.end(), result.entries.begin(), result.entries.end()));
  FUZZ_CHECK(want.empty() == result.entries.empty());
  FUZZ_CHECK(std::is_sorted(result.entries.begin(), result.entries.end()));

  // Codes are canonical and round-trip; no duplicates.
  for (size_t i = 0; i < codes.size(); ++i) {
    const loganalyze::Code& c = codes[i];
    const std::string canonical = c.ToString();
    const std::optional<loganalyze::Code> back = loganalyze::ParseCode(canonical);
    if (!back || !(*back == c)) {
      std::fprintf(stderr, "code %s does not round-trip\n", canonical.c_str());
    }
    FUZZ_CHECK(back && *back == c);
    FUZZ_CHECK(back->ToString() == canonical);
    for (size_t k = 0; k < i; ++k) FUZZ_CHECK(!(codes[k] == c));
    if (c.kind == loganalyze::Code::Kind::kName) {
      FUZZ_CHECK(c.name.data() >= text.data() &&
                 c.name.data() + c.name.size() <= text.data() + text.size());
    }
  }
  // ParseCode on the raw text: whatever it finds is canonical too.
  if (const std::optional<loganalyze::Code> c = loganalyze::ParseCode(text)) {
    const std::string canonical = c->ToString();  // names are views: keep the text alive
    const std::optional<loganalyze::Code> again = loganalyze::ParseCode(canonical);
    FUZZ_CHECK(again && again->ToString() == canonical);
  }
  // Captures of every matched entry on the text: no crash, values inside the text's size.
  for (int e : result.matched) {
    for (const auto& [name, value] : fx.matcher->Captures(e, text)) {
      FUZZ_CHECK(value.size() <= text.size());
    }
  }
  return 0;
}
