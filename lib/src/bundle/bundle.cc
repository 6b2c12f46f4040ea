// AnalyzeBundle: a bundle's inputs found, analysed on every core, and merged so that nothing
// counts twice (bundle.h). Two passes:
//  1. every input is analysed on its own, in parallel, into its own report;
//  2. inputs with the same bytes are kept once, and inputs that may share records with an
//     earlier input of the same log family (overlapping time ranges) are read again, in
//     order, with a filter that drops the shared records. Only those inputs are read twice:
//     in most bundles, only .Crash copies.
// The reports are then merged in path order, so the result is the same whatever -j is.
#include "loganalyze/bundle.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "aggregate/analyze_filtered.h"
#include "bundle/copies.h"
#include "bundle/ranges.h"
#include "bundle/shared_records.h"
#include "fmt/format.h"
#include "loganalyze/status_text.h"
#include "source/platform.h"
#include "source/sources.h"
#include "util/content_hash.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using internal::FingerprintMap;

constexpr size_t kNoPosition = std::numeric_limits<size_t>::max();

fs::path PathFromUtf8(std::string_view s) { return fs::path(std::u8string(s.begin(), s.end())); }

uint64_t FileSize(const std::string& path) {
  std::error_code ec;
  const auto n = fs::file_size(PathFromUtf8(path), ec);
  return ec ? 0 : static_cast<uint64_t>(n);
}

std::string ReadHead(const std::string& path, size_t n) {
  std::FILE* f = internal::OpenForReading(path);
  if (f == nullptr) return std::string();
  std::string head(n, '\0');
  head.resize(std::fread(head.data(), 1, n, f));
  std::fclose(f);
  return head;
}

// Archives whose members can be skipped without inflating them, so that several workers can
// share one: zip and uncompressed tar.
bool Shardable(std::string_view head) {
  return head.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
         (head.size() > 262 && head.substr(257, 5) == "ustar");
}

// What the call and every read say once the caller has cancelled.
constexpr char kCancelled[] = "the analysis was cancelled";

// Counts the bytes read through it, for progress, and stops at the caller's cancellation.
class CountingSource : public ByteSource {
 public:
  CountingSource(ByteSource& inner, std::atomic<uint64_t>* counter,
                 const std::atomic<bool>* cancel)
      : inner_(inner), counter_(counter), cancel_(cancel) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
      return absl::CancelledError(kCancelled);
    }
    absl::StatusOr<size_t> n = inner_.Read(buffer, size);
    if (n.ok()) counter_->fetch_add(*n, std::memory_order_relaxed);
    return n;
  }

 private:
  ByteSource& inner_;
  std::atomic<uint64_t>* counter_;
  const std::atomic<bool>* cancel_;
};

// The first `limit` bytes of a source: a second read sees what the first one saw, even of a
// log that is still being written.
class LimitedSource : public ByteSource {
 public:
  LimitedSource(ByteSource& inner, uint64_t limit) : inner_(inner), left_(limit) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    if (left_ == 0) return 0;
    absl::StatusOr<size_t> n = inner_.Read(buffer, std::min<uint64_t>(size, left_));
    if (n.ok()) left_ -= *n;
    return n;
  }

 private:
  ByteSource& inner_;
  uint64_t left_;
};

// `length` bytes of a file from `offset`: one range of an input read in ranges. Owns the
// file; counts what it reads into `*ranges_read` and then `*progress`, and stops at the
// caller's cancellation (the LimitedSource and CountingSources above, in a chain).
class RangeSource : public ByteSource {
 public:
  RangeSource(std::FILE* file, const std::string& path, uint64_t length,
              std::atomic<uint64_t>* ranges_read, std::atomic<uint64_t>* progress,
              const std::atomic<bool>* cancel)
      : file_(file),
        inner_(internal::SourceOfOpenFile(file, path)),
        limited_(*inner_, length),
        ranges_read_(limited_, ranges_read, cancel),
        progress_(ranges_read_, progress, nullptr) {}
  ~RangeSource() override { std::fclose(file_); }
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    return progress_.Read(buffer, size);
  }

 private:
  std::FILE* file_;
  std::unique_ptr<ByteSource> inner_;
  LimitedSource limited_;
  CountingSource ranges_read_, progress_;
};

// Standard input, copied to a temporary file as it is read, so that it can be read again.
class TeeSource : public ByteSource {
 public:
  TeeSource(ByteSource& inner, std::FILE* copy) : inner_(inner), copy_(copy) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    absl::StatusOr<size_t> n = inner_.Read(buffer, size);
    if (n.ok() && *n > 0 && copy_ != nullptr && std::fwrite(buffer, 1, *n, copy_) != *n) {
      failed_ = true;
      copy_ = nullptr;
    }
    return n;
  }
  bool failed() const { return failed_; }

 private:
  ByteSource& inner_;
  std::FILE* copy_;
  bool failed_ = false;
};

// Where an input's bytes are, to read them again.
struct Place {
  size_t file = 0;      // index into ExpandedInputs::files
  bool member = false;  // an archive member
  std::string member_path;
  size_t position = kNoPosition;  // MemberInfo::position
};

// One input (or one problem of an archive) and its own report.
struct Input {
  Report report;  // inputs[0] is the input; errors only for an archive-level problem
  Place place;
  InputInfo info;
  int year_shift = 0;
  bool rereadable = false;
  bool copy = false;  // the same bytes as an earlier input: listed, not counted
  internal::RecordSketch sketch;  // of its errlog records (RecordSampler)
  std::vector<std::string> copy_folders;  // where its copies with the same bytes are

  const ReportInput* in() const {
    return report.inputs.size() == 1 ? &report.inputs[0] : nullptr;
  }
  bool Analysed() const {
    const ReportInput* i = in();
    return i != nullptr && i->format && i->skipped.empty() && i->error.empty();
  }
};

// The folder an input is in, with the archive for a member: "case.zip!/Temp".
std::string Folder(const ReportInput& in) {
  const std::string key = InputKey(in.path, in.member);
  const size_t slash = key.find_last_of("/\\");
  return slash == std::string::npos ? std::string() : key.substr(0, slash);
}

// Hands every record to a filter that only counts them (CopyFilter::collected).
class CollectingSink : public RecordSink {
 public:
  explicit CollectingSink(internal::CopyFilter* counter) : counter_(counter) {}
  void OnRecord(const Record& r) override { counter_->Drop(r); }

 private:
  internal::CopyFilter* counter_;
};

Report SkippedInput(const std::string& path, const std::string& member, std::string reason,
                    uint64_t bytes) {
  Report r;
  ReportInput in;
  in.path = path;
  in.member = member;
  in.skipped = std::move(reason);
  in.stats.bytes = bytes;
  r.inputs.push_back(std::move(in));
  return r;
}

class Bundle {
 public:
  Bundle(const Analyzer& analyzer, const BundleOptions& options)
      : analyzer_(analyzer), options_(options) {}
  ~Bundle() {
    if (spool_ != nullptr) std::fclose(spool_);
  }

  absl::StatusOr<Report> Run(const std::vector<std::string>& args);

 private:
  struct Unit {
    size_t file = 0;
    ArchiveShard shard;
  };

  absl::Status CheckOutput() const;
  void AnalyzeUnit(const Unit& unit, std::vector<Input>* out);
  void AnalyzeStdin(size_t file, std::vector<Input>* out);
  void AnalyzeArchive(size_t file, const ArchiveShard& shard, std::vector<Input>* out);
  // Whether the records of a plain file or of standard input are sampled for its sketch: not
  // when it is the bundle's only input, which no other input can share records with (its
  // sketch would never be compared). An archive's members are sampled always.
  bool Sampled() const { return expanded_.files.size() != 1; }
  // `sampler` when Sampled(), else none.
  internal::RecordFilter* Sampler(internal::RecordSampler* sampler) const {
    return Sampled() ? sampler : nullptr;
  }
  void Progress();
  // A second read of an input: its first bytes, as many as the first read saw, handed to
  // `read` (not called when the input cannot be read again).
  struct Reread {
    Input* in = nullptr;
    std::function<void(ByteSource&)> read;
  };
  // Does `reads`: files one by one, the members of an archive in one walk; files and
  // archives on as many threads as the first pass.
  void ReadAgain(std::vector<Reread>& reads);
  void ReadFileAgain(size_t file, std::vector<Reread*>& reads);
  void CountCopiesOnce(std::vector<Input*>& inputs);
  void CountSharedRecordsOnce(const std::vector<Input*>& inputs);
  bool NeedsTimeWindowRead(const Input& in) const;
  bool Cancelled() const {
    return options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed);
  }
  void Merge(const Report& part, Report* into) const {
    const AnalyzeOptions& o = analyzer_.options();
    into->Merge(part, o.limits);
  }

  const Analyzer& analyzer_;
  const BundleOptions& options_;
  ExpandedInputs expanded_;
  std::vector<InputError> list_errors_;  // input lists that could not be read
  std::FILE* spool_ = nullptr;  // standard input's copy
  std::string spool_problem_;
  size_t threads_ = 1;
  std::atomic<uint64_t> bytes_done_{0};
  std::atomic<size_t> files_done_{0};
  uint64_t bytes_total_ = 0;
  std::mutex progress_mu_;
};

absl::Status Bundle::CheckOutput() const {
  if (options_.output.empty() || options_.output == "-") return absl::OkStatus();
  const std::optional<internal::FileIdentity> out = internal::IdentityOf(options_.output);
  if (!out) return absl::OkStatus();  // a new file cannot be an input
  for (const std::string& f : expanded_.files) {
    if (f != "-" && internal::IdentityOf(f) == out) {
      return absl::InvalidArgumentError(fmt::format(
          "the output file {} is the input {}: writing the report would overwrite it. "
          "Choose another output file",
          options_.output, f));
    }
  }
  return absl::OkStatus();
}

void Bundle::Progress() {
  if (!options_.progress) return;
  BundleProgress p;
  p.files_done = files_done_.load();
  p.files_total = expanded_.files.size();
  p.bytes_done = bytes_done_.load();
  p.bytes_total = bytes_total_;
  std::lock_guard<std::mutex> lock(progress_mu_);
  options_.progress(p);
}

void Bundle::AnalyzeStdin(size_t file, std::vector<Input>* out) {
  Input in;
  in.place.file = file;
  in.info.name = "stdin";
  spool_ = internal::OpenScratchFile();
  if (spool_ == nullptr) {
    spool_problem_ = fmt::format("no temporary file could be made: {}", std::strerror(errno));
  }
  std::unique_ptr<ByteSource> source = OpenStdin();
  TeeSource tee(*source, spool_);
  CountingSource counted(tee, &bytes_done_, options_.cancel);
  internal::RecordSampler sampler;
  in.report = internal::AnalyzeFiltered(analyzer_, counted, in.info, "-", "", Sampler(&sampler),
                                        &in.year_shift);
  in.sketch = sampler.Take();
  if (tee.failed()) spool_problem_ = "its copy could not be written (is the disk full?)";
  in.rereadable = spool_problem_.empty();
  if (!in.rereadable && in.report.inputs.size() == 1 && in.report.inputs[0].format) {
    in.report.inputs[0].notes.push_back(fmt::format(
        "standard input cannot be read a second time ({}), so it was not compared with the "
        "other inputs: records it shares with copies of the same log may count twice",
        spool_problem_));
  }
  out->push_back(std::move(in));
}

void Bundle::AnalyzeArchive(size_t file, const ArchiveShard& shard, std::vector<Input>* out) {
  const std::string& path = expanded_.files[file];
  const std::optional<int64_t> archive_mtime = FileModificationTime(path);
  const absl::Status s = ForEachArchiveMember(
      path, options_.limits,
      [&](const MemberInfo& m, ByteSource& member) {
        Input in;
        in.place = Place{file, true, m.path, m.position};
        in.info.name = m.path;
        in.info.mtime = m.mtime;
        in.info.archive_mtime = archive_mtime;
        // Members are found, not named: the walk's rules apply to them as to a folder's files.
        const std::string not_a_log = NotALogReason(m.path);
        if (!m.skipped.empty()) {
          in.report = SkippedInput(path, m.path, m.skipped, 0);
        } else if (!not_a_log.empty()) {
          in.report = SkippedInput(path, m.path, not_a_log, m.size.value_or(0));
        } else {
          CountingSource counted(member, &bytes_done_, options_.cancel);
          internal::RecordSampler sampler;
          in.report = internal::AnalyzeFiltered(analyzer_, counted, in.info, path, m.path,
                                                &sampler, &in.year_shift);
          in.sketch = sampler.Take();
          in.rereadable = true;
        }
        std::vector<std::string>& notes = in.report.inputs[0].notes;
        notes.insert(notes.begin(), m.notes.begin(), m.notes.end());
        out->push_back(std::move(in));
        Progress();
      },
      [&](std::string_view member, const absl::Status& status) {
        Input in;
        in.place = Place{file, true, std::string(member), kNoPosition};
        in.report = Analyzer::Unreadable(path, member, status);
        out->push_back(std::move(in));
      },
      shard);
  if (!s.ok() && shard.index == 0) {
    Input in;
    in.place.file = file;
    in.report = Analyzer::Unreadable(path, "", s);
    out->push_back(std::move(in));
  }
}

void Bundle::AnalyzeUnit(const Unit& unit, std::vector<Input>* out) {
  const std::string& path = expanded_.files[unit.file];
  if (path == "-") return AnalyzeStdin(unit.file, out);
  const bool named = expanded_.named.count(path) > 0;
  if (!named) {
    if (std::string reason = NotALogReason(path); !reason.empty()) {
      Input in;
      in.place.file = unit.file;
      in.report = SkippedInput(path, "", std::move(reason), FileSize(path));
      out->push_back(std::move(in));
      return;
    }
  }
  if (IsArchive(path, ReadHead(path, 512))) return AnalyzeArchive(unit.file, unit.shard, out);
  Input in;
  in.place.file = unit.file;
  in.info.name = path;
  absl::StatusOr<std::unique_ptr<ByteSource>> source = OpenFile(path);
  if (!source.ok()) {
    in.report = Analyzer::Unreadable(path, "", source.status());
  } else {
    in.info.mtime = FileModificationTime(path);
    // A file that is at least its share of the work is read in ranges, one per thread.
    if (const uint64_t size = FileSize(path); threads_ > 1 && size * threads_ >= bytes_total_) {
      // What the ranges read, and (not progress) what the hash and the cuts read.
      std::atomic<uint64_t> ranges_read{0}, other_reads{0};
      auto open = [&](uint64_t offset, uint64_t length,
                      bool counted) -> absl::StatusOr<std::unique_ptr<ByteSource>> {
        std::FILE* f = internal::OpenForReading(path);
        if (f == nullptr) return absl::NotFoundError(path);
        if (!internal::SeekTo(f, offset)) {
          std::fclose(f);
          return absl::DataLossError(path);
        }
        return std::make_unique<RangeSource>(f, path, length,
                                             counted ? &ranges_read : &other_reads,
                                             counted ? &bytes_done_ : &other_reads,
                                             options_.cancel);
      };
      if (std::optional<internal::RangeAnalysis> r = internal::AnalyzeInRanges(
              analyzer_, open, size, in.info, path, "", threads_, internal::kMinRangeBytes,
              Sampled())) {
        in.report = std::move(r->report);
        in.year_shift = r->year_shift;
        in.sketch = std::move(r->sketch);
        in.rereadable = true;
        out->push_back(std::move(in));
        return;
      }
      bytes_done_.fetch_sub(ranges_read.load());  // read again, whole
    }
    CountingSource counted(**source, &bytes_done_, options_.cancel);
    internal::RecordSampler sampler;
    in.report = internal::AnalyzeFiltered(analyzer_, counted, in.info, path, "",
                                          Sampler(&sampler), &in.year_shift);
    in.sketch = sampler.Take();
    in.rereadable = true;
  }
  out->push_back(std::move(in));
}

void Bundle::ReadFileAgain(size_t file, std::vector<Reread*>& reads) {
  const std::string& path = expanded_.files[file];
  auto limited = [](Reread& r, ByteSource& source) {
    LimitedSource first_bytes(source, r.in->in()->stats.bytes);
    r.read(first_bytes);
  };
  if (path == "-") {
    if (spool_ == nullptr || !spool_problem_.empty()) return;
    for (Reread* r : reads) {
      if (std::fseek(spool_, 0, SEEK_SET) != 0) return;
      std::unique_ptr<ByteSource> source = internal::SourceOfOpenFile(spool_, "standard input");
      limited(*r, *source);
    }
    return;
  }
  if (!reads.front()->in->place.member) {
    for (Reread* r : reads) {
      absl::StatusOr<std::unique_ptr<ByteSource>> source = OpenFile(path);
      if (source.ok()) limited(*r, **source);
    }
    return;
  }
  std::map<std::pair<size_t, std::string>, Reread*> wanted;
  for (Reread* r : reads) wanted.emplace(std::make_pair(r->in->place.position, r->in->place.member_path), r);
  // A member this walk does not reach again (the archive changed or broke since the first
  // pass) gets no second reading, which the caller notes on its input.
  absl::Status walked = ForEachArchiveMember(
      path, options_.limits,
      [&](const MemberInfo& m, ByteSource& member) {
        auto it = wanted.find({m.position, m.path});
        if (it == wanted.end()) return;
        limited(*it->second, member);
        wanted.erase(it);
      },
      [](std::string_view, const absl::Status&) {});
  walked.IgnoreError();
}

void Bundle::ReadAgain(std::vector<Reread>& reads) {
  std::map<size_t, std::vector<Reread*>> by_file;
  for (Reread& r : reads) by_file[r.in->place.file].push_back(&r);
  std::vector<std::pair<const size_t, std::vector<Reread*>>*> files;
  for (auto& f : by_file) files.push_back(&f);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t k; !Cancelled() && (k = next.fetch_add(1)) < files.size();) {
      ReadFileAgain(files[k]->first, files[k]->second);
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < std::min(threads_, files.size()); ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

// Inputs with the same bytes count once: the first in path order.
void Bundle::CountCopiesOnce(std::vector<Input*>& inputs) {
  std::map<std::pair<uint64_t, std::string>, Input*> first;
  for (Input* in : inputs) {
    if (!in->Analysed() || in->in()->stats.bytes == 0) continue;
    const ReportInput& r = *in->in();
    auto [it, fresh] = first.try_emplace({r.stats.bytes, r.content_hash}, in);
    if (fresh) continue;
    const std::string original = InputKey(it->second->in()->path, it->second->in()->member);
    it->second->copy_folders.push_back(Folder(r));
    ReportInput listed = r;
    listed.stats.duplicate_records = listed.stats.records;
    listed.duplicates = {{original, listed.stats.records}};
    listed.notes.push_back(fmt::format(
        "the same bytes as {} ({} bytes, content hash {}): a copy, counted there only",
        original, r.stats.bytes, r.content_hash));
    Report only_listed;
    only_listed.inputs.push_back(std::move(listed));
    in->report = std::move(only_listed);
    in->copy = true;
  }
}

// A log read with the year shift its first read found, so that the time window applies to
// the final dates (the first read's records carried provisional years).
bool Bundle::NeedsTimeWindowRead(const Input& in) const {
  const AnalyzeOptions& o = analyzer_.options();
  return in.year_shift != 0 && (o.since.is_set() || o.until.is_set());
}

void Bundle::CountSharedRecordsOnce(const std::vector<Input*>& inputs) {
  std::vector<Input*> logs;
  std::vector<internal::LogInput> plan_inputs;
  for (Input* in : inputs) {
    if (in->copy || !in->Analysed() || *in->in()->format != Format::kErrlog) continue;
    if (!in->in()->first_time.is_set() || !in->rereadable) continue;
    const std::string name = in->info.name.empty() ? in->in()->path : in->info.name;
    logs.push_back(in);
    std::vector<std::string> folders = {Folder(*in->in())};
    folders.insert(folders.end(), in->copy_folders.begin(), in->copy_folders.end());
    plan_inputs.push_back({internal::LogFamily(name), std::move(folders),
                           internal::IsCrashCopy(name), in->in()->first_time,
                           in->in()->last_time, std::move(in->sketch)});
  }
  const internal::SharedRecordsPlan plan = internal::PlanSharedRecords(plan_inputs);
  const size_t n = logs.size();
  std::vector<std::string> keys(n);  // by rank
  for (size_t i = 0; i < n; ++i) keys[plan.rank[i]] = InputKey(logs[i]->in()->path, logs[i]->in()->member);
  auto info_of = [&](size_t i) {
    InputInfo info = logs[i]->info;
    info.year_shift = logs[i]->year_shift;  // records come with their final dates
    return info;
  };
  auto same_bytes = [&](size_t i, uint64_t hash, const absl::Status& status) {
    return status.ok() && internal::ContentHash::Hex(hash) == logs[i]->in()->content_hash;
  };

  // 1. Collect the records that later inputs may share.
  std::vector<std::optional<internal::FingerprintMap>> collected(n);
  std::vector<Reread> reads;
  for (size_t i = 0; i < n; ++i) {
    if (!plan.collect[i]) continue;
    reads.push_back({logs[i], [&, i](ByteSource& source) {
                       internal::TimeWindows window;
                       window.Add(plan.collect[i]->first, plan.collect[i]->second);
                       internal::CopyFilter counter({}, &keys, plan.rank[i], std::move(window));
                       CollectingSink sink(&counter);
                       const InputSummary s =
                           ReadLog(source, info_of(i), analyzer_.options().read, sink);
                       if (same_bytes(i, s.content_hash, s.status)) {
                         collected[i] = std::move(counter.collected());
                       }
                     }});
  }
  ReadAgain(reads);
  std::vector<bool> collected_ok(n);
  for (size_t i = 0; i < n; ++i) collected_ok[i] = collected[i].has_value();
  std::vector<std::vector<size_t>> not_compared;
  std::vector<internal::FingerprintMap> exclusions =
      internal::PlanExclusions(plan_inputs, plan, collected, &not_compared);

  // 2. Read the targets again, dropping what earlier inputs hold.
  std::vector<std::optional<Report>> again(n);
  reads.clear();
  for (size_t i = 0; i < n; ++i) {
    const bool compare = plan.target[i] && collected_ok[i];
    if (!compare && !NeedsTimeWindowRead(*logs[i])) continue;
    reads.push_back({logs[i], [&, i](ByteSource& source) {
                       internal::CopyFilter filter(std::move(exclusions[i]), &keys, plan.rank[i],
                                                   {});
                       Report r = internal::AnalyzeFiltered(analyzer_, source, info_of(i),
                                                            logs[i]->in()->path,
                                                            logs[i]->in()->member, &filter);
                       if (r.inputs.size() == 1 && r.errors.empty() &&
                           r.inputs[0].content_hash == logs[i]->in()->content_hash) {
                         again[i] = std::move(r);
                       }
                     }});
  }
  ReadAgain(reads);

  for (size_t i = 0; i < n; ++i) {
    Input& in = *logs[i];
    std::vector<std::string> notes = in.in()->notes;
    if (again[i]) {
      in.report = *std::move(again[i]);
    } else if (plan.target[i] || (plan.collect[i] && !collected_ok[i])) {
      // The bytes are not there any more, or not the same (a log still being written).
      notes.push_back(
          "it could not be read a second time with the same bytes (a log still being written?), "
          "so it was not compared with its other copies: records it shares with them may "
          "count twice");
    }
    if (!not_compared[i].empty()) {
      std::string names;
      for (size_t f : not_compared[i]) names += (names.empty() ? "" : ", ") + keys[plan.rank[f]];
      notes.push_back(fmt::format(
          "not compared with {}, which could not be read a second time: records they share "
          "may count twice",
          names));
    }
    in.report.inputs[0].notes = std::move(notes);
  }
}

absl::StatusOr<Report> Bundle::Run(const std::vector<std::string>& named) {
  std::vector<std::string> args = named;
  for (const std::string& list : options_.input_lists) {
    absl::StatusOr<std::unique_ptr<ByteSource>> source =
        list == "-" ? absl::StatusOr<std::unique_ptr<ByteSource>>(OpenStdin()) : OpenFile(list);
    absl::StatusOr<std::vector<std::string>> paths =
        source.ok() ? ReadInputList(**source) : source.status();
    if (!paths.ok()) {
      list_errors_.push_back(
          {list, absl::Status(paths.status().code(),
                              fmt::format("cannot read this list of inputs: {}",
                                          StatusMessage(paths.status())))});
      continue;
    }
    args.insert(args.end(), paths->begin(), paths->end());
  }
  expanded_ = ExpandInputs(args);
  if (absl::Status s = CheckOutput(); !s.ok()) return s;
  const std::vector<std::string>& files = expanded_.files;
  for (const std::string& f : files) {
    if (f != "-") bytes_total_ += FileSize(f);
  }

  // No more threads than cores: more only add memory and contention (an archive's members
  // are shared out per thread, and each share walks the whole archive).
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  size_t threads = options_.jobs > 0 ? static_cast<size_t>(options_.jobs) : cores;
  threads_ = threads = std::max<size_t>(1, std::min(threads, cores));
  std::vector<Unit> units;
  for (size_t i = 0; i < files.size(); ++i) {
    size_t shards = 1;
    if (threads > 1 && files[i] != "-" &&
        (expanded_.named.count(files[i]) || NotALogReason(files[i]).empty())) {
      const std::string head = ReadHead(files[i], 512);
      if (IsArchive(files[i], head) && Shardable(head)) shards = threads;
    }
    for (size_t k = 0; k < shards; ++k) units.push_back({i, ArchiveShard{k, shards}});
  }
  threads = std::min(threads, std::max<size_t>(1, units.size()));

  std::vector<std::vector<Input>> results(units.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t u; !Cancelled() && (u = next.fetch_add(1)) < units.size();) {
      AnalyzeUnit(units[u], &results[u]);
      if (units[u].shard.index + 1 == units[u].shard.count) files_done_.fetch_add(1);
      Progress();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  if (Cancelled()) return absl::CancelledError(kCancelled);

  // Every input in path order; an archive's members in the archive's order, whatever shard
  // read them.
  std::vector<Input*> inputs;
  std::vector<bool> file_has_inputs(files.size(), false);
  for (size_t u = 0; u < units.size();) {
    const size_t file = units[u].file;
    const size_t begin = inputs.size();
    for (; u < units.size() && units[u].file == file; ++u) {
      for (Input& in : results[u]) inputs.push_back(&in);
    }
    std::stable_sort(inputs.begin() + static_cast<ptrdiff_t>(begin), inputs.end(),
                     [](const Input* a, const Input* b) {
                       return std::tie(a->place.position, a->place.member_path) <
                              std::tie(b->place.position, b->place.member_path);
                     });
    file_has_inputs[file] = inputs.size() > begin;
  }
  CountCopiesOnce(inputs);
  CountSharedRecordsOnce(inputs);
  if (Cancelled()) return absl::CancelledError(kCancelled);

  Report report;
  report.limits = analyzer_.options().limits;
  for (const std::vector<InputError>* errors : {&list_errors_, &expanded_.errors}) {
    for (const InputError& e : *errors) Merge(Analyzer::Unreadable(e.what, "", e.status), &report);
  }
  for (const auto& [path, reason] : expanded_.skipped) {
    Merge(SkippedInput(path, "", reason, 0), &report);
  }
  for (size_t f = 0; f < files.size(); ++f) {
    if (!file_has_inputs[f]) {
      Merge(Analyzer::Unreadable(files[f], "", absl::NotFoundError("the archive holds no files")), &report);
    }
  }
  for (Input* in : inputs) {
    if (!in->place.member && in->report.inputs.size() == 1) {
      auto it = expanded_.notes.find(files[in->place.file]);
      if (it != expanded_.notes.end()) {
        std::vector<std::string>& notes = in->report.inputs[0].notes;
        notes.insert(notes.begin(), it->second.begin(), it->second.end());
      }
    }
    Merge(in->report, &report);
  }
  return report;
}

}  // namespace

std::string NotALogReason(std::string_view name) {
  static constexpr std::string_view kExtensions[] = {
      ".md",  ".py",   ".sh", ".ps1", ".psm1", ".psd1", ".cmd", ".bat", ".json", ".html",
      ".htm", ".css",  ".js", ".c",   ".cc",   ".cpp",  ".h",   ".cs",  ".vbs"};
  const size_t slash = name.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  const size_t dot = base.find_last_of('.');
  if (dot == std::string_view::npos) return std::string();
  std::string ext(base.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view e : kExtensions) {
    if (ext == e) {
      return fmt::format("not a log ({} file found in a folder or an archive; name it to read it)",
                         ext);
    }
  }
  return std::string();
}

absl::StatusOr<Report> AnalyzeBundle(const Analyzer& analyzer,
                                     const std::vector<std::string>& args,
                                     const BundleOptions& options) {
  Bundle bundle(analyzer, options);
  return bundle.Run(args);
}

}  // namespace loganalyze
