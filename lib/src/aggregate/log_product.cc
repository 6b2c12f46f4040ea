#include "aggregate/log_product.h"

#include <cctype>

namespace loganalyze::internal {
namespace {

// File-name prefixes of each family, in lower case (the header lists them).
constexpr std::string_view kMarsPrefixes[] = {
    "cbengine", "gatewayprovider", "obrecoveryservicesmanagementagent", "obinstaller",
    "obmanagedlog", "obmsi", "lastbackupfailedfiles"};
constexpr std::string_view kDpmPrefixes[] = {
    "msdpm", "dpm", "laagent", "agentbootstrapper", "exchangecmdletswrapper",
    "wsscmdletswrapper", "eurclient"};

bool StartsWithNoCase(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != lower_prefix[i]) return false;
  }
  return true;
}

}  // namespace

ProductScope LogProductFromName(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  for (std::string_view p : kMarsPrefixes) {
    if (StartsWithNoCase(name, p)) return ProductScope::kMars;
  }
  for (std::string_view p : kDpmPrefixes) {
    if (StartsWithNoCase(name, p)) return ProductScope::kDpm;
  }
  return ProductScope::kAny;
}

}  // namespace loganalyze::internal
