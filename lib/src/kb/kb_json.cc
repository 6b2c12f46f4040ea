#include "kb/kb_json.h"

#include <optional>
#include <string>
#include <unordered_map>

#include "fmt/format.h"
#include "kb/json_locator.h"
#include "loganalyze/matcher.h"
#include "simdjson.h"

namespace loganalyze::internal {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::string_view kProducts[] = {"MARS", "MABS", "DPM", "Windows", "AzureAD"};
constexpr std::string_view kEntryFields[] = {"id",    "products", "scope",   "codes",
                                             "severity", "generic", "title", "cause",
                                             "actions", "docs", "patterns", "samples"};

bool Names(const std::vector<std::string>& products, std::string_view product) {
  for (const std::string& p : products) {
    if (p == product) return true;
  }
  return false;
}

// The scope an entry gets without a `scope` field: its products tell which logs carry it.
ProductScope DefaultScope(const std::vector<std::string>& products) {
  const bool mars = Names(products, "MARS");
  const bool dpm = Names(products, "DPM") || Names(products, "MABS");
  if (mars && !dpm) return ProductScope::kMars;
  if (dpm && !mars) return ProductScope::kDpm;
  return ProductScope::kAny;
}

bool ValidId(std::string_view id) {
  if (id.empty()) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    (i > 0 && (c == '.' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

class EntryReader {
 public:
  EntryReader(std::string_view file, std::vector<KbProblem>* problems)
      : file_(file), problems_(problems) {}

  // Returns true (and fills `entry`) when the entry has no problem.
  bool Read(element value, size_t index, KbEntry* entry) {
    entry->file = std::string(file_);
    id_ = fmt::format("#{}", index);
    object obj;
    if (value.get_object().get(obj) != simdjson::SUCCESS) {
      return Problem("an entry must be an object");
    }
    std::string_view id;
    if (obj["id"].get_string().get(id) != simdjson::SUCCESS) {
      Problem("missing string field 'id'");
    } else {
      id_ = std::string(id);
      entry->id = id_;
      if (!ValidId(id)) Problem("id must match [a-z0-9][a-z0-9.-]*");
    }
    for (auto field : obj) {
      bool known = false;
      for (std::string_view f : kEntryFields) known = known || field.key == f;
      if (!known) Problem(fmt::format("unknown field '{}'", field.key));
    }
    if (StringList(obj, "products", &entry->products, /*required=*/true, /*non_empty=*/true)) {
      for (const std::string& p : entry->products) {
        bool known = false;
        for (std::string_view k : kProducts) known = known || p == k;
        if (!known) {
          Problem(fmt::format("unknown product '{}' (MARS, MABS, DPM, Windows, AzureAD)", p));
        }
      }
    }
    Scope(obj, entry);
    if (StringList(obj, "codes", &entry->codes, true, false)) {
      for (const std::string& c : entry->codes) {
        const std::optional<Code> code = ParseCode(c);
        if (!code) {
          Problem(fmt::format("code '{}' is not a code", c));
        } else if (code->ToString() != c) {
          Problem(fmt::format("code '{}' is not in canonical form (write '{}')", c,
                              code->ToString()));
        }
      }
    }
    std::string_view severity;
    if (obj["severity"].get_string().get(severity) != simdjson::SUCCESS) {
      Problem("missing string field 'severity'");
    } else if (const auto s = SeverityFromName(severity)) {
      entry->severity = *s;
    } else {
      Problem(fmt::format("severity '{}' is not one of critical, error, warning, info", severity));
    }
    element generic;
    if (obj["generic"].get(generic) == simdjson::SUCCESS &&
        generic.get_bool().get(entry->generic) != simdjson::SUCCESS) {
      Problem("'generic' must be true or false");
    }
    Text(obj, "title", &entry->title);
    Text(obj, "cause", &entry->cause);
    Actions(obj, &entry->actions);
    element docs;
    if (obj["docs"].get(docs) == simdjson::SUCCESS) {
      std::string_view d;
      if (docs.get_string().get(d) != simdjson::SUCCESS || !d.starts_with("https://")) {
        Problem("'docs' must be an https:// link");
      } else {
        entry->docs = std::string(d);
      }
    }
    StringList(obj, "patterns", &entry->patterns, true, false);
    if (entry->codes.empty() && entry->patterns.empty()) {
      Problem("an entry needs at least one code or one pattern");
    }
    object samples;
    if (obj["samples"].get_object().get(samples) != simdjson::SUCCESS) {
      Problem("missing object field 'samples'");
    } else {
      StringList(samples, "match", &entry->samples_match, true, true, "samples.match");
      StringList(samples, "no_match", &entry->samples_no_match, true, true, "samples.no_match");
    }
    return problems_before_ == problems_->size();
  }

  void Begin() { problems_before_ = problems_->size(); }

 private:
  bool Problem(std::string reason) {
    problems_->push_back(KbProblem{std::string(file_), id_, 0, 0, std::move(reason)});
    return false;
  }

  bool StringList(object obj, std::string_view key, std::vector<std::string>* out,
                  bool required, bool non_empty, std::string_view label = {}) {
    if (label.empty()) label = key;
    element e;
    if (obj[key].get(e) != simdjson::SUCCESS) {
      if (required) Problem(fmt::format("missing array field '{}'", label));
      return false;
    }
    array arr;
    if (e.get_array().get(arr) != simdjson::SUCCESS) {
      return Problem(fmt::format("'{}' must be an array of strings", label));
    }
    for (element item : arr) {
      std::string_view s;
      if (item.get_string().get(s) != simdjson::SUCCESS || s.empty()) {
        return Problem(fmt::format("'{}' must hold non-empty strings", label));
      }
      out->emplace_back(s);
    }
    if (non_empty && out->empty()) return Problem(fmt::format("'{}' must not be empty", label));
    return true;
  }

  // The optional `scope`, which must agree with the products (read before it).
  void Scope(object obj, KbEntry* entry) {
    entry->scope = DefaultScope(entry->products);
    element value;
    if (obj["scope"].get(value) != simdjson::SUCCESS) return;
    std::string_view name;
    std::optional<ProductScope> scope;
    if (value.get_string().get(name) == simdjson::SUCCESS) scope = ProductScopeFromName(name);
    if (!scope) {
      Problem("'scope' must be \"mars\", \"dpm\" or \"any\"");
      return;
    }
    if (*scope == ProductScope::kMars && !Names(entry->products, "MARS")) {
      Problem("scope \"mars\" needs MARS among the products");
    } else if (*scope == ProductScope::kDpm && !Names(entry->products, "DPM") &&
               !Names(entry->products, "MABS")) {
      Problem("scope \"dpm\" needs DPM or MABS among the products");
    }
    entry->scope = *scope;
  }

  void Text(object obj, std::string_view key, LocalizedText* out) {
    object t;
    if (obj[key].get_object().get(t) != simdjson::SUCCESS) {
      Problem(fmt::format("missing object field '{}' with 'en' and 'zh-TW'", key));
      return;
    }
    std::string_view en, zh;
    if (t["en"].get_string().get(en) != simdjson::SUCCESS || en.empty()) {
      Problem(fmt::format("'{}' has no English text ('en')", key));
    }
    if (t["zh-TW"].get_string().get(zh) != simdjson::SUCCESS || zh.empty()) {
      Problem(fmt::format("'{}' has no Traditional Chinese text ('zh-TW')", key));
    }
    out->en = std::string(en);
    out->zh_tw = std::string(zh);
  }

  void Actions(object obj, LocalizedList* out) {
    object t;
    if (obj["actions"].get_object().get(t) != simdjson::SUCCESS) {
      Problem("missing object field 'actions' with 'en' and 'zh-TW' arrays");
      return;
    }
    const bool en = StringList(t, "en", &out->en, true, true, "actions.en");
    const bool zh = StringList(t, "zh-TW", &out->zh_tw, true, true, "actions.zh-TW");
    if (en && zh && out->en.size() != out->zh_tw.size()) {
      Problem(fmt::format("actions.en has {} steps but actions.zh-TW has {}", out->en.size(),
                          out->zh_tw.size()));
    }
  }

  std::string_view file_;
  std::vector<KbProblem>* problems_;
  std::string id_;
  size_t problems_before_ = 0;
};

}  // namespace

void ParseKbFile(std::string_view json, std::string_view file, std::vector<KbEntry>* entries,
                 std::vector<KbProblem>* problems) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(json);
  element doc;
  const simdjson::error_code err = parser.parse(padded).get(doc);
  if (err != simdjson::SUCCESS) {
    const JsonSyntaxError where = LocateJsonSyntaxError(json);
    KbProblem p{std::string(file), "", where.line, where.column,
                fmt::format("invalid JSON: {}", where.found ? where.what
                                                            : simdjson::error_message(err))};
    problems->push_back(std::move(p));
    return;
  }
  object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) {
    problems->push_back({std::string(file), "", 0, 0, "the file must hold a JSON object"});
    return;
  }
  std::string_view schema;
  if (root["schema"].get_string().get(schema) != simdjson::SUCCESS || schema != kKbSchema) {
    problems->push_back({std::string(file), "", 0, 0,
                         fmt::format("'schema' must be \"{}\"", kKbSchema)});
    return;
  }
  array list;
  if (root["entries"].get_array().get(list) != simdjson::SUCCESS) {
    problems->push_back({std::string(file), "", 0, 0, "missing array field 'entries'"});
    return;
  }
  EntryReader reader(file, problems);
  size_t index = 0;
  for (element value : list) {
    KbEntry entry;
    reader.Begin();
    if (reader.Read(value, index++, &entry)) entries->push_back(std::move(entry));
  }
}

void CheckKbDuplicates(const std::vector<KbEntry>& entries, std::vector<KbProblem>* problems) {
  std::unordered_map<std::string, const KbEntry*> ids, codes;
  for (const KbEntry& e : entries) {
    auto [it, inserted] = ids.emplace(e.id, &e);
    if (!inserted) {
      problems->push_back({e.file, e.id, 0, 0,
                           fmt::format("duplicate id (also in {})", it->second->file)});
    }
    for (const std::string& c : e.codes) {
      auto [cit, fresh] = codes.emplace(c, &e);
      if (!fresh && cit->second != &e) {
        problems->push_back({e.file, e.id, 0, 0,
                             fmt::format("code {} is also claimed by entry '{}' ({})", c,
                                         cit->second->id, cit->second->file)});
      }
    }
  }
}

std::string JoinProblems(const std::vector<KbProblem>& problems) {
  std::string out;
  for (const KbProblem& p : problems) {
    if (!out.empty()) out += '\n';
    out += p.ToString();
  }
  return out;
}

}  // namespace loganalyze::internal
