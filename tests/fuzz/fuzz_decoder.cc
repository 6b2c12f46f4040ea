// Decoder: any bytes in any of the four encodings become valid UTF-8, every replacement is
// counted, and the fast paths agree with a plain reference decoder written here. The same
// bytes as the head of an input go through encoding detection and the binary check, and as
// a --files-from list through ReadInputList.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decoder.h"
#include "decode/encoding_detector.h"
#include "fuzz/fuzz_check.h"
#include "loganalyze/inputs.h"
#include "simdjson.h"

namespace {

using loganalyze::Encoding;
using loganalyze::internal::Decoder;

void PutUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// One code unit at a time, no fast path: the behaviour decoder.h promises.
std::string ReferenceUtf16(std::string_view raw, bool little_endian, uint64_t* replaced) {
  std::string out;
  auto unit = [&](size_t i) {
    const auto a = static_cast<uint8_t>(raw[i]), b = static_cast<uint8_t>(raw[i + 1]);
    return little_endian ? static_cast<uint32_t>(b) << 8 | a : static_cast<uint32_t>(a) << 8 | b;
  };
  size_t i = 0;
  while (i + 1 < raw.size()) {
    const uint32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < raw.size() && unit(i) >= 0xDC00 &&
        unit(i) <= 0xDFFF) {
      PutUtf8(0x10000 + ((u - 0xD800) << 10) + (unit(i) - 0xDC00), &out);
      i += 2;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      PutUtf8(0xFFFD, &out);
      ++*replaced;
    } else {
      PutUtf8(u, &out);
    }
  }
  if (i < raw.size()) {
    PutUtf8(0xFFFD, &out);
    ++*replaced;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest = loganalyze::fuzz::Bytes(data, size);
  const auto encoding = static_cast<Encoding>(loganalyze::fuzz::TakeByte(&rest) % 4);
  const std::string_view raw = rest;

  Decoder decoder(encoding);
  const std::string out(decoder.Decode(raw));
  const uint64_t replaced = decoder.replaced();
  // Always valid UTF-8, judged by an independent validator.
  FUZZ_CHECK(simdjson::validate_utf8(out.data(), out.size()));
  FUZZ_CHECK(loganalyze::internal::IsValidUtf8(out));

  switch (encoding) {
    case Encoding::kUtf8:
      // Valid input passes through untouched; otherwise something was replaced.
      if (simdjson::validate_utf8(raw.data(), raw.size())) {
        FUZZ_CHECK(out == raw);
        FUZZ_CHECK(replaced == 0);
      } else {
        FUZZ_CHECK(replaced > 0);
      }
      break;
    case Encoding::kUtf16Le:
    case Encoding::kUtf16Be: {
      uint64_t want_replaced = 0;
      const std::string want = ReferenceUtf16(raw, encoding == Encoding::kUtf16Le, &want_replaced);
      FUZZ_CHECK(out == want);
      FUZZ_CHECK(replaced == want_replaced);
      break;
    }
    case Encoding::kWindows1252:
      // Every byte maps to one character: nothing is lost or replaced.
      FUZZ_CHECK(replaced == 0);
      FUZZ_CHECK(out.size() >= raw.size());
      break;
  }

  // The internal buffer is reused: a longer and a shorter line in between change nothing.
  const std::string longer = std::string(raw) + std::string(raw);
  decoder.Decode(longer);
  decoder.Decode(raw.substr(0, raw.size() / 3));
  const uint64_t before = decoder.replaced();
  FUZZ_CHECK(decoder.Decode(raw) == out);
  FUZZ_CHECK(decoder.replaced() - before == replaced);

  // Detection: a BOM never longer than the head, and Windows-1252 only for invalid UTF-8.
  for (const bool at_end : {false, true}) {
    const loganalyze::internal::DetectedEncoding d =
        loganalyze::internal::DetectEncoding(raw, at_end);
    FUZZ_CHECK(d.bom_bytes <= raw.size());
    if (d.encoding == Encoding::kWindows1252) {
      FUZZ_CHECK(!simdjson::validate_utf8(raw.data(), raw.size()));
    }
    loganalyze::internal::BinaryReason(raw, d);
  }

  // The same bytes as a --files-from list: paths in valid UTF-8, none empty, none holding a
  // line end or ending in a space.
  const std::unique_ptr<loganalyze::ByteSource> list = loganalyze::MemorySource(raw);
  const absl::StatusOr<std::vector<std::string>> paths = loganalyze::ReadInputList(*list);
  FUZZ_CHECK(paths.ok());
  for (const std::string& p : *paths) {
    FUZZ_CHECK(!p.empty() && p.back() != ' ');
    FUZZ_CHECK(p.find_first_of("\r\n") == std::string::npos);
    FUZZ_CHECK(simdjson::validate_utf8(p.data(), p.size()));
  }
  return 0;
}
