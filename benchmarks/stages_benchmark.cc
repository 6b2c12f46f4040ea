// Throughput of each pipeline stage on the deterministic corpus (bytes per second).
#include <memory>
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

namespace loganalyze {
namespace {

const std::string& Corpus() {
  static const std::string* text = [] {
    auto* s = new std::string;
    bench::CorpusOptions o;
    o.bytes = 32 << 20;
    bench::GenerateErrlog(o, s);
    return s;
  }();
  return *text;
}

const std::string& CorpusUtf16() {
  static const std::string* text = new std::string(bench::ToUtf16Le(Corpus()));
  return *text;
}

std::vector<std::string_view> Lines() {
  std::vector<std::string_view> lines;
  std::string_view s = Corpus();
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
  for (auto _ : state) {
    internal::LineSplitter splitter(internal::UnitLayout::kByte, 1 << 20, 0);
    uint64_t n = 0;
    for (size_t i = 0; i < text.size(); i += 256 << 10) {
      splitter.Feed(std::string_view(text).substr(i, 256 << 10),
                    [&](const internal::RawLine& l) { n += l.bytes.size(); });
    }
    splitter.Finish({}, [&](const internal::RawLine& l) { n += l.bytes.size(); });
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_LineSplitter);

// Why it is hard: every line validated; pure ASCII should pass through without a copy.
void BM_DecodeUtf8(benchmark::State& state) {
  const auto lines = Lines();
  internal::Decoder d(Encoding::kUtf8);
  for (auto _ : state) {
    size_t n = 0;
    for (std::string_view l : lines) n += d.Decode(l).size();
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * Corpus().size());
}
BENCHMARK(BM_DecodeUtf8);

// Why it is hard: two input bytes per character, transcoded line by line.
void BM_DecodeUtf16Le(benchmark::State& state) {
  const std::string& bytes = CorpusUtf16();
  internal::Decoder d(Encoding::kUtf16Le);
  for (auto _ : state) {
    size_t n = 0;
    for (size_t i = 2; i < bytes.size(); i += 512) {
      n += d.Decode(std::string_view(bytes).substr(i, std::min<size_t>(512, bytes.size() - i)))
               .size();
    }
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * bytes.size());
}
BENCHMARK(BM_DecodeUtf16Le);

// Why it is hard: the column head of every line, classified by shape. Arg 1 runs the general
// parser alone, without the common-layout fast path, for comparison.
void BM_ErrlogHead(benchmark::State& state) {
  const auto lines = Lines();
  const bool general = state.range(0) != 0;
  for (auto _ : state) {
    size_t n = 0;
    internal::ErrlogHead head;
    for (std::string_view l : lines) {
      n += general ? internal::ParseErrlogHeadGeneral(l, &head)
                   : internal::ParseErrlogHead(l, &head);
      n += head.message_pos;
    }
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * Corpus().size());
}
BENCHMARK(BM_ErrlogHead)->Arg(0)->Arg(1);

class NullSink : public RecordSink {
 public:
  void OnRecord(const Record& r) override { n += r.message.size(); }
  size_t n = 0;
};

// Why it is hard: the whole reader (split, decode, errlog columns, continuation lines).
void BM_ReadErrlog(benchmark::State& state) {
  const std::string& text = state.range(0) ? CorpusUtf16() : Corpus();
  for (auto _ : state) {
    auto src = MemorySource(text);
    NullSink sink;
    InputInfo info;
    info.name = "CBEngineCurr.errlog";
    info.mtime = 1767225600;
    benchmark::DoNotOptimize(ReadLog(*src, info, {}, sink).stats.records);
  }
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_ReadErrlog)->Arg(0)->Arg(1);

// Why it is hard: every message against a few hundred patterns and the code scan.
void BM_Matcher(benchmark::State& state) {
  auto matcher = Matcher::Create(Kb());
  const auto lines = Lines();
  MatchScratch scratch;
  MatchResult result;
  for (auto _ : state) {
    size_t n = 0;
    for (std::string_view l : lines) {
      (void)(*matcher)->Match(l, &scratch, &result);
      n += result.entries.size();
    }
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * Corpus().size());
}
BENCHMARK(BM_Matcher);

// Why it is hard: the code scan alone, a tokenizer over every byte.
void BM_ScanCodes(benchmark::State& state) {
  const auto lines = Lines();
  std::vector<Code> codes;
  for (auto _ : state) {
    size_t n = 0;
    for (std::string_view l : lines) {
      codes.clear();
      ScanCodes(l, &codes);
      n += codes.size();
    }
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * Corpus().size());
}
BENCHMARK(BM_ScanCodes);

// Why it is hard: everything, from bytes to the partial report.
void BM_Analyze(benchmark::State& state) {
  const std::string& text = state.range(0) ? CorpusUtf16() : Corpus();
  auto analyzer = Analyzer::Create(Kb(), {});
  for (auto _ : state) {
    auto src = MemorySource(text);
    InputInfo info;
    info.name = "CBEngineCurr.errlog";
    info.mtime = 1767225600;
    Report r = (*analyzer)->Analyze(*src, info, "CBEngineCurr.errlog", "");
    benchmark::DoNotOptimize(r.findings.size());
  }
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_Analyze)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Why it is hard: merging and rendering a report of many findings, jobs and templates.
void BM_AggregateAndRender(benchmark::State& state) {
  auto analyzer = Analyzer::Create(Kb(), {});
  auto src = MemorySource(Corpus());
  InputInfo info;
  info.name = "CBEngineCurr.errlog";
  const Report part = (*analyzer)->Analyze(*src, info, "a.errlog", "");
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
