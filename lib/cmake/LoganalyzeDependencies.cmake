# Finds the dependencies the way Debian 12 packages them. RE2 (20220601) ships only re2.pc,
# so it is found through pkg-config; the others ship CMake configs. For Windows, the prefix of
# .ci/windows/build-deps.sh has RE2's own CMake config instead, and static libraries only.
if(WIN32)
  find_package(re2 CONFIG REQUIRED)
  set(LOGANALYZE_RE2 re2::re2)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
  set(LOGANALYZE_RE2 PkgConfig::RE2)
endif()
find_package(absl CONFIG REQUIRED)
find_package(simdjson CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(LibArchive REQUIRED)
if(WIN32)
  # A static libarchive: its header must not declare DLL imports, and zlib links after it.
  find_package(ZLIB REQUIRED)
  set_property(TARGET LibArchive::LibArchive APPEND PROPERTY
               INTERFACE_COMPILE_DEFINITIONS LIBARCHIVE_STATIC)
  set_property(TARGET LibArchive::LibArchive APPEND PROPERTY
               INTERFACE_LINK_LIBRARIES ZLIB::ZLIB)
endif()
find_package(CLI11 CONFIG REQUIRED)
find_package(Threads REQUIRED)
