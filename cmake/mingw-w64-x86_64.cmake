# Cross-compiles for 64-bit Windows with Debian's MinGW-w64 (package g++-mingw-w64-x86-64-posix),
# statically: the programs need only the DLLs that come with Windows.
#
#   cmake -S . -B build-win -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64-x86_64.cmake \
#         -DLOGANALYZE_DEPS_PREFIX=<prefix made by .ci/windows/build-deps.sh>
#
# The prefix may also come from the environment variable LOGANALYZE_DEPS_PREFIX. Tests run
# under Wine (Debian's wine64) when it is installed; its WINEPREFIX is the environment's.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

# The posix thread model: std::thread and std::mutex over winpthread.
set(_mingw x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${_mingw}-gcc-posix)
set(CMAKE_CXX_COMPILER ${_mingw}-g++-posix)
set(CMAKE_RC_COMPILER ${_mingw}-windres)
set(CMAKE_AR ${_mingw}-gcc-ar-posix CACHE FILEPATH "Archiver")
set(CMAKE_RANLIB ${_mingw}-gcc-ranlib-posix CACHE FILEPATH "Ranlib")

if(NOT LOGANALYZE_DEPS_PREFIX AND DEFINED ENV{LOGANALYZE_DEPS_PREFIX})
  set(LOGANALYZE_DEPS_PREFIX "$ENV{LOGANALYZE_DEPS_PREFIX}")
endif()
# try_compile projects read this file again: hand them the prefix too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES LOGANALYZE_DEPS_PREFIX)

# Libraries, headers and packages come from the dependency prefix and the MinGW sysroot only;
# programs (pkg-config, wine) from the build machine.
set(CMAKE_FIND_ROOT_PATH ${LOGANALYZE_DEPS_PREFIX} /usr/${_mingw})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
if(LOGANALYZE_DEPS_PREFIX)
  set(ENV{PKG_CONFIG_LIBDIR} "${LOGANALYZE_DEPS_PREFIX}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
endif()

# Static everything: libstdc++, libgcc and winpthread too, and zlib's archive, not its DLL.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(BUILD_SHARED_LIBS OFF CACHE BOOL "Static libraries only")
set(ZLIB_USE_STATIC_LIBS ON CACHE BOOL "Link zlib statically")

if(NOT CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(LOGANALYZE_WINE NAMES wine64 wine PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
  if(LOGANALYZE_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR env WINEDEBUG=-all ${LOGANALYZE_WINE})
  endif()
endif()
