// Archive member names stored as bytes in an encoding the archive does not declare: zip and
// cab entries without the UTF-8 flag, ustar and GNU tar headers.
#ifndef LOGANALYZE_SOURCE_MEMBER_NAME_H_
#define LOGANALYZE_SOURCE_MEMBER_NAME_H_

#include <string>
#include <string_view>

namespace loganalyze::internal {

enum class NameEncoding { kUtf8, kCp950, kCp437 };

struct DecodedName {
  std::string utf8;
  NameEncoding encoding = NameEncoding::kUtf8;  // what the stored bytes were read as
};

// Decodes a stored name. Bytes that are valid UTF-8 stay as they are (ASCII included): a
// name in a declared encoding arrives here already in UTF-8, and so do the names Linux tools
// write. Otherwise the name is CP950 (Traditional Chinese Windows, whose Explorer writes zips
// in its OEM code page) when its bytes are valid CP950 and read as Chinese (IsChineseName);
// else CP437 (the DOS code page of English Windows), which gives every byte a character.
//
// The choice is made for each name alone, from its own bytes: an archive is read as a stream,
// so a member must be named before the next header is seen. A name carries its folders, so
// the members of one Chinese folder are judged on the same bytes and come out alike.
// Known limits: a Western name in CP437 whose accented letters happen to pair up into
// Chinese characters (an "ñ" before a letter, say) reads as CP950; names in other code pages
// (Japanese CP932, Simplified Chinese CP936) read as CP950 or CP437, wrongly. The caller's
// note says which was chosen.
DecodedName DecodeStoredName(std::string_view bytes);

// Each byte of `bytes` as its CP437 character, in UTF-8 (bytes below 0x80 are ASCII).
std::string Cp437ToUtf8(std::string_view bytes);

// True when `text` reads as a Chinese name: every character past ASCII is a CJK ideograph,
// CJK punctuation, Bopomofo or a full-width form, and at least one is an ideograph.
bool IsChineseName(std::u16string_view text);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_SOURCE_MEMBER_NAME_H_
