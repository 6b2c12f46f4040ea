// `loganalyze patterns export`: the knowledge base's patterns, for other tools.
#include <string>
#include <vector>

#include "loganalyze/matcher.h"

namespace loganalyze {
namespace {

// Regular expressions for the code forms that ScanCodes finds (matcher.h), so that other
// tools given the exported list look for the same codes.
constexpr const char* kCodeForms[] = {
    R"(0[xX][0-9A-Fa-f]{8})",
    R"([\[(]0[xX][0-9A-Fa-f]{5}[\])])",
    R"((?i)\b(?:hr|hresult|detailedhresult|error|errorcode|code|status)\b[ \t:=\[(#]*-?[0-9A-Fa-f]{3,10}\b)",
    R"(\bID[ \t:=\[(#]*[0-9]{1,6}\b)",
    R"(-2[01][0-9]{8}\b)",
    R"(\b(?:Sal[A-Z][A-Za-z0-9_]{2,}|CBP[A-Z][A-Za-z0-9_]{2,}|[A-Za-z]+FaultFault|AADSTS[0-9]+|VSS_E_[A-Z0-9_]+|E_[A-Z0-9_]+|ERROR_[A-Z0-9_]+|RPC_[SE]_[A-Z0-9_]+|WSAE[A-Z]+)\b)",
};

// (?P<name>...) -> (?:...): tools that join patterns into one expression reject a group name
// used twice.
std::string Portable(const std::string& p) {
  std::string out;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\' && i + 1 < p.size()) {
      out += p.substr(i, 2);
      ++i;
    } else if (p.compare(i, 4, "(?P<") == 0) {
      const size_t close = p.find('>', i);
      out += "(?:";
      i = close == std::string::npos ? p.size() : close;
    } else {
      out += p[i];
    }
  }
  return out;
}

// An approximation in POSIX extended syntax with GNU extensions, for `grep -E -i`: case is
// folded by the -i flag, groups do not capture anyway, classes are spelled out, and lazy
// quantifiers become greedy (the same lines match for counting).
std::string Ere(const std::string& pattern) {
  // A line never holds CR or LF, so "anything but CR or LF" is "anything".
  std::string p = pattern;
  for (size_t at = p.find("[^\\r\\n]"); at != std::string::npos; at = p.find("[^\\r\\n]", at)) {
    p.replace(at, 8, ".");
  }
  std::string out;
  size_t i = p.compare(0, 4, "(?i)") == 0 ? 4 : 0;
  int bracket = 0;  // inside [...]
  for (; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[i + 1];
      ++i;
      if (e == 'd') {
        out += bracket ? "0-9" : "[0-9]";
      } else if (e == 's') {
        out += bracket ? "[:space:]" : "[[:space:]]";
      } else if (e == 'S') {
        out += "[^[:space:]]";
      } else if (e == 't') {
        out += '\t';
      } else if (e == 'r' || e == 'n') {
        // Lines have no CR or LF in them for grep: drop from classes, never matches outside.
        if (!bracket) out += "\\n";
      } else if (bracket && (e == '[' || e == ']' || e == '(' || e == ')' || e == '.' ||
                             e == '-' || e == '\\')) {
        out += e == ']' ? "]" : std::string(1, e);  // brackets take characters literally
      } else {
        out += '\\';
        out += e;
      }
      continue;
    }
    if (bracket) {
      if (c == ']') --bracket;
      out += c;
      continue;
    }
    if (c == '[') {
      ++bracket;
      out += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (p.compare(i, 4, "(?P<") == 0) {
      const size_t close = p.find('>', i);
      out += '(';
      i = close == std::string::npos ? p.size() : close;
      continue;
    }
    if (p.compare(i, 3, "(?:") == 0) {
      out += '(';
      i += 2;
      continue;
    }
    if (p.compare(i, 4, "(?i)") == 0) {
      i += 3;
      continue;
    }
    if (c == '?' && !out.empty() &&
        (out.back() == '*' || out.back() == '+' || out.back() == '?' || out.back() == '}')) {
      continue;  // lazy -> greedy
    }
    out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> ExportPatterns(const Matcher& matcher, PatternDialect dialect,
                                        bool with_code_forms) {
  std::vector<std::string> all = matcher.Patterns();
  if (with_code_forms) all.insert(all.end(), std::begin(kCodeForms), std::end(kCodeForms));
  for (std::string& p : all) {
    if (dialect == PatternDialect::kPortable) p = Portable(p);
    if (dialect == PatternDialect::kEre) p = Ere(p);
  }
  return all;
}

}  // namespace loganalyze
