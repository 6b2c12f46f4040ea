// Text from logs and file names, made safe for a terminal: the text and Markdown reports show
// control characters as `less` does instead of passing them to the terminal, which would act
// on them (clear the screen, set the window title, move the cursor, ring the bell).
#ifndef LOGANALYZE_REPORT_ESCAPE_CONTROLS_H_
#define LOGANALYZE_REPORT_ESCAPE_CONTROLS_H_

#include <string>
#include <string_view>

namespace loganalyze::internal {

// Returns `s` with every control character shown as text:
// - C0 controls (U+0000..U+001F, line ends included) in caret notation: ESC is `^[`, BEL
//   `^G`, backspace `^H`, CR `^M`, LF `^J`; except a tab, which becomes one space (the
//   writers lay out columns themselves, and a tab's width depends on where it falls);
// - DEL as `^?`;
// - C1 controls (U+0080..U+009F, two bytes of UTF-8 each) as `<U+009B>`;
// - a byte that is not part of valid UTF-8 as `<FF>`.
// Everything else is kept, and escaping twice changes nothing. Callers escape each piece of text
// before measuring and styling it, so that display widths count what is shown and their own colour
// codes stay intact.
std::string EscapeControls(std::string_view s);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_REPORT_ESCAPE_CONTROLS_H_
