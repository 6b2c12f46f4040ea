// AnalyzeInRanges: one input read in ranges on several threads gives the report (and the
// sketch of its records) that one read of the whole input gives, byte for byte; or it
// declines, and the caller reads the input whole.
#include "bundle/ranges.h"

#include <string>
#include <vector>

#include "aggregate/analyze_filtered.h"
#include "corpus.h"
#include "fmt/format.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/report.h"
#include "test_util.h"

namespace loganalyze::internal {
namespace {

using ::loganalyze::testing::ToUtf16;
using ::loganalyze::testing::UnixSeconds;

constexpr char kGuid[] = "F3E32129-DC79-4A28-9ACC-3F30CB5810B6";

std::string Line(std::string_view date, std::string_view time, std::string_view level,
                 std::string_view msg) {
  return "0AB0\t0974\t" + std::string(date) + "\t" + std::string(time) +
         "\t71\tbackupasync.cpp(1)\t\t" + kGuid + "\t" + std::string(level) + "\t" +
         std::string(msg) + "\r\n";
}

struct Outcome {
  std::string json;
  RecordSketch sketch;
  int year_shift = 0;
};

class RangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok());
    kb_ = *std::move(kb);
  }

  InputInfo Info(std::string_view name) const {
    InputInfo info;
    info.name = std::string(name);
    info.mtime = mtime_;
    return info;
  }

  Outcome Whole(const std::string& bytes, std::string_view name, const Analyzer& analyzer) {
    auto source = MemorySource(bytes);
    RecordSampler sampler;
    Outcome out;
    const Report r = AnalyzeFiltered(analyzer, *source, Info(name), name, "", &sampler,
                                     &out.year_shift);
    out.json = RenderReport(r, kb_, ReportFormat::kJson, {});
    out.sketch = sampler.Take();
    return out;
  }

  std::optional<Outcome> InRanges(const std::string& bytes, std::string_view name,
                                  const Analyzer& analyzer, size_t ranges,
                                  uint64_t min_range_bytes, bool sample = true) {
    RangeOpener open = [&bytes](uint64_t offset, uint64_t length, bool)
        -> absl::StatusOr<std::unique_ptr<ByteSource>> {
      return MemorySource(std::string_view(bytes).substr(offset, length));
    };
    std::optional<RangeAnalysis> r = AnalyzeInRanges(analyzer, open, bytes.size(), Info(name),
                                                     name, "", ranges, min_range_bytes, sample);
    if (!r) return std::nullopt;
    return Outcome{RenderReport(r->report, kb_, ReportFormat::kJson, {}), r->sketch,
                   r->year_shift};
  }

  // Every way of cutting `bytes` into 2 to 5 ranges of at least `min_range_bytes` (several
  // sizes) gives the whole read's report and sketch. Returns how many of them were joined.
  int ExpectSameAsWhole(const std::string& bytes, std::string_view name,
                        AnalyzeOptions options = {}) {
    auto analyzer = Analyzer::Create(kb_, options);
    EXPECT_TRUE(analyzer.ok());
    const Outcome whole = Whole(bytes, name, **analyzer);
    int joined = 0;
    for (size_t ranges = 2; ranges <= 5; ++ranges) {
      for (uint64_t min : {uint64_t{64}, uint64_t{1000}, bytes.size() / 7 + 1}) {
        std::optional<Outcome> parts = InRanges(bytes, name, **analyzer, ranges, min);
        if (!parts) continue;
        ++joined;
        EXPECT_EQ(parts->json, whole.json) << ranges << " ranges of at least " << min;
        EXPECT_EQ(parts->year_shift, whole.year_shift);
        EXPECT_EQ(parts->sketch.sample, whole.sketch.sample);
        EXPECT_EQ(parts->sketch.ends, whole.sketch.ends);
        EXPECT_EQ(parts->sketch.records, whole.sketch.records);
      }
    }
    return joined;
  }

  KnowledgeBase kb_;
  int64_t mtime_ = UnixSeconds(2026, 1, 5);
};

std::string Corpus(uint64_t bytes, uint64_t seed) {
  bench::CorpusOptions o;
  o.bytes = bytes;
  o.seed = seed;
  o.code_share = 0.05;
  o.continuation_share = 0.02;
  std::string text;
  bench::GenerateErrlog(o, &text);
  return text;
}

TEST_F(RangesTest, GeneratedLogGivesTheWholeReport) {
  const std::string text = Corpus(400 << 10, 3);
  EXPECT_EQ(ExpectSameAsWhole(text, "CBEngineCurr.errlog"), 12);
  AnalyzeOptions with_year;
  with_year.read.year = 2026;
  EXPECT_EQ(ExpectSameAsWhole(text, "CBEngineCurr.errlog", with_year), 12);
}

// A lone input is read in ranges without sampling its records: the same report, no sketch.
TEST_F(RangesTest, UnsampledRangesGiveTheSameReportAndNoSketch) {
  const std::string text = Corpus(400 << 10, 7);
  auto analyzer = Analyzer::Create(kb_, {});
  ASSERT_TRUE(analyzer.ok());
  const Outcome whole = Whole(text, "CBEngineCurr.errlog", **analyzer);
  ASSERT_GT(whole.sketch.records, 0u);
  for (size_t ranges = 2; ranges <= 4; ++ranges) {
    std::optional<Outcome> parts =
        InRanges(text, "CBEngineCurr.errlog", **analyzer, ranges, 1000, /*sample=*/false);
    ASSERT_TRUE(parts.has_value()) << ranges;
    EXPECT_EQ(parts->json, whole.json) << ranges;
    EXPECT_TRUE(parts->sketch.sample.empty());
    EXPECT_TRUE(parts->sketch.ends.empty());
    EXPECT_EQ(parts->sketch.records, 0u);
  }
}

TEST_F(RangesTest, Utf16LogGivesTheWholeReport) {
  const std::string bytes = bench::ToUtf16Le(Corpus(200 << 10, 5));
  EXPECT_EQ(ExpectSameAsWhole(bytes, "MSDPMCurr.errlog"), 12);
}

// A log across New Year: the later ranges' walks start in a year the whole walk reaches
// only at 01/01, with the year given and from the modification time.
TEST_F(RangesTest, NewYearIsSettledAtTheJoin) {
  std::string text;
  for (const char* date : {"12/30", "12/31", "01/01", "01/02", "01/03"}) {
    for (int i = 0; i < 200; ++i) {
      const std::string time = fmt::format("{:02}:{:02}:00.000", i / 60 % 24, i % 60);
      text += Line(date, time, i % 50 == 7 ? "WARNING" : "NORMAL",
                   i % 50 == 7 ? "Failed: Hr: = [0x80070005] BackupRead failed" : "Working");
    }
  }
  EXPECT_GT(ExpectSameAsWhole(text, "CBEngineCurr.errlog"), 0);
  AnalyzeOptions with_year;
  with_year.read.year = 2026;
  EXPECT_GT(ExpectSameAsWhole(text, "CBEngineCurr.errlog", with_year), 0);
  mtime_ = UnixSeconds(2025, 12, 31);  // older than the newest record: years shift
  EXPECT_GT(ExpectSameAsWhole(text, "CBEngineCurr.errlog"), 0);
}

// 02/29 in a year without it: counted without a date, in every range.
TEST_F(RangesTest, LeapDaysAreSettledAtTheJoin) {
  std::string text;
  for (const char* date : {"02/27", "02/28", "02/29", "03/01", "03/02"}) {
    for (int i = 0; i < 150; ++i) {
      text += Line(date, fmt::format("10:{:02}:{:02}.000", i / 60, i % 60),
                   i % 10 == 0 ? "WARNING" : "NORMAL",
                   i % 10 == 0 ? "Unable to find changes in a file. SalBitmapError" : "Working");
    }
  }
  for (int year : {2023, 2024}) {
    AnalyzeOptions options;
    options.read.year = year;
    EXPECT_GT(ExpectSameAsWhole(text, "CBEngineCurr.errlog", options), 0) << year;
  }
  EXPECT_GT(ExpectSameAsWhole(text, "CBEngineCurr.errlog"), 0);
}

// Continuation lines, blank lines, bare CRs, impossible dates and cut-off lines, wherever
// a cut falls: line numbers and counts are the whole read's.
TEST_F(RangesTest, LinesThatAreNotRecordsCountOnce) {
  std::string text = "header line that is no record\r\n";
  for (int i = 0; i < 1500; ++i) {
    const std::string time = fmt::format("11:{:02}:{:02}.{:03}", i / 60 % 60, i % 60, i);
    text += Line("05/04", time, i % 9 == 0 ? "WARNING" : "NORMAL",
                 i % 9 == 0 ? "Failed: Hr: = [0x80070020] in use" : "step");
    if (i % 7 == 0) text += "   at Frame.Call()\r\n   at Frame.Run()\r\n";
    if (i % 31 == 0) text += "\r\n";
    if (i % 37 == 0) text += "0AB0\t0974\t04/31\t11:00:00.000\t71\tx.cpp(1)\t\t\tNORMAL\tno such day\r\n";
    if (i % 41 == 0) text += "bare\rCR\r";
  }
  text += Line("05/04", "23:59:59.999", "NORMAL", "last, with no line end").substr(0, 90);
  EXPECT_GT(ExpectSameAsWhole(text, "DPMRACurr.errlog"), 0);
  AnalyzeOptions small_lines;
  small_lines.read.max_line_bytes = 80;  // heads cut too
  EXPECT_GE(ExpectSameAsWhole(text, "DPMRACurr.errlog", small_lines), 0);
}

// The bounds keep the first items seen: a part past one keeps others than one read would,
// so such an input is read whole.
TEST_F(RangesTest, DeclinesWhenABoundIsReached) {
  std::string text;
  for (int i = 0; i < 600; ++i) {
    text += Line("05/04", fmt::format("12:{:02}:{:02}.000", i / 60, i % 60), "WARNING",
                 fmt::format("Widget {} broke near gate {}", "abcdefghij"[i % 10], i % 13 * 1000));
  }
  AnalyzeOptions options;
  options.limits.max_templates = 3;
  auto analyzer = Analyzer::Create(kb_, options);
  ASSERT_TRUE(analyzer.ok());
  EXPECT_FALSE(InRanges(text, "CBEngineCurr.errlog", **analyzer, 2, 64));
  // Within the bounds, the same input is joined.
  EXPECT_EQ(ExpectSameAsWhole(text, "CBEngineCurr.errlog"), 12);
}

TEST_F(RangesTest, DeclinesWhatRangesCannotReproduce) {
  const std::string text = Corpus(64 << 10, 9);
  auto analyzer = Analyzer::Create(kb_, {});
  ASSERT_TRUE(analyzer.ok());
  // Not an errlog by its name; one range; too small for the ranges asked.
  EXPECT_FALSE(InRanges(text, "notes.txt", **analyzer, 2, 64));
  EXPECT_FALSE(InRanges(text, "CBEngineCurr.errlog", **analyzer, 1, 64));
  EXPECT_FALSE(InRanges(text, "CBEngineCurr.errlog", **analyzer, 2, text.size()));
  // A time window.
  AnalyzeOptions window;
  window.since = LogTime::FromCivil(2025, 12, 2, 0, 0, 0, 0);
  auto windowed = Analyzer::Create(kb_, window);
  ASSERT_TRUE(windowed.ok());
  EXPECT_FALSE(InRanges(text, "CBEngineCurr.errlog", **windowed, 2, 64));
  // An excerpt pasted with its white space collapsed, named as the log.
  std::string pasted;
  for (int i = 0; i < 300; ++i) {
    pasted += fmt::format("0AB0 0974 05/04 12:{:02}:{:02}.000 71 a.cpp(1) {} NORMAL step {}\r\n",
                          i / 60, i % 60, kGuid, i);
  }
  EXPECT_FALSE(InRanges(pasted, "CBEngineCurr.errlog", **analyzer, 2, 64));
  EXPECT_EQ(ExpectSameAsWhole(pasted, "CBEngineCurr.errlog"), 0);
}

// What one read decides from the head of the input (binary or text, the encoding, the
// format) is decided from the same head in the first range: NUL bytes within the first
// 64 KiB make the input binary however it is cut (found by fuzzing: the first range ended
// before them, and read as text what one read skips).
TEST_F(RangesTest, TheFirstRangeHoldsTheHeadThatDecides) {
  std::string text = Corpus(300 << 10, 11);
  // 1000 NULs (more than 1% of the head) just before 64 KiB, where an even cut into five
  // would otherwise end the first range.
  const size_t at = text.find('\n', 62000) + 1;
  ASSERT_LT(at + 1000, 65536u);
  text.insert(at, std::string(1000, '\0') + "\r\n");
  auto analyzer = Analyzer::Create(kb_, {});
  ASSERT_TRUE(analyzer.ok());
  EXPECT_NE(Whole(text, "CBEngineCurr.errlog", **analyzer).json.find("binary file"),
            std::string::npos);
  EXPECT_EQ(ExpectSameAsWhole(text, "CBEngineCurr.errlog"), 0);
}

// Dates that run back and forth: joined only where every range's years line up.
TEST_F(RangesTest, DisorderedDatesAreJoinedOnlyWhenTheYearsLineUp) {
  std::string text;
  const char* dates[] = {"03/01", "09/15", "03/02", "11/30", "01/10", "08/01", "02/29"};
  for (int i = 0; i < 700; ++i) {
    text += Line(dates[i / 20 % 7], "10:00:00.000", i % 5 == 0 ? "WARNING" : "NORMAL",
                 i % 5 == 0 ? "Failed: Hr: = [0x80070005] denied" : "step");
  }
  ExpectSameAsWhole(text, "CBEngineCurr.errlog");  // every joined cut is checked
  AnalyzeOptions with_year;
  with_year.read.year = 2026;
  ExpectSameAsWhole(text, "CBEngineCurr.errlog", with_year);
}

}  // namespace
}  // namespace loganalyze::internal
