// LOGANALYZE_API marks what the shared library exports: the public API, and nothing else
// (the library is compiled with hidden visibility). Nothing to define for a user of either
// library; the build defines LOGANALYZE_BUILDING_SHARED for the shared one, and the CMake
// package defines LOGANALYZE_SHARED for those who link it on Windows.
#ifndef LOGANALYZE_EXPORT_H_
#define LOGANALYZE_EXPORT_H_

#if defined(_WIN32)
#if defined(LOGANALYZE_BUILDING_SHARED)
#define LOGANALYZE_API __declspec(dllexport)
#elif defined(LOGANALYZE_SHARED)
#define LOGANALYZE_API __declspec(dllimport)
#else
#define LOGANALYZE_API
#endif
#else
#define LOGANALYZE_API __attribute__((visibility("default")))
#endif

#endif  // LOGANALYZE_EXPORT_H_
