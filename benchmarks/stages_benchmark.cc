// Throughput of each pipeline stage on the deterministic corpus: bytes per second, and
// reference cycles per byte (the time-stamp counter, which runs at the processor's nominal
// rate: x86-64 only), so that the stages can be added up and compared with the whole.
#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "corpus.h"
#include "decode/decoder.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "loganalyze/reader.h"
#include "loganalyze/report.h"
#include "parse/errlog_head.h"
#include "split/line_splitter.h"
#include "util/content_hash.h"
#include "aggregate/analyze_filtered.h"
#include "bundle/copies.h"
#include "bundle/ranges.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <x86intrin.h>
#endif

namespace loganalyze {
namespace {

// Reference cycles per nanosecond: the time-stamp counter's rate, measured once against the
// steady clock (0 where there is no such counter).
double TicksPerNanosecond() {
#if defined(__x86_64__) || defined(_M_X64)
  static const double rate = [] {
    const auto t0 = std::chrono::steady_clock::now();
    const uint64_t c0 = __rdtsc();
    while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(50)) {
    }
    const uint64_t c1 = __rdtsc();
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now() - t0);
    return static_cast<double>(c1 - c0) / static_cast<double>(ns.count());
  }();
  return rate;
#else
  return 0;
#endif
}

// The processor time of the calling thread, in nanoseconds: not the wall clock, so that
// another process on the machine does not count as this stage's cycles.
uint64_t ThreadNanoseconds() {
#if defined(CLOCK_THREAD_CPUTIME_ID)
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<uint64_t>(t.tv_sec) * 1000000000u + static_cast<uint64_t>(t.tv_nsec);
#else
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
#endif
}

// Runs the benchmark loop around `body` and reports, beside the bytes per second, the
// reference cycles per input byte: the thread's processor time at the counter's rate, or
// the wall clock's with `wall` (a stage that runs on several threads).
template <typename Body>
void Measure(benchmark::State& state, uint64_t bytes, Body body, bool wall = false) {
  const auto wall_start = std::chrono::steady_clock::now();
  const uint64_t cpu_start = ThreadNanoseconds();
  for (auto _ : state) body();
  const double ns =
      wall ? static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::steady_clock::now() - wall_start)
                                     .count())
           : static_cast<double>(ThreadNanoseconds() - cpu_start);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  if (TicksPerNanosecond() > 0 && state.iterations() > 0) {
    state.counters["cycles/byte"] =
        ns * TicksPerNanosecond() / static_cast<double>(state.iterations() * bytes);
  }
}

// 32 MiB of the realistic mix, or of the worst (30% WARNING, most with codes); 2016 layout.
const std::string& Corpus(bool worst = false) {
  static const std::string* texts[2] = {nullptr, nullptr};
  static std::once_flag once[2];
  std::call_once(once[worst], [worst] {
    auto* s = new std::string;
    bench::CorpusOptions o;
    o.bytes = 32 << 20;
    o.mix = worst ? bench::Mix::kWorst : bench::Mix::kRealistic;
    bench::GenerateErrlog(o, s);
    texts[worst] = s;
  });
  return *texts[worst];
}

const std::string& CorpusUtf16(bool worst = false) {
  static const std::string* texts[2] = {nullptr, nullptr};
  static std::once_flag once[2];
  std::call_once(once[worst],
                 [worst] { texts[worst] = new std::string(bench::ToUtf16Le(Corpus(worst))); });
  return *texts[worst];
}

std::vector<std::string_view> Lines(bool worst = false) {
  std::vector<std::string_view> lines;
  std::string_view s = Corpus(worst);
  for (size_t pos = 0; pos < s.size();) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) nl = s.size();
    lines.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

const KnowledgeBase& Kb() {
  static const KnowledgeBase* kb = new KnowledgeBase(*KnowledgeBase::Default());
  return *kb;
}

// Why it is hard: every byte looked at for newlines and non-ASCII bytes, a carry across
// 256 KiB chunks.
void BM_LineSplitter(benchmark::State& state) {
  const std::string& text = Corpus();
  Measure(state, text.size(), [&] {
    internal::LineSplitter splitter(internal::UnitLayout::kByte, 1 << 20, 0);
    uint64_t n = 0;
    for (size_t i = 0; i < text.size(); i += 256 << 10) {
      splitter.Feed(std::string_view(text).substr(i, 256 << 10),
                    [&](const internal::RawLine& l) { n += l.bytes.size(); });
    }
    splitter.Finish({}, [&](const internal::RawLine& l) { n += l.bytes.size(); });
    benchmark::DoNotOptimize(n);
  });
}
BENCHMARK(BM_LineSplitter);

// Why it is hard: every byte of the input, in order, through four multiply chains.
void BM_ContentHash(benchmark::State& state) {
  const std::string& text = Corpus();
  Measure(state, text.size(), [&] {
    internal::ContentHash h;
    for (size_t i = 0; i < text.size(); i += 256 << 10) {
      h.Update(std::string_view(text).substr(i, 256 << 10));
    }
    benchmark::DoNotOptimize(h.Finish());
  });
}
BENCHMARK(BM_ContentHash);

// Why it is hard: every line validated; pure ASCII should pass through without a copy.
void BM_DecodeUtf8(benchmark::State& state) {
  const auto lines = Lines();
  internal::Decoder d(Encoding::kUtf8);
  Measure(state, Corpus().size(), [&] {
    size_t n = 0;
    for (std::string_view l : lines) n += d.Decode(l).size();
    benchmark::DoNotOptimize(n);
  });
}
BENCHMARK(BM_DecodeUtf8);

// Why it is hard: two input bytes per character, transcoded line by line.
void BM_DecodeUtf16Le(benchmark::State& state) {
  const std::string& bytes = CorpusUtf16();
  internal::Decoder d(Encoding::kUtf16Le);
  Measure(state, bytes.size(), [&] {
    size_t n = 0;
    for (size_t i = 2; i < bytes.size(); i += 512) {
      n += d.Decode(std::string_view(bytes).substr(i, std::min<size_t>(512, bytes.size() - i)))
               .size();
    }
    benchmark::DoNotOptimize(n);
  });
}
BENCHMARK(BM_DecodeUtf16Le);

// Why it is hard: the column head of every line, classified by shape. Arg 1 runs the general
// parser alone, without the common-layout fast path, for comparison.
void BM_ErrlogHead(benchmark::State& state) {
  const bool general = state.range(0) != 0, worst = state.range(1) != 0;
  const auto lines = Lines(worst);
  Measure(state, Corpus(worst).size(), [&] {
    size_t n = 0;
    internal::ErrlogHead head;
    for (std::string_view l : lines) {
      n += general ? internal::ParseErrlogHeadGeneral(l, &head)
                   : internal::ParseErrlogHead(l, &head);
      n += head.message_pos;
    }
    benchmark::DoNotOptimize(n);
  });
}
BENCHMARK(BM_ErrlogHead)
    ->ArgNames({"general", "worst"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({0, 1});

// Both encodings of both mixes: arguments (utf16, worst).
void EncodingsAndMixes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"utf16", "worst"});
  for (int worst : {0, 1}) {
    for (int utf16 : {0, 1}) b->Args({utf16, worst});
  }
}

class NullSink : public RecordSink {
 public:
  void OnRecord(const Record& r) override { n += r.message.size(); }
  size_t n = 0;
};

InputInfo Info() {
  InputInfo info;
  info.name = "CBEngineCurr.errlog";
  info.mtime = 1767225600;
  return info;
}

// Why it is hard: the whole reader (split, decode, errlog columns, continuation lines, the
// content hash, the time range).
void BM_ReadErrlog(benchmark::State& state) {
  const bool worst = state.range(1) != 0;
  const std::string& text = state.range(0) ? CorpusUtf16(worst) : Corpus(worst);
  Measure(state, text.size(), [&] {
    auto src = MemorySource(text);
    NullSink sink;
    benchmark::DoNotOptimize(ReadLog(*src, Info(), {}, sink).stats.records);
  });
}
BENCHMARK(BM_ReadErrlog)->Apply(EncodingsAndMixes);

// Why it is hard: every message against a few hundred patterns and the code scan.
void BM_Matcher(benchmark::State& state) {
  auto matcher = Matcher::Create(Kb());
  const bool worst = state.range(0) != 0;
  const auto lines = Lines(worst);
  MatchScratch scratch;
  MatchResult result;
  Measure(state, Corpus(worst).size(), [&] {
    size_t n = 0;
    for (std::string_view l : lines) {
      (void)(*matcher)->Match(l, &scratch, &result);
      n += result.entries.size();
    }
    benchmark::DoNotOptimize(n);
  });
}
BENCHMARK(BM_Matcher)->ArgName("worst")->Arg(0)->Arg(1);

// Why it is hard: the code scan alone, a tokenizer over every byte.
void BM_ScanCodes(benchmark::State& state) {
  const bool worst = state.range(0) != 0;
  const auto lines = Lines(worst);
  std::vector<Code> codes;
  Measure(state, Corpus(worst).size(), [&] {
    size_t n = 0;
    for (std::string_view l : lines) {
      codes.clear();
      ScanCodes(l, &codes);
      n += codes.size();
    }
    benchmark::DoNotOptimize(n);
  });
}
BENCHMARK(BM_ScanCodes)->ArgName("worst")->Arg(0)->Arg(1);

// Why it is hard: everything, from bytes to the partial report.
void BM_Analyze(benchmark::State& state) {
  const bool worst = state.range(1) != 0;
  const std::string& text = state.range(0) ? CorpusUtf16(worst) : Corpus(worst);
  auto analyzer = Analyzer::Create(Kb(), {});
  Measure(state, text.size(), [&] {
    auto src = MemorySource(text);
    Report r = (*analyzer)->Analyze(*src, Info(), "CBEngineCurr.errlog", "");
    benchmark::DoNotOptimize(r.findings.size());
  });
}
BENCHMARK(BM_Analyze)->Apply(EncodingsAndMixes)->Unit(benchmark::kMillisecond);

// Why it is hard: what the command does for each log of a bundle: the analysis and the
// sketch of its records that copies are found by (RecordSampler).
void BM_AnalyzeWithSketch(benchmark::State& state) {
  const bool worst = state.range(1) != 0;
  const std::string& text = state.range(0) ? CorpusUtf16(worst) : Corpus(worst);
  auto analyzer = Analyzer::Create(Kb(), {});
  Measure(state, text.size(), [&] {
    auto src = MemorySource(text);
    internal::RecordSampler sampler;
    Report r = internal::AnalyzeFiltered(**analyzer, *src, Info(), "CBEngineCurr.errlog", "",
                                         &sampler);
    benchmark::DoNotOptimize(sampler.Take().records + r.findings.size());
  });
}
BENCHMARK(BM_AnalyzeWithSketch)->Apply(EncodingsAndMixes)->Unit(benchmark::kMillisecond);

// Why it is hard: the same in ranges, one thread each and one more for the content hash,
// then the join (wall time; cycles per byte are the wall clock's, not the sum of threads').
void BM_AnalyzeInRanges(benchmark::State& state) {
  const std::string& text = Corpus(state.range(1) != 0);
  auto analyzer = Analyzer::Create(Kb(), {});
  const size_t ranges = static_cast<size_t>(state.range(0));
  internal::RangeOpener open = [&](uint64_t offset, uint64_t length, bool)
      -> absl::StatusOr<std::unique_ptr<ByteSource>> {
    return MemorySource(std::string_view(text).substr(offset, length));
  };
  bool joined = true;
  Measure(state, text.size(), [&] {
    auto r = internal::AnalyzeInRanges(**analyzer, open, text.size(), Info(),
                                       "CBEngineCurr.errlog", "", ranges, 1 << 20);
    joined = joined && r.has_value();
    benchmark::DoNotOptimize(r);
  }, /*wall=*/true);
  if (!joined) state.SkipWithError("the ranges were not joined");
}
BENCHMARK(BM_AnalyzeInRanges)
    ->ArgNames({"ranges", "worst"})
    ->Args({2, 0})
    ->Args({2, 1})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Why it is hard: merging and rendering a report of many findings, jobs and templates.
void BM_AggregateAndRender(benchmark::State& state) {
  auto analyzer = Analyzer::Create(Kb(), {});
  auto src = MemorySource(Corpus());
  const Report part = (*analyzer)->Analyze(*src, Info(), "a.errlog", "");
  for (auto _ : state) {
    Report r;
    for (int i = 0; i < 8; ++i) r.Merge(part);
    benchmark::DoNotOptimize(RenderReport(r, Kb(), ReportFormat::kJson, {}).size());
  }
}
BENCHMARK(BM_AggregateAndRender)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace loganalyze

BENCHMARK_MAIN();
