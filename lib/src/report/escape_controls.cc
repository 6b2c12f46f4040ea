#include "report/escape_controls.h"

#include <cstdint>

#include "decode/utf8.h"

namespace loganalyze::internal {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void AppendHex(uint8_t b, std::string* out) {
  out->push_back(kHex[b >> 4]);
  out->push_back(kHex[b & 0xF]);
}

}  // namespace

std::string EscapeControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  for (size_t i = 0; i < s.size();) {
    const uint8_t b = p[i];
    if (b >= 0x20 && b < 0x7F) {
      out.push_back(static_cast<char>(b));
      ++i;
    } else if (b == '\t') {
      out.push_back(' ');
      ++i;
    } else if (b < 0x20 || b == 0x7F) {
      out.push_back('^');
      out.push_back(b == 0x7F ? '?' : static_cast<char>(b + 0x40));
      ++i;
    } else if (const size_t len = Utf8SequenceLength(p + i, s.size() - i);
               len == 0 || len == kUtf8Truncated) {
      out += '<';
      AppendHex(b, &out);
      out += '>';
      ++i;
    } else if (b == 0xC2 && p[i + 1] < 0xA0) {  // U+0080..U+009F
      out += "<U+00";
      AppendHex(p[i + 1], &out);
      out += '>';
      i += 2;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace loganalyze::internal
