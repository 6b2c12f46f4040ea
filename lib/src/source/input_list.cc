// ReadInputList: the list of inputs that `--files-from` names, in whatever encoding the
// machine that wrote it uses (PowerShell's `>` writes UTF-16LE with a BOM).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decoder.h"
#include "decode/encoding_detector.h"
#include "loganalyze/inputs.h"

namespace loganalyze {

absl::StatusOr<std::vector<std::string>> ReadInputList(ByteSource& source) {
  std::string bytes;
  char buffer[64 * 1024];
  for (;;) {
    const absl::StatusOr<size_t> n = source.Read(buffer, sizeof buffer);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    bytes.append(buffer, *n);
  }
  // Detected as a log's head is, from its first bytes; the list is decoded in one piece.
  const std::string_view head = std::string_view(bytes).substr(0, internal::kSniffBytes);
  const internal::DetectedEncoding detected =
      internal::DetectEncoding(head, /*at_end=*/bytes.size() == head.size());
  internal::Decoder decoder(detected.encoding);
  const std::string_view text =
      decoder.Decode(std::string_view(bytes).substr(std::min(detected.bom_bytes, bytes.size())));

  std::vector<std::string> paths;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    if (!line.empty()) paths.emplace_back(line);
    start = end + 1;
  }
  return paths;
}

}  // namespace loganalyze
