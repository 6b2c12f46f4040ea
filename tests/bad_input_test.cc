// The bad-input catalogue of the issue "Hostile input", library level: each item once, with
// its expected outcome (a clear error naming the input, or a documented recovery), a bound on
// time and memory, and the accounting still adding up. Items that need the real command
// (bundles, permissions, exit codes, -j, merge) are in bad_input_cli_test.cc.
//
// Where each item is covered:
//   empty file ............................. bad_input_cli_test (HostileBundle); library:
//                                            log_reader_test EmptyInputAndBomOnly
//   random binary .......................... here (RandomBinary...), and in the bundle
//   .etl / .evtx in a bundle ............... bad_input_cli_test (HostileBundle)
//   UTF-16 odd byte count .................. log_reader_test Utf16OddByteCountIsReplaced...
//   UTF-16 unpaired surrogates ............. here (end to end); decoder_test (unit)
//   UTF-16 BOM and nothing else ............ log_reader_test EmptyInputAndBomOnly
//   mixed encodings inside one file ........ here (MixedEncodings...)
//   200 MB line with no newline ............ here (TwoHundredMegabyteLine...)
//   file of NUL bytes ...................... here (FileOfNulBytes...), and in the bundle
//   10 GB sparse file read as a stream ..... here (SparseFile...; 2 GiB by default, see there)
//   unreadable file (permissions) .......... bad_input_cli_test (UnreadableFile...)
//   file gone between listing and reading .. bad_input_cli_test (FileThatDisappears...)
//   symlink loop in a directory ............ bad_input_cli_test (HostileBundle); library:
//                                            inputs_test SymlinkLoopIsReportedNotFollowed
//   archives: corrupt central directory,
//     truncated and encrypted members,
//     path traversal, nested too deep ...... bad_input_cli_test (HostileBundle); library:
//                                            archive_test
//   decompression bomb ..................... bad_input_cli_test (DecompressionBomb...);
//                                            library: archive_test BombTest
//   knowledge base: invalid JSON, duplicate
//     ids, a pattern RE2 rejects ........... kb_checker_test ReportsEveryKindOfProblemAtOnce;
//                                            bad_input_cli_test (BrokenKnowledgeBase...)
//   a pattern past RE2's memory budget ..... here (PatternPastTheMemoryBudget...)
//   millions of distinct templates ......... here (MillionsOfDistinctTemplates...)
//   merge: truncated, other schema, not JSON bad_input_cli_test (MergeOfBadReports...);
//                                            cli_test, report_test ParseJsonReportErrors
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bounds.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "loganalyze/reader.h"
#include "loganalyze/report.h"
#include "test_util.h"

// Under AddressSanitizer, freed memory waits in a quarantine (256 MiB by default) before it is
// reused, and RE2::Set::Match allocates three small buffers per call (RE2 2022), so the peak
// memory of millions of records would measure the quarantine, not the analyzer. A small
// quarantine keeps the memory bounds of this file meaningful in the sanitizer build.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::loganalyze::testing::kMiB;
using ::loganalyze::testing::kSanitizerSlack;
using ::loganalyze::testing::PeakRssBytes;
using ::loganalyze::testing::Stopwatch;
using ::loganalyze::testing::ToUtf16;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kRecord[] = "0AB0\t0974\t01/05\t10:00:00.000\t71\tx.cpp(1)\t\t\tWARNING\t";

// Bytes made on the fly, so that huge inputs need neither memory nor disk: `head`, then
// `total` bytes of `line` repeated (cut at `total`).
class GeneratedSource : public ByteSource {
 public:
  GeneratedSource(std::string head, std::string line, uint64_t total)
      : head_(std::move(head)), line_(std::move(line)), total_(total) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    size_t n = 0;
    while (n < size && pos_ < head_.size() + total_) {
      if (pos_ < head_.size()) {
        const size_t k = std::min(size - n, head_.size() - pos_);
        std::memcpy(buffer + n, head_.data() + pos_, k);
        n += k, pos_ += k;
        continue;
      }
      const uint64_t body = pos_ - head_.size();
      const size_t at = static_cast<size_t>(body % line_.size());
      const size_t k =
          static_cast<size_t>(std::min<uint64_t>({size - n, line_.size() - at, total_ - body}));
      std::memcpy(buffer + n, line_.data() + at, k);
      n += k, pos_ += k;
    }
    return n;
  }

 private:
  std::string head_, line_;
  uint64_t total_;
  uint64_t pos_ = 0;
};

// Appends a distinct lowercase word for n = 0, 1, 2, ...: letters only, so that the template
// masking (numbers, hex, GUIDs, paths) leaves every one of them distinct.
void AppendWord(uint64_t n, std::string* out) {
  do {
    out->push_back(static_cast<char>('g' + n % 20));  // g..z: no hex digits, no "<HEX>" runs
    n /= 20;
  } while (n > 0);
}

// Lines "<record head>unknown state <word>\n", each with its own template. Allocates nothing
// per line, so that the memory measured is the analyzer's.
class TemplateSource : public ByteSource {
 public:
  explicit TemplateSource(uint64_t lines) : lines_(lines) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    size_t n = 0;
    while (n < size) {
      if (at_ == line_.size()) {
        if (next_ == lines_) break;
        line_.assign(kRecord);
        line_.append("unknown state ");
        AppendWord(next_++, &line_);
        line_.push_back('\n');
        at_ = 0;
        bytes += line_.size();
      }
      const size_t k = std::min(size - n, line_.size() - at_);
      std::memcpy(buffer + n, line_.data() + at_, k);
      at_ += k;
      n += k;
    }
    return n;
  }
  uint64_t bytes = 0;

 private:
  uint64_t lines_, next_ = 0;
  std::string line_;
  size_t at_ = 0;
};

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok()) << kb.status();
    kb_ = *std::move(kb);
    dir_ = fs::temp_directory_path() /
           ("loganalyze_bad_input_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    rss_before_ = PeakRssBytes();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Report Analyze(ByteSource& source, const std::string& name, AnalyzeOptions options = {}) {
    options.read.year = 2026;
    absl::StatusOr<std::unique_ptr<const Analyzer>> analyzer = Analyzer::Create(kb_, options);
    EXPECT_TRUE(analyzer.ok()) << analyzer.status();
    InputInfo info;
    info.name = name;
    return (*analyzer)->Analyze(source, info, name, "");
  }
  Report Analyze(const std::string& bytes, const std::string& name, AnalyzeOptions options = {}) {
    auto source = MemorySource(bytes);
    return Analyze(*source, name, options);
  }
  // Peak memory growth since SetUp (each test runs in its own process under ctest).
  uint64_t RssGrowth() const { return PeakRssBytes() - std::min(PeakRssBytes(), rss_before_); }

  // A file of `size` bytes whose first bytes are `head` and the rest a hole: sparse, no disk
  // (resize_file is truncate(2) on POSIX, which leaves a hole; on Windows the file system
  // decides).
  fs::path SparseFile(const std::string& name, const std::string& head, uint64_t size) const {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << head;
    std::error_code ec;
    fs::resize_file(p, size, ec);
    EXPECT_FALSE(ec) << ec.message();
    return p;
  }

  KnowledgeBase kb_;
  fs::path dir_;
  uint64_t rss_before_ = 0;
};

TEST_F(BadInputTest, RandomBinaryIsSkippedWithAReasonOrReadAsTextOnRequest) {
  std::mt19937_64 random(20260105);
  std::string bytes(16 * kMiB, '\0');
  for (size_t i = 0; i < bytes.size(); i += 8) {
    const uint64_t v = random();
    std::memcpy(&bytes[i], &v, 8);
  }
  const Stopwatch clock;
  // The default: recognised from its head and skipped, with the reason.
  const Report skipped = Analyze(bytes, "dump.bin");
  ASSERT_EQ(skipped.inputs.size(), 1u);
  EXPECT_THAT(skipped.inputs[0].skipped, StartsWith("binary file: "));
  EXPECT_FALSE(skipped.inputs[0].format.has_value());
  EXPECT_TRUE(skipped.errors.empty());
  EXPECT_LE(skipped.inputs[0].stats.bytes, 64 * 1024u);  // only the head was read

  // skip_binary = false (library option): read as text to the end, every byte accounted.
  AnalyzeOptions all;
  all.read.skip_binary = false;
  const Report read = Analyze(bytes, "dump.bin", all);
  ASSERT_EQ(read.inputs.size(), 1u);
  const InputStats& s = read.inputs[0].stats;
  EXPECT_TRUE(read.inputs[0].skipped.empty());
  EXPECT_TRUE(s.Balanced());
  EXPECT_EQ(s.bytes, bytes.size());
  EXPECT_GT(s.lines, 0u);
  EXPECT_LE(read.unknown.size(), all.limits.max_templates);

  EXPECT_LT(clock.Seconds(), 20.0 * kSanitizerSlack);
  EXPECT_LT(RssGrowth(), (16 + 64) * kMiB * kSanitizerSlack);  // the input itself, plus 64 MiB
}

TEST_F(BadInputTest, Utf16UnpairedSurrogatesAreReplacedAndCounted) {
  // A UTF-16LE errlog whose messages hold a lone high surrogate, a lone low one, and a high
  // one at the end of the line.
  std::string bytes = ToUtf16(std::string(kRecord) + "before ");
  bytes += std::string("\x00\xD8", 2) + ToUtf16(" middle ", true, false);
  bytes += std::string("\x00\xDC", 2) + ToUtf16(" after\r\n", true, false);
  bytes += ToUtf16(std::string(kRecord) + "end ", true, false) + std::string("\x3D\xD8", 2);
  const Stopwatch clock;
  const Report r = Analyze(bytes, "CBEngineCurr.errlog");
  ASSERT_EQ(r.inputs.size(), 1u);
  const ReportInput& in = r.inputs[0];
  EXPECT_EQ(in.encoding, Encoding::kUtf16Le);
  EXPECT_EQ(in.stats.records, 2u);
  EXPECT_EQ(in.stats.replaced_sequences, 3u);
  EXPECT_TRUE(in.stats.Balanced());
  EXPECT_EQ(in.stats.bytes, bytes.size());
  ASSERT_EQ(r.unknown.size(), 2u);
  EXPECT_EQ(r.unknown.begin()->second.text, "before \xEF\xBF\xBD middle \xEF\xBF\xBD after");
  EXPECT_LT(clock.Seconds(), 5.0 * kSanitizerSlack);
}

TEST_F(BadInputTest, MixedEncodingsInOneFileAreReadAsDetectedAndFullyCounted) {
  std::string utf8_lines;
  for (int i = 0; utf8_lines.size() < 80 * 1024; ++i) {
    utf8_lines += std::string(kRecord) + "line " + std::to_string(i) + " café\n";
  }
  const size_t utf8_records =
      static_cast<size_t>(std::count(utf8_lines.begin(), utf8_lines.end(), '\n'));
  const Stopwatch clock;
  {
    // UTF-8 that turns to Windows-1252 after the 64 KiB the detector looks at (a log appended
    // to by another writer): detected as UTF-8, and each stray byte is one U+FFFD.
    const std::string bytes = utf8_lines + kRecord + "Caf\xE9 cr\xE8me\n";
    const Report r = Analyze(bytes, "CBEngineCurr.errlog");
    const ReportInput& in = r.inputs.at(0);
    EXPECT_EQ(in.encoding, Encoding::kUtf8);
    EXPECT_EQ(in.stats.records, utf8_records + 1);
    EXPECT_EQ(in.stats.replaced_sequences, 2u);
    EXPECT_TRUE(in.stats.Balanced());
    EXPECT_EQ(in.stats.bytes, bytes.size());
  }
  {
    // UTF-16LE with a BOM, then a UTF-8 section: the UTF-16 records are read; the UTF-8 bytes
    // pair up into other characters (there is no UTF-16 newline in them), so they become one
    // line cut at the line limit. Nothing is lost from the accounting.
    const std::string utf16 =
        ToUtf16(std::string(kRecord) + "wide one\r\n" + kRecord + "wide two\r\n");
    const std::string bytes = utf16 + utf8_lines;
    const Report r = Analyze(bytes, "CBEngineCurr.errlog");
    const ReportInput& in = r.inputs.at(0);
    EXPECT_EQ(in.encoding, Encoding::kUtf16Le);
    EXPECT_EQ(in.stats.records, 2u);
    EXPECT_EQ(in.stats.lines, 3u);
    EXPECT_EQ(in.stats.continuation_lines, 1u);
    EXPECT_TRUE(in.stats.Balanced());
    EXPECT_EQ(in.stats.bytes, bytes.size());
  }
  {
    // UTF-16LE without a BOM, then the same text big-endian: detected as UTF-16LE; the
    // big-endian units read as other characters and the accounting still adds up.
    const std::string le =
        ToUtf16(utf8_lines.substr(0, utf8_lines.rfind('\n', 70 * 1024) + 1), true, false);
    const std::string be = ToUtf16(std::string(kRecord) + "big endian\r\n", false, false);
    const Report r = Analyze(le + be, "CBEngineCurr.errlog");
    const ReportInput& in = r.inputs.at(0);
    EXPECT_EQ(in.encoding, Encoding::kUtf16Le);
    EXPECT_TRUE(in.stats.Balanced());
    EXPECT_EQ(in.stats.bytes, le.size() + be.size());
  }
  EXPECT_LT(clock.Seconds(), 10.0 * kSanitizerSlack);
  EXPECT_LT(RssGrowth(), 64 * kMiB * kSanitizerSlack);
}

TEST_F(BadInputTest, TwoHundredMegabyteLineIsCutAndCountedInBoundedMemory) {
  constexpr uint64_t kLine = 200'000'000;
  // A record head, then 200 MB without a newline.
  GeneratedSource source(kRecord, "0123456789abcdefghijklmnopqrstuvwxyz", kLine);
  const Stopwatch clock;
  const Report r = Analyze(source, "CBEngineCurr.errlog");
  const double seconds = clock.Seconds();
  ASSERT_EQ(r.inputs.size(), 1u);
  const InputStats& s = r.inputs[0].stats;
  EXPECT_EQ(s.bytes, std::strlen(kRecord) + kLine);
  EXPECT_EQ(s.lines, 1u);
  EXPECT_EQ(s.records, 1u);
  EXPECT_EQ(s.truncated_lines, 1u);
  EXPECT_EQ(s.line_bytes, s.bytes);
  EXPECT_TRUE(s.Balanced());
  EXPECT_TRUE(r.errors.empty());
  // The cut line still makes a (bounded) template.
  ASSERT_EQ(r.unknown.size(), 1u);
  EXPECT_LE(r.unknown.begin()->second.example.text.size(), 512u);
  EXPECT_LT(seconds, 20.0 * kSanitizerSlack);
  EXPECT_LT(RssGrowth(), 64 * kMiB * kSanitizerSlack);
}

TEST_F(BadInputTest, FileOfNulBytesIsSkippedWithAReasonOrReadOnRequest) {
  const fs::path path = SparseFile("CBEngineCurr.errlog", "", 8 * kMiB);
  const Stopwatch clock;
  {
    auto source = OpenFile(path.string());
    ASSERT_TRUE(source.ok()) << source.status();
    const Report r = Analyze(**source, path.string());
    ASSERT_EQ(r.inputs.size(), 1u);
    EXPECT_EQ(r.inputs[0].skipped, "binary file: NUL bytes in 8-bit text");
    EXPECT_TRUE(r.errors.empty());
  }
  {
    AnalyzeOptions all;
    all.read.skip_binary = false;
    auto source = OpenFile(path.string());
    ASSERT_TRUE(source.ok()) << source.status();
    const Report r = Analyze(**source, path.string(), all);
    const InputStats& s = r.inputs.at(0).stats;
    EXPECT_EQ(s.bytes, 8 * kMiB);
    EXPECT_EQ(s.lines, 1u);  // one line of NULs, cut at the 1 MiB line limit
    EXPECT_EQ(s.truncated_lines, 1u);
    EXPECT_TRUE(s.Balanced());
  }
  EXPECT_LT(clock.Seconds(), 10.0 * kSanitizerSlack);
  EXPECT_LT(RssGrowth(), 64 * kMiB * kSanitizerSlack);
}

// The issue asks for a 10 GB sparse file. Reading one here took 14 s on an idle 2-core
// machine and 28 s with a benchmark running beside it: the kernel zero-fills and copies every
// page of the hole (2.8 GB/s at best), which is too slow for CI. The reader's memory does not
// depend on the size (6 MiB peak at 256 MiB, 2, 4 and 10 GiB alike), so CI streams a 2 GiB
// sparse file to its end; LOGANALYZE_SPARSE_GIB=10 runs the full size.
TEST_F(BadInputTest, SparseFileIsStreamedToItsEndInBoundedMemory) {
  uint64_t gib = 2;
  if (const char* env = std::getenv("LOGANALYZE_SPARSE_GIB")) gib = std::strtoull(env, nullptr, 10);
  const uint64_t size = gib << 30;
  // 80 KiB of real records first, so that the head is text and the whole file is read; the
  // hole after them is one line of NULs.
  std::string head;
  while (head.size() < 80 * 1024) head += std::string(kRecord) + "before the hole\n";
  const size_t head_lines = static_cast<size_t>(std::count(head.begin(), head.end(), '\n'));
  const fs::path path = SparseFile("CBEngineCurr.errlog", head, size);
  auto source = OpenFile(path.string());
  ASSERT_TRUE(source.ok()) << source.status();
  const Stopwatch clock;
  const Report r = Analyze(**source, path.string());
  const double seconds = clock.Seconds();
  ASSERT_EQ(r.inputs.size(), 1u);
  const InputStats& s = r.inputs[0].stats;
  EXPECT_TRUE(r.inputs[0].skipped.empty());
  EXPECT_TRUE(r.inputs[0].error.empty());
  EXPECT_EQ(s.bytes, size);
  EXPECT_EQ(s.lines, head_lines + 1);
  EXPECT_EQ(s.records, head_lines);
  EXPECT_EQ(s.unparsed_lines + s.continuation_lines + s.structure_lines, 1u);
  EXPECT_EQ(s.truncated_lines, 1u);
  EXPECT_TRUE(s.Balanced());
  // Generous: the page cache makes this vary from 0.5 to 10 s for 2 GiB on a busy machine.
  EXPECT_LT(seconds, 15.0 * static_cast<double>(gib) * kSanitizerSlack);
  EXPECT_LT(RssGrowth(), 64 * kMiB * kSanitizerSlack);
}

// RE2 gives each pattern, and the set of all of them, a memory budget (256 MiB; re2_util.h).
// A pattern past it is refused when the knowledge base loads, naming the entry and the
// pattern, and `kb check` says the same; never a matcher that silently matches nothing.
// (A set whose patterns each fit but whose DFA does not is refused by Matcher::Create with
// ResourceExhausted; reaching it takes about 7 million instructions and 10 s to compile, too
// slow for a unit test.)
TEST_F(BadInputTest, PatternPastTheMemoryBudgetIsRefusedNamingTheEntry) {
  std::string huge;
  for (int i = 0; i < 12; ++i) huge += "\\\\pL{1000}";  // about 1.2 million instructions each
  const std::string entry = R"({"id": "mars.huge", "products": ["MARS"], "codes": [],
    "severity": "error", "title": {"en": "Huge", "zh-TW": "大"},
    "cause": {"en": "Cause.", "zh-TW": "原因。"},
    "actions": {"en": ["Do it."], "zh-TW": ["做。"]}, "patterns": [")" +
                            huge + R"("],
    "samples": {"match": ["x"], "no_match": ["nothing"]}})";
  const std::string json = R"({"schema": "loganalyze.kb/1", "entries": [)" + entry + "]}";
  const fs::path file = dir_ / "huge.json";
  std::ofstream(file) << json;
  const Stopwatch clock;

  absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::FromJson(json, "huge.json");
  ASSERT_TRUE(kb.ok()) << kb.status();  // the schema is fine; RE2 decides at compile time
  const absl::StatusOr<std::unique_ptr<const Matcher>> matcher = Matcher::Create(*kb);
  ASSERT_FALSE(matcher.ok());
  EXPECT_EQ(matcher.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(matcher.status().message()),
              ::testing::AllOf(HasSubstr("huge.json"), HasSubstr("mars.huge"),
                               HasSubstr("pattern too large")));

  const std::vector<KbProblem> problems = CheckKnowledgeBase(file.string());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].entry_id, "mars.huge");
  EXPECT_THAT(problems[0].reason, HasSubstr("pattern too large"));
  EXPECT_LT(clock.Seconds(), 20.0 * kSanitizerSlack);
  // RE2 gives back what it took to try.
  EXPECT_LT(RssGrowth(), 512 * kMiB * kSanitizerSlack);
}

TEST_F(BadInputTest, MillionsOfDistinctTemplatesStayBoundedAndTheOverflowIsCounted) {
  // Two million warnings, each its own template, made on the fly (no file). Under a
  // sanitizer, half a million: the bound is the same, the time four times longer.
  const uint64_t lines = ::loganalyze::testing::Sanitized() ? 500'000 : 2'000'000;
  TemplateSource source(lines);
  AnalyzeOptions options;  // max_templates: the default, 2000
  const Stopwatch clock;
  const Report r = Analyze(source, "CBEngineCurr.errlog", options);
  const double seconds = clock.Seconds();
  ASSERT_EQ(r.inputs.size(), 1u);
  const InputStats& s = r.inputs[0].stats;
  EXPECT_EQ(s.records, lines);
  EXPECT_EQ(s.bytes, source.bytes);
  EXPECT_TRUE(s.Balanced());
  EXPECT_EQ(r.unknown.size(), options.limits.max_templates);
  EXPECT_EQ(r.unknown_overflow, lines - options.limits.max_templates);
  uint64_t kept = 0;
  for (const auto& [text, t] : r.unknown) kept += t.count;
  EXPECT_EQ(kept + r.unknown_overflow, lines);  // every record is counted somewhere
  // Merging two such reports keeps the bound too.
  Report twice = r;
  twice.Merge(r);
  EXPECT_EQ(twice.unknown.size(), options.limits.max_templates);
  EXPECT_EQ(twice.unknown_overflow, 2 * r.unknown_overflow);
  EXPECT_LT(seconds, 30.0);
  EXPECT_LT(RssGrowth(), 64 * kMiB * kSanitizerSlack);
}

}  // namespace
}  // namespace loganalyze
