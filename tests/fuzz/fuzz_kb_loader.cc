// The knowledge-base loader: KnowledgeBase::FromJson and CheckKnowledgeBase (on a temporary
// file) must not crash on any text. When a file loads, its matcher builds (or fails with a
// status) and its samples run; the JSON error locator agrees with the real parser.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "kb/json_locator.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "simdjson.h"

namespace {

const std::filesystem::path& TempFile() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("loganalyze_fuzz_kb_" + std::to_string(::getpid()) + ".json");
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json = loganalyze::fuzz::Bytes(data, size);

  // Where the locator says the text breaks, simdjson must agree that it does (the locator
  // is only asked after simdjson failed, but a disagreement would point at the wrong place).
  const loganalyze::internal::JsonSyntaxError where =
      loganalyze::internal::LocateJsonSyntaxError(json);
  if (where.found) {
    FUZZ_CHECK(where.offset <= json.size());
    FUZZ_CHECK(where.line >= 1 && where.column >= 1);
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(json);
    simdjson::dom::element doc;
    const bool parsed = parser.parse(padded).get(doc) == simdjson::SUCCESS;
    FUZZ_CHECK(!parsed || where.what.find("deep") != std::string::npos);
  }

  const absl::StatusOr<loganalyze::KnowledgeBase> kb =
      loganalyze::KnowledgeBase::FromJson(json, "fuzz.json");
  if (kb.ok()) {
    for (const loganalyze::KbEntry& e : kb->entries()) {
      FUZZ_CHECK(!e.id.empty());
      FUZZ_CHECK(kb->FindById(e.id) >= 0);
    }
    const absl::StatusOr<std::unique_ptr<const loganalyze::Matcher>> matcher =
        loganalyze::Matcher::Create(*kb);
    if (matcher.ok()) {
      loganalyze::MatchScratch scratch;
      loganalyze::MatchResult result;
      for (const loganalyze::KbEntry& e : kb->entries()) {
        for (const std::string& line : e.samples_match) {
          (void)(*matcher)->Match(line, &scratch, &result);
          for (int i : result.entries) {
            FUZZ_CHECK(i >= 0 && static_cast<size_t>(i) < kb->entries().size());
          }
          (void)(*matcher)->Captures(kb->FindById(e.id), line);
        }
      }
    }
  }

  {
    std::ofstream out(TempFile(), std::ios::binary | std::ios::trunc);
    out.write(json.data(), static_cast<std::streamsize>(json.size()));
  }
  const std::vector<loganalyze::KbProblem> problems = loganalyze::CheckKnowledgeBase(TempFile().string());
  std::filesystem::remove(TempFile());
  for (const loganalyze::KbProblem& p : problems) {
    FUZZ_CHECK(!p.reason.empty());
    (void)p.ToString();
  }
  // A file that loads has no problem the checker's loading part would report; the checker
  // may add sample problems, never fewer than none.
  if (!kb.ok()) FUZZ_CHECK(!problems.empty());
  return 0;
}
