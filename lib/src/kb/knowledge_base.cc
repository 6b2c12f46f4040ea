#include "loganalyze/knowledge_base.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "fmt/format.h"
#include "kb/embedded_kb.h"
#include "kb/kb_json.h"
#include "loganalyze/matcher.h"

namespace loganalyze {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
    case Severity::kCritical:
      return "critical";
  }
  return "error";
}

std::optional<Severity> SeverityFromName(std::string_view name) {
  if (name == "info") return Severity::kInfo;
  if (name == "warning") return Severity::kWarning;
  if (name == "error") return Severity::kError;
  if (name == "critical") return Severity::kCritical;
  return std::nullopt;
}

std::string_view ProductScopeName(ProductScope s) {
  switch (s) {
    case ProductScope::kMars:
      return "mars";
    case ProductScope::kDpm:
      return "dpm";
    case ProductScope::kAny:
      return "any";
  }
  return "any";
}

std::optional<ProductScope> ProductScopeFromName(std::string_view name) {
  if (name == "any") return ProductScope::kAny;
  if (name == "mars") return ProductScope::kMars;
  if (name == "dpm") return ProductScope::kDpm;
  return std::nullopt;
}

std::string_view LanguageTag(Language l) {
  return l == Language::kEnglish ? "en" : "zh-TW";
}

std::optional<Language> LanguageFromTag(std::string_view tag) {
  std::string t(tag);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::replace(t.begin(), t.end(), '_', '-');
  if (t == "en" || t.starts_with("en-")) return Language::kEnglish;
  if (t == "zh-tw" || t.starts_with("zh-tw.") || t.starts_with("zh-hant")) {
    return Language::kTraditionalChinese;
  }
  return std::nullopt;
}

Language LanguageFromEnvironment() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v == nullptr || *v == '\0') continue;
    std::string s(v);
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return (s.starts_with("zh_tw") || s.starts_with("zh-tw") || s.starts_with("zh_hant") ||
            s.starts_with("zh-hant"))
               ? Language::kTraditionalChinese
               : Language::kEnglish;
  }
  return Language::kEnglish;
}

std::string KbProblem::ToString() const {
  std::string where = file;
  if (line > 0) where += fmt::format(":{}:{}", line, column);
  if (!entry_id.empty()) return fmt::format("{}: entry '{}': {}", where, entry_id, reason);
  return fmt::format("{}: {}", where, reason);
}

struct KnowledgeBase::Data {
  std::vector<KbEntry> entries;
  std::string version = "local";
};

KnowledgeBase::KnowledgeBase() {
  static const auto* const kEmpty = new std::shared_ptr<const Data>(std::make_shared<Data>());
  data_ = *kEmpty;
}

KnowledgeBase::KnowledgeBase(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

const std::vector<KbEntry>& KnowledgeBase::entries() const { return data_->entries; }
const std::string& KnowledgeBase::version() const { return data_->version; }

// Builds knowledge bases; the one friend of KnowledgeBase.
class KnowledgeBaseBuilder {
 public:
  static absl::StatusOr<KnowledgeBase> Build(std::vector<KbEntry> entries,
                                             std::vector<KbProblem> problems,
                                             std::string version) {
    internal::CheckKbDuplicates(entries, &problems);
    if (!problems.empty()) {
      return absl::InvalidArgumentError(
          fmt::format("knowledge base has {} problem(s):\n{}", problems.size(),
                      internal::JoinProblems(problems)));
    }
    return Make(std::move(entries), std::move(version));
  }
  static KnowledgeBase Make(std::vector<KbEntry> entries, std::string version) {
    auto data = std::make_shared<KnowledgeBase::Data>();
    data->entries = std::move(entries);
    data->version = std::move(version);
    return KnowledgeBase(std::move(data));
  }
};

namespace {

absl::StatusOr<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(fmt::format("cannot open {}", path.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The *.json files of a directory (or the one file), sorted by name.
absl::StatusOr<std::vector<std::filesystem::path>> KbFiles(const std::string& path) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_regular_file(path, ec)) {
    files.emplace_back(path);
    return files;
  }
  if (!std::filesystem::is_directory(path, ec)) {
    return absl::NotFoundError(fmt::format("{}: no such knowledge-base directory", path));
  }
  for (const auto& e : std::filesystem::directory_iterator(path, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  if (ec) return absl::UnavailableError(fmt::format("{}: {}", path, ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

void ParseFiles(const std::string& path, std::vector<KbEntry>* entries,
                std::vector<KbProblem>* problems) {
  absl::StatusOr<std::vector<std::filesystem::path>> files = KbFiles(path);
  if (!files.ok()) {
    problems->push_back({path, "", 0, 0, std::string(files.status().message())});
    return;
  }
  if (files->empty()) problems->push_back({path, "", 0, 0, "no *.json files"});
  for (const auto& f : *files) {
    absl::StatusOr<std::string> text = ReadWholeFile(f);
    if (!text.ok()) {
      problems->push_back({f.string(), "", 0, 0, std::string(text.status().message())});
      continue;
    }
    internal::ParseKbFile(*text, f.string(), entries, problems);
  }
}

}  // namespace

absl::StatusOr<KnowledgeBase> KnowledgeBase::Default() {
  std::vector<KbEntry> entries;
  std::vector<KbProblem> problems;
  for (size_t i = 0; i < internal::kEmbeddedKbFileCount; ++i) {
    const internal::EmbeddedKbFile& f = internal::kEmbeddedKbFiles[i];
    internal::ParseKbFile(std::string_view(f.data, f.size), f.name, &entries, &problems);
  }
  return KnowledgeBaseBuilder::Build(std::move(entries), std::move(problems),
                                     internal::kEmbeddedKbVersion);
}

absl::StatusOr<KnowledgeBase> KnowledgeBase::FromDirectory(const std::string& dir) {
  // A folder that is not there is NotFound, not a problem of its contents.
  if (absl::StatusOr<std::vector<std::filesystem::path>> files = KbFiles(dir); !files.ok()) {
    return files.status();
  }
  std::vector<KbEntry> entries;
  std::vector<KbProblem> problems;
  ParseFiles(dir, &entries, &problems);
  return KnowledgeBaseBuilder::Build(std::move(entries), std::move(problems), "local");
}

absl::StatusOr<KnowledgeBase> KnowledgeBase::DefaultExtendedBy(const std::string& dir) {
  absl::StatusOr<KnowledgeBase> base = Default();
  if (!base.ok()) return base.status();
  absl::StatusOr<KnowledgeBase> extra = FromDirectory(dir);
  if (!extra.ok()) return extra.status();
  return base->CombinedWith(*extra);
}

absl::StatusOr<KnowledgeBase> KnowledgeBase::FromJson(std::string_view json,
                                                      std::string_view name) {
  std::vector<KbEntry> entries;
  std::vector<KbProblem> problems;
  internal::ParseKbFile(json, name, &entries, &problems);
  return KnowledgeBaseBuilder::Build(std::move(entries), std::move(problems), "local");
}

absl::StatusOr<KnowledgeBase> KnowledgeBase::CombinedWith(const KnowledgeBase& other) const {
  std::vector<KbEntry> all = entries();
  all.insert(all.end(), other.entries().begin(), other.entries().end());
  std::vector<KbProblem> problems;
  internal::CheckKbDuplicates(all, &problems);
  if (!problems.empty()) {
    return absl::InvalidArgumentError(fmt::format("cannot add entries:\n{}",
                                                  internal::JoinProblems(problems)));
  }
  std::string version = data_->version;
  if (version.find("+local") == std::string::npos) version += "+local";
  return KnowledgeBaseBuilder::Make(std::move(all), std::move(version));
}

int KnowledgeBase::FindById(std::string_view id) const {
  const std::vector<KbEntry>& all = entries();
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int KnowledgeBase::FindByCode(std::string_view canonical_code) const {
  const std::vector<KbEntry>& all = entries();
  for (size_t i = 0; i < all.size(); ++i) {
    for (const std::string& c : all[i].codes) {
      if (c == canonical_code) return static_cast<int>(i);
    }
  }
  return -1;
}

namespace internal {
KnowledgeBase UncheckedKnowledgeBase(std::vector<KbEntry> entries) {
  return KnowledgeBaseBuilder::Make(std::move(entries), "local");
}

void ParseKbPath(const std::string& path, std::vector<KbEntry>* entries,
                 std::vector<KbProblem>* problems) {
  ParseFiles(path, entries, problems);
}
}  // namespace internal

}  // namespace loganalyze
