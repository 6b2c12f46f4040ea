// Explain: an entry for a code in any form, or the entries closest to some words.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"

namespace loganalyze {
namespace {

constexpr std::string_view kStopWords[] = {"a",  "an", "the", "to",  "of",  "is",  "and",
                                           "or", "in", "for", "on",  "not", "be",  "was",
                                           "it", "as", "at",  "by",  "with", "error"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// ASCII words (two letters or more, no stop words), and bigrams of the characters of
// non-ASCII runs (Chinese has no spaces between words).
std::vector<std::string> Tokens(std::string_view query) {
  const std::string q = Lower(query);
  std::vector<std::string> out;
  size_t i = 0;
  while (i < q.size()) {
    const unsigned char c = static_cast<unsigned char>(q[i]);
    if (std::isalnum(c) || c == '_') {
      size_t j = i;
      while (j < q.size() && (std::isalnum(static_cast<unsigned char>(q[j])) || q[j] == '_')) ++j;
      const std::string w = q.substr(i, j - i);
      bool stop = w.size() < 2;
      for (std::string_view s : kStopWords) stop = stop || w == s;
      if (!stop) out.push_back(w);
      i = j;
    } else if (c >= 0x80) {
      std::vector<std::string> chars;
      while (i < q.size() && static_cast<unsigned char>(q[i]) >= 0x80) {
        size_t len = 1;
        const unsigned char b = static_cast<unsigned char>(q[i]);
        if (b >= 0xF0) {
          len = 4;
        } else if (b >= 0xE0) {
          len = 3;
        } else if (b >= 0xC0) {
          len = 2;
        }
        chars.push_back(q.substr(i, len));
        i += len;
      }
      if (chars.size() == 1) out.push_back(chars[0]);
      for (size_t k = 0; k + 1 < chars.size(); ++k) out.push_back(chars[k] + chars[k + 1]);
    } else {
      ++i;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<int> Explain(const KnowledgeBase& kb, std::string_view query, size_t limit) {
  const int by_id = kb.FindById(query);
  if (by_id >= 0) return {by_id};
  if (const std::optional<Code> code = ParseCode(query)) {
    const int e = kb.FindByCode(code->ToString());
    if (e >= 0) return {e};
    // A code with no entry: fall through to words only if the query is more than the code.
    if (query.find(' ') == std::string_view::npos) return {};
  }
  const std::vector<std::string> tokens = Tokens(query);
  if (tokens.empty()) return {};
  struct Scored {
    int entry;
    int score;
    size_t found;
  };
  std::vector<Scored> scored;
  const auto& entries = kb.entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    const KbEntry& e = entries[i];
    const std::string title = Lower(e.title.en) + " " + e.title.zh_tw;
    const std::string id = Lower(e.id);
    std::string rest = Lower(e.cause.en) + " " + e.cause.zh_tw;
    for (const std::string& c : e.codes) rest += " " + Lower(c);
    int score = 0;
    size_t found = 0;
    for (const std::string& t : tokens) {
      int s = 0;
      if (title.find(t) != std::string::npos) {
        s = 3;
      } else if (id.find(t) != std::string::npos) {
        s = 2;
      } else if (rest.find(t) != std::string::npos) {
        s = 1;
      }
      score += s;
      found += s > 0;
    }
    // At least half of the words must be there.
    if (found * 2 >= tokens.size() && score > 0) {
      scored.push_back({static_cast<int>(i), score, found});
    }
  }
  std::sort(scored.begin(), scored.end(), [&](const Scored& a, const Scored& b) {
    if (a.found != b.found) return a.found > b.found;
    if (a.score != b.score) return a.score > b.score;
    return entries[a.entry].id < entries[b.entry].id;
  });
  std::vector<int> out;
  for (size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].entry);
  return out;
}

}  // namespace loganalyze
