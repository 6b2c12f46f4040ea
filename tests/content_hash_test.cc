#include "util/content_hash.h"

#include <cstdint>
#include <set>
#include <string>

#include "gtest/gtest.h"

namespace loganalyze::internal {
namespace {

std::string Bytes(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  uint32_t x = seed;
  for (char& c : s) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

// The value is part of the report format (merge compares it across versions and machines):
// these were computed once and must never change.
TEST(ContentHashTest, ValuesAreStable) {
  EXPECT_EQ(ContentHash::Hex(HashBytes("")), "0c8b58ac9859a517");
  EXPECT_EQ(ContentHash::Hex(HashBytes("a")), "16ec7c4e25466b5c");
  EXPECT_EQ(ContentHash::Hex(HashBytes(Bytes(1000, 7))), "139b3dc0d90efd2d");
}

TEST(ContentHashTest, IndependentOfChunking) {
  const std::string data = Bytes(10000, 1);
  const uint64_t whole = HashBytes(data);
  for (size_t chunk : {1, 3, 7, 31, 32, 33, 64, 4096}) {
    ContentHash h;
    for (size_t i = 0; i < data.size(); i += chunk) h.Update(std::string_view(data).substr(i, chunk));
    EXPECT_EQ(h.Finish(), whole) << "chunk " << chunk;
  }
}

// An empty source gives empty views, whose data() may be null: nothing changes, and nothing is
// copied from the null pointer (the sanitizer build checks the latter).
TEST(ContentHashTest, EmptyViewsChangeNothing) {
  ContentHash h;
  h.Update(std::string_view());
  EXPECT_EQ(h.Finish(), HashBytes(""));
  h.Update("ab");
  h.Update(std::string_view());
  h.Update("c");
  EXPECT_EQ(h.Finish(), HashBytes("abc"));
}

// Every length and every single-byte change gives a different value (no accidental
// collisions on the shapes duplicate detection sees: a prefix, a one-byte edit).
TEST(ContentHashTest, PrefixesAndOneByteChangesDiffer) {
  const std::string data = Bytes(300, 2);
  std::set<uint64_t> seen;
  for (size_t n = 0; n <= data.size(); ++n) {
    EXPECT_TRUE(seen.insert(HashBytes(std::string_view(data).substr(0, n))).second) << n;
  }
  for (size_t i = 0; i < data.size(); ++i) {
    std::string changed = data;
    changed[i] = static_cast<char>(changed[i] ^ 1);
    EXPECT_TRUE(seen.insert(HashBytes(changed)).second) << i;
  }
  // Trailing zero bytes are not lost in the tail.
  EXPECT_NE(HashBytes(std::string("ab")), HashBytes(std::string("ab\0", 3)));
}

}  // namespace
}  // namespace loganalyze::internal
