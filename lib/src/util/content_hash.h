// ContentHash: a fast, stable 64-bit hash of a byte stream.
//
// It names an input's content in reports (`merge` counts an input once, a bundle holding two
// copies of one file counts it once) and fingerprints records when copies of a log are
// compared. The value depends only on the bytes: not on how they were chunked, not on the
// platform, not on the version of the tool (reports written by one version are merged by
// another). Not cryptographic: it guards against accidents, not against an adversary.
//
// Construction: four 64-bit lanes absorb 32-byte stripes (xor a word, multiply by an odd
// constant, fold the high half down), so the four dependency chains run in parallel; the
// tail and the length are folded in at the end and the result goes through a 64-bit
// avalanche finaliser.
#ifndef LOGANALYZE_UTIL_CONTENT_HASH_H_
#define LOGANALYZE_UTIL_CONTENT_HASH_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace loganalyze::internal {

class ContentHash {
 public:
  ContentHash() { Reset(); }

  void Reset() {
    lanes_[0] = 0x243F6A8885A308D3u;  // digits of pi: nothing up the sleeve
    lanes_[1] = 0x13198A2E03707344u;
    lanes_[2] = 0xA4093822299F31D0u;
    lanes_[3] = 0x082EFA98EC4E6C89u;
    total_ = 0;
    pending_ = 0;
  }

  void Update(std::string_view bytes) {
    if (bytes.empty()) return;  // an empty view may hold a null pointer, which memcpy forbids
    const char* p = bytes.data();
    size_t n = bytes.size();
    total_ += n;
    if (pending_ > 0) {
      const size_t take = n < kStripe - pending_ ? n : kStripe - pending_;
      std::memcpy(buffer_ + pending_, p, take);
      pending_ += take;
      p += take;
      n -= take;
      if (pending_ < kStripe) return;
      Stripe(buffer_);
      pending_ = 0;
    }
    for (; n >= kStripe; p += kStripe, n -= kStripe) Stripe(p);
    std::memcpy(buffer_, p, n);
    pending_ = n;
  }

  // The hash of everything passed to Update so far. Does not change the state.
  uint64_t Finish() const {
    uint64_t h = total_ * kMul1;
    for (uint64_t lane : lanes_) h = Fold(h ^ Avalanche(lane)) * kMul2 + kMul1;
    size_t i = 0;
    for (; i + 8 <= pending_; i += 8) h = Fold((h ^ Word(buffer_ + i)) * kMul1);
    if (i < pending_) {
      uint64_t last = 0;
      for (size_t k = pending_; k > i; --k) {
        last = last << 8 | static_cast<uint8_t>(buffer_[k - 1]);
      }
      h = Fold((h ^ last ^ (uint64_t{pending_ - i} << 56)) * kMul2);
    }
    return Avalanche(h);
  }

  // Lower-case hex of 16 digits, the form reports carry.
  static std::string Hex(uint64_t h) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kDigits[h & 15];
    return out;
  }

 private:
  static constexpr size_t kStripe = 32;
  static constexpr uint64_t kMul1 = 0x9E3779B97F4A7C15u;  // 2^64 / golden ratio, odd
  static constexpr uint64_t kMul2 = 0xD6E8FEB86659FD93u;

  // Little-endian load whatever the host, so that the value is the same everywhere.
  static uint64_t Word(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
  }
  static uint64_t Fold(uint64_t x) { return x ^ (x >> 32); }
  static uint64_t Avalanche(uint64_t x) {
    x ^= x >> 31;
    x *= 0x7FB5D329728EA185u;
    x ^= x >> 27;
    x *= 0x81DADEF4BC2DD44Du;
    x ^= x >> 33;
    return x;
  }
  void Stripe(const char* p) {
    for (int k = 0; k < 4; ++k) lanes_[k] = Fold((lanes_[k] ^ Word(p + 8 * k)) * kMul1);
  }

  uint64_t lanes_[4];
  uint64_t total_;
  char buffer_[kStripe];
  size_t pending_;
};

inline uint64_t HashBytes(std::string_view bytes) {
  ContentHash h;
  h.Update(bytes);
  return h.Finish();
}

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_UTIL_CONTENT_HASH_H_
