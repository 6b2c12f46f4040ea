#include "bundle/shared_records.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace loganalyze::internal {
namespace {

bool Overlap(const LogInput& a, const LogInput& b) {
  return a.first <= b.last && b.first <= a.last;
}

void Extend(std::optional<std::pair<LogTime, LogTime>>* hull, LogTime first, LogTime last) {
  if (!*hull) {
    *hull = std::make_pair(first, last);
  } else {
    (*hull)->first = std::min((*hull)->first, first);
    (*hull)->second = std::max((*hull)->second, last);
  }
}

}  // namespace

SharedRecordsPlan PlanSharedRecords(const std::vector<LogInput>& inputs) {
  const size_t n = inputs.size();
  SharedRecordsPlan plan;
  plan.order.resize(n);
  for (size_t i = 0; i < n; ++i) plan.order[i] = i;
  std::stable_sort(plan.order.begin(), plan.order.end(), [&](size_t a, size_t b) {
    const bool ea = inputs[a].family.empty(), eb = inputs[b].family.empty();
    return std::tie(ea, inputs[a].crash) < std::tie(eb, inputs[b].crash);
  });
  plan.rank.resize(n);
  for (size_t k = 0; k < n; ++k) plan.rank[plan.order[k]] = static_cast<uint32_t>(k);
  plan.target.assign(n, false);
  std::vector<std::optional<std::pair<LogTime, LogTime>>> hull(n);
  // `i` comes before `j`.
  auto compare = [&](size_t i, size_t j) {
    if (!Overlap(inputs[i], inputs[j])) return;
    plan.target[j] = true;
    Extend(&hull[i], inputs[j].first, inputs[j].last);
  };
  std::vector<size_t> logs, excerpts;
  for (size_t i : plan.order) (inputs[i].family.empty() ? excerpts : logs).push_back(i);
  // Records in common: the pairs of one family whose sketches share fingerprints, found by
  // sorting the sketches of all logs together (no pair of inputs is looked at otherwise).
  // Samples must share two records, so that a single coincidence (logs generated from one
  // vocabulary, a line logged by two servers at the same millisecond) is not enough; the
  // ends, one, since rotated logs may repeat a single record at their seam.
  for (auto [part, needed] : {std::pair{&RecordSketch::sample, 2}, {&RecordSketch::ends, 1}}) {
    std::vector<std::pair<uint64_t, uint32_t>> all;  // (fingerprint, rank)
    for (size_t i : logs) {
      for (uint64_t fp : inputs[i].sketch.*part) all.emplace_back(fp, plan.rank[i]);
    }
    std::sort(all.begin(), all.end());
    std::map<std::pair<size_t, size_t>, int> shared;  // (earlier, later) -> fingerprints
    for (size_t a = 0; a < all.size();) {
      size_t b = a + 1;
      while (b < all.size() && all[b].first == all[a].first) ++b;
      for (size_t x = a; x < b; ++x) {
        for (size_t y = x + 1; y < b; ++y) {
          const size_t i = plan.order[all[x].second], j = plan.order[all[y].second];
          if (i == j || inputs[i].family != inputs[j].family) continue;
          if (++shared[{i, j}] == needed) compare(i, j);  // ranks ascend: i comes first
        }
      }
      a = b;
    }
  }
  // Small inputs say too little in their sketches: compared with their whole folder.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> groups;  // in order
  for (size_t i : logs) {
    for (const std::string& folder : inputs[i].folders) {
      groups[{inputs[i].family, folder}].push_back(i);
    }
  }
  for (const auto& [group, members] : groups) {
    for (size_t a = 0; a < members.size(); ++a) {
      for (size_t b = a + 1; b < members.size(); ++b) {
        const size_t i = members[a], j = members[b];
        if (std::min(inputs[i].sketch.records, inputs[j].sketch.records) < kSmallInput) {
          compare(i, j);
        }
      }
    }
  }
  for (size_t e = 0; e < excerpts.size(); ++e) {
    for (size_t l : logs) compare(l, excerpts[e]);
    for (size_t f = 0; f < e; ++f) compare(excerpts[f], excerpts[e]);
  }
  plan.collect = std::move(hull);
  for (size_t i = 0; i < n; ++i) {
    if (plan.target[i]) Extend(&plan.collect[i], inputs[i].first, inputs[i].last);
  }
  return plan;
}

std::vector<FingerprintMap> PlanExclusions(const std::vector<LogInput>& inputs,
                                           const SharedRecordsPlan& plan,
                                           std::vector<std::optional<FingerprintMap>>& collected,
                                           std::vector<std::vector<size_t>>* not_compared) {
  const size_t n = inputs.size();
  std::vector<FingerprintMap> exclusions(n);
  not_compared->assign(n, {});
  // What the inputs so far hold: per family, and all of them (excerpts compare with all).
  std::map<std::string, FingerprintMap> family_max;
  FingerprintMap all_max;
  std::map<std::string, std::vector<size_t>> family_failed;
  std::vector<size_t> all_failed;
  for (size_t i : plan.order) {
    const LogInput& in = inputs[i];
    const bool excerpt = in.family.empty();
    if (plan.target[i]) {
      if (collected[i]) {
        const FingerprintMap& before = excerpt ? all_max : family_max[in.family];
        for (const auto& [fp, count] : *collected[i]) {
          if (auto it = before.find(fp); it != before.end()) exclusions[i].emplace(fp, it->second);
        }
      }
      for (size_t f : excerpt ? all_failed : family_failed[in.family]) {
        if (Overlap(inputs[f], in)) (*not_compared)[i].push_back(f);
      }
    }
    if (!plan.collect[i]) continue;
    if (!collected[i]) {
      all_failed.push_back(i);
      if (!excerpt) family_failed[in.family].push_back(i);
      continue;
    }
    if (!excerpt) FoldMax(*collected[i], &family_max[in.family]);
    FoldMax(*collected[i], &all_max);
    collected[i].reset();  // folded: not needed any more
  }
  return exclusions;
}

}  // namespace loganalyze::internal
