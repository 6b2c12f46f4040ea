// One large errlog analysed on several threads: cut into ranges at record starts, each
// range read and aggregated on its own thread while another hashes the whole input, and the
// parts joined into the report one read of the whole input gives, byte for byte
// (pipeline/ranges.h says how the years and line numbers are settled).
#ifndef LOGANALYZE_BUNDLE_RANGES_H_
#define LOGANALYZE_BUNDLE_RANGES_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "bundle/copies.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/reader.h"

namespace loganalyze::internal {

// Opens the input at byte `offset` to read `length` bytes from there; `counted`: the bytes
// read are progress (the ranges' reads), not a second pass over them (the hash).
using RangeOpener = std::function<absl::StatusOr<std::unique_ptr<ByteSource>>(
    uint64_t offset, uint64_t length, bool counted)>;

// The ranges are worth their threads from this size on.
inline constexpr uint64_t kMinRangeBytes = uint64_t{32} << 20;

struct RangeAnalysis {
  Report report;
  RecordSketch sketch;  // what a RecordSampler of the whole input gives (empty: not sampled)
  int year_shift = 0;   // InputSummary::year_shift
};

// What AnalyzeFiltered with a RecordSampler (with none when `sample` is false) gives for an
// input of `size` bytes, computed in up to `ranges` ranges of at least `min_range_bytes`.
// Returns nullopt, having changed
// nothing, when the input is not one that ranges can reproduce exactly (not an errlog by its
// name, a time window or a known year shift in the options, UTF-16BE, too small, no record
// start near a cut), or when the ranges cannot be joined (the input changed while it was
// read, a range could not be read, a pasted excerpt, dates that jump back and forth, a bound
// on findings, templates or jobs reached): the caller then analyses it whole.
std::optional<RangeAnalysis> AnalyzeInRanges(const Analyzer& analyzer, const RangeOpener& open,
                                             uint64_t size, const InputInfo& info,
                                             std::string_view path, std::string_view member,
                                             size_t ranges,
                                             uint64_t min_range_bytes = kMinRangeBytes,
                                             bool sample = true);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_BUNDLE_RANGES_H_
