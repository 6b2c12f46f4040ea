#include "bundle/copies.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "util/content_hash.h"
#include "util/names.h"

namespace loganalyze::internal {

bool IsCrashCopy(std::string_view name) {
  const std::string base = AsciiLower(BaseName(name));
  return base.ends_with(".crash") && base.find(".errlog.") != std::string::npos;
}

std::string LogFamily(std::string_view name) {
  std::string base = AsciiLower(BaseName(name));
  // "x.errlog.<stamp>.crash" and any other "x.errlog.<suffix>" copy: back to "x.errlog".
  if (const size_t at = base.find(".errlog."); at != std::string::npos) {
    base.resize(at + 7);
  }
  if (!base.ends_with(".errlog")) return std::string();
  base.resize(base.size() - 7);
  if (base.ends_with("curr")) base.resize(base.size() - 4);
  while (!base.empty() && std::isdigit(static_cast<unsigned char>(base.back()))) base.pop_back();
  return base;
}

uint64_t RecordFingerprint(const Record& r) {
  ContentHash h;
  const int64_t when =
      (static_cast<int64_t>(r.time.month()) << 32) | (static_cast<int64_t>(r.time.day()) << 27) |
      r.time.millis_of_day();
  h.Update(std::string_view(reinterpret_cast<const char*>(&when), sizeof when));
  // Fields end with a byte no field holds, so that no two splits of one text collide.
  for (std::string_view field : {r.pid, r.tid, r.source}) {
    h.Update(field);
    h.Update(std::string_view("\0", 1));
  }
  // The message with runs of blanks folded to one space and the ends trimmed. The hash
  // depends only on the bytes fed, not on how they are cut, so the words are fed as they
  // stand in the message, each blank run as one space: no copy, and a message with single
  // spaces (most) is fed in a few pieces.
  const std::string_view m = r.message;
  auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  size_t i = 0;
  while (i < m.size() && is_blank(m[i])) ++i;
  size_t word = i;  // start of the text not fed yet
  while (i < m.size()) {
    if (!is_blank(m[i])) {
      ++i;
      continue;
    }
    // A run of blanks: a single ' ' is fed with its word; any other run becomes one ' '.
    size_t end = i + 1;
    while (end < m.size() && is_blank(m[end])) ++end;
    if (end == m.size()) break;  // trailing blanks: trimmed
    if (m[i] == ' ' && end == i + 1) {
      i = end;
      continue;
    }
    h.Update(m.substr(word, i - word));
    h.Update(" ");
    word = i = end;
  }
  h.Update(m.substr(word, i - word));
  return h.Finish();
}

bool CopyFilter::Drop(const Record& r) {
  if (r.format != Format::kErrlog || !r.time.is_set()) return false;
  const uint64_t fp = RecordFingerprint(r);
  bool drop = false;
  uint32_t origin = self_;
  if (auto it = known_.find(fp); it != known_.end()) {
    if (++seen_[fp] <= it->second.count) {
      drop = true;
      origin = it->second.origin;
      ++dropped_[(*keys_)[origin]];
    }
  }
  if (!windows_.empty() && windows_.Contains(r.time)) {
    FingerprintCount& c = collected_[fp];
    if (c.count++ == 0) c.origin = origin;
  }
  return drop;
}

namespace {

// A fingerprint of a record cheap enough for every record: its time, the lengths of its
// process, thread and message, and the message's first and last eight bytes. Two copies of
// a record have the same; two records rarely do, and then they are only compared.
uint64_t LightFingerprint(const Record& r) {
  uint64_t h = static_cast<uint64_t>(r.time.packed() & ((int64_t{1} << 36) - 1));
  h = h * 0x9E3779B97F4A7C15u + (r.message.size() << 16 | r.pid.size() << 8 | r.tid.size());
  uint64_t head = 0, tail = 0;
  const size_t n = r.message.size();
  if (n >= 8) {  // nearly always: two loads, not a copy loop of a variable length
    std::memcpy(&head, r.message.data(), 8);
    std::memcpy(&tail, r.message.data() + n - 8, 8);
  } else if (n > 0) {
    std::memcpy(&head, r.message.data(), n);
    std::memcpy(&tail, r.message.data(), n);
  }
  h = (h ^ head) * 0xD6E8FEB86659FD93u;
  h = (h ^ tail) * 0x9E3779B97F4A7C15u;
  return h ^ (h >> 29);
}

}  // namespace

bool RecordSampler::Drop(const Record& r) {
  if (r.format != Format::kErrlog || !r.time.is_set()) return false;
  const uint64_t light = LightFingerprint(r);
  if (head_.size() < kEnds) head_.push_back(light);
  tail_[records_ % kEnds] = light;
  ++records_;
  // One record in 32, chosen by what every copy of it has, without hashing its text.
  const uint32_t pick = static_cast<uint32_t>(r.time.millis_of_day()) * 0x9E3779B1u +
                        static_cast<uint32_t>(r.message.size()) * 0x85EBCA77u;
  if ((pick >> 27) != 0) return false;
  const uint64_t fp = RecordFingerprint(r);
  if (level_ > 0 && (fp >> (64 - level_)) != 0) return false;
  sample_.push_back(fp);
  if (sample_.size() > 2 * kMaxSamples) Prune();
  return false;
}

void RecordSampler::Prune() {
  std::sort(sample_.begin(), sample_.end());
  sample_.erase(std::unique(sample_.begin(), sample_.end()), sample_.end());
  while (sample_.size() > kMaxSamples && level_ < 32) {
    ++level_;
    std::erase_if(sample_, [&](uint64_t f) { return (f >> (64 - level_)) != 0; });
  }
}

void RecordSampler::Join(const RecordSampler& next) {
  for (uint64_t f : next.head_) {
    if (head_.size() >= kEnds) break;
    head_.push_back(f);
  }
  // The ring holds record i at i % kEnds: the next records' last ones go where a single
  // sampler would have put them.
  const uint64_t kept = std::min<uint64_t>(next.records_, kEnds);
  for (uint64_t j = next.records_ - kept; j < next.records_; ++j) {
    tail_[(records_ + j) % kEnds] = next.tail_[j % kEnds];
  }
  records_ += next.records_;
  // Each part's level is at most the whole's (a part raises it only when it alone holds too
  // many), so the fingerprints of both at the higher level, pruned, are the whole's.
  level_ = std::max(level_, next.level_);
  sample_.insert(sample_.end(), next.sample_.begin(), next.sample_.end());
  if (level_ > 0) {
    std::erase_if(sample_, [&](uint64_t f) { return (f >> (64 - level_)) != 0; });
  }
  Prune();
}

RecordSketch RecordSampler::Take() {
  RecordSketch out;
  Prune();
  out.sample = std::move(sample_);
  out.ends = head_;
  out.ends.insert(out.ends.end(), tail_, tail_ + std::min<uint64_t>(records_, kEnds));
  std::sort(out.ends.begin(), out.ends.end());
  out.ends.erase(std::unique(out.ends.begin(), out.ends.end()), out.ends.end());
  out.records = records_;
  return out;
}

void FoldMax(const FingerprintMap& from, FingerprintMap* into) {
  for (const auto& [fp, c] : from) {
    auto [it, fresh] = into->try_emplace(fp, c);
    if (!fresh) it->second.count = std::max(it->second.count, c.count);
  }
}

}  // namespace loganalyze::internal
