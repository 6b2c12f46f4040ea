// Terminal text layout: display width (CJK characters take two columns) and wrapping.
#ifndef LOGANALYZE_REPORT_TEXT_LAYOUT_H_
#define LOGANALYZE_REPORT_TEXT_LAYOUT_H_

#include <string>
#include <string_view>
#include <vector>

namespace loganalyze::internal {

// Columns `s` takes on a terminal; colour sequences (ESC [ ... m) take none.
size_t DisplayWidth(std::string_view s);
// `s` cut to at most `width` columns, with "…" when cut; colour sequences are kept whole and
// a cut one is ended.
std::string Ellipsize(std::string_view s, size_t width);
// `s` without spaces at the end of its lines (a padded last column leaves them).
std::string StripTrailingSpaces(std::string_view s);
// Wraps `s` into lines of at most `width` columns, at spaces where there are spaces and
// anywhere in runs without them (Chinese).
std::vector<std::string> Wrap(std::string_view s, size_t width);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_REPORT_TEXT_LAYOUT_H_
