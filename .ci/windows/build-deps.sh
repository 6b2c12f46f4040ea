#!/usr/bin/env bash
# Builds loganalyze's dependencies for 64-bit Windows from Debian's own source packages, at the
# versions the Linux build uses (those of the installed -dev packages), with MinGW-w64 (posix
# threads) and cmake/mingw-w64-x86_64.cmake, into PREFIX. Static libraries only.
#
#   .ci/windows/build-deps.sh PREFIX
#
# Abseil, RE2, fmt, simdjson, CLI11 (headers), libarchive and GoogleTest. zlib is Debian's
# libz-mingw-w64-dev. libarchive is built with zlib only and no crypto, regex, iconv or XML
# library: it reads and writes tar, zip (stored and deflate), gzip, cpio, ar, iso9660 and the
# other formats it needs no library for; bzip2, xz/lzma, zstd, lz4 and encrypted zip are off.
#
# PREFIX/.loganalyze-deps records the versions (and the compiler and this recipe's revision):
# a run that finds the same record there does nothing. Another record means another build, made
# from scratch. Nothing is fetched but Debian's packages. Runs niced, with -j2 at most
# (LOGANALYZE_DEPS_JOBS=1 for fewer). LOGANALYZE_DEPS_WORK names a work folder to keep.
set -euo pipefail

# Bump when a build option below changes: the prefix is then built again.
recipe=1

if [ $# -ne 1 ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
prefix=$(realpath -m "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
toolchain="$root/cmake/mingw-w64-x86_64.cmake"
jobs=${LOGANALYZE_DEPS_JOBS:-2}
if [ "$jobs" -gt 2 ]; then jobs=2; fi

# Source package and the -dev package whose installed version is the one to build.
deps=(
  "abseil libabsl-dev"
  "re2 libre2-dev"
  "fmtlib libfmt-dev"
  "simdjson libsimdjson-dev"
  "cli11 libcli11-dev"
  "libarchive libarchive-dev"
  "googletest libgtest-dev"
)
# wine64: libarchive's configuration runs a test program through the toolchain's emulator;
# with no emulator there, CMake 3.25 crashes (segmentation fault) instead of failing the test.
tools=(g++-mingw-w64-x86-64-posix libz-mingw-w64-dev dpkg-dev cmake ninja-build wine64
  perl python3 python3-six unicode-data)  # the last four make RE2's Unicode tables

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for p in "${tools[@]}"; do installed "$p" || missing+=("$p"); done
for d in "${deps[@]}"; do
  set -- $d
  installed "$2" || missing+=("$2")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The source version of the installed package (a binNMU suffix such as +b1 is not part of it).
source_version() {
  dpkg-query -W -f='${source:Version}' "$1"
}

key="recipe $recipe"$'\n'
key+="mingw $(x86_64-w64-mingw32-g++-posix -dumpfullversion) $(dpkg-query -W -f='${Version}' g++-mingw-w64-x86-64-posix)"$'\n'
key+="zlib $(dpkg-query -W -f='${Version}' libz-mingw-w64-dev)"$'\n'
key+="unicode-data $(dpkg-query -W -f='${Version}' unicode-data)"$'\n'
for d in "${deps[@]}"; do
  set -- $d
  key+="$1 $(source_version "$2")"$'\n'
done

stamp="$prefix/.loganalyze-deps"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${key%$'\n'}" ]; then
  echo "build-deps: $prefix is up to date"
  cat "$stamp"
  exit 0
fi
if [ -e "$prefix" ] && [ -n "$(ls -A "$prefix" 2>/dev/null)" ]; then
  if [ ! -f "$stamp" ] && [ ! -d "$prefix/.partial" ]; then
    echo "build-deps: $prefix is not empty and was not made by this script" >&2
    exit 1
  fi
  echo "build-deps: other versions in $prefix, building it again"
  rm -rf "$prefix"
fi
mkdir -p "$prefix/.partial"

if [ -n "${LOGANALYZE_DEPS_WORK:-}" ]; then
  work=$(realpath -m "$LOGANALYZE_DEPS_WORK")
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

# apt-get source needs deb-src entries. Without them, add them for the suites already in use.
ensure_deb_src() {
  if apt-cache showsrc "$1" 2>/dev/null | grep -qx "Version: $2"; then return; fi
  if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "build-deps: adding deb-src entries" >&2
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      sed 's/^Types: deb$/Types: deb-src/' "$f" | $SUDO tee "/etc/apt/sources.list.d/src-$(basename "$f")" >/dev/null
    done
    if [ -f /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list; then
      sed -n 's/^deb /deb-src /p' /etc/apt/sources.list | $SUDO tee /etc/apt/sources.list.d/src.list >/dev/null
    fi
  fi
  $SUDO apt-get update -qq >&2
  if ! apt-cache showsrc "$1" 2>/dev/null | grep -qx "Version: $2"; then
    echo "build-deps: no source package $1 $2 in the apt sources" >&2
    exit 1
  fi
}

# Downloads and unpacks SOURCE=VERSION (Debian's patches applied); prints its folder.
unpack() {
  local src=$1 ver=$2
  ensure_deb_src "$src" "$ver"
  rm -rf "$work/src/$src"
  mkdir -p "$work/src/$src"
  (cd "$work/src/$src" && apt-get source -qq --only-source "$src=$ver" >/dev/null 2>"$work/src/$src.log") || {
    cat "$work/src/$src.log" >&2
    exit 1
  }
  find "$work/src/$src" -mindepth 1 -maxdepth 1 -type d | head -n 1
}

configure_and_build() {
  local name=$1 dir=$2
  shift 2
  nice -n 10 cmake -S "$dir" -B "$work/build/$name" -G Ninja --no-warn-unused-cli \
    -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DLOGANALYZE_DEPS_PREFIX="$prefix" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF "$@" >"$work/build/$name.log"
  nice -n 10 cmake --build "$work/build/$name" -j "$jobs" >>"$work/build/$name.log"
}

build_one() {
  local src=$1 ver=$2 dir
  dir=$(unpack "$src" "$ver")
  echo "build-deps: $src $ver"
  mkdir -p "$work/build"
  case "$src" in
    abseil)
      # As Debian builds it (debian/rules): C++17, and its own types, not std's (debian/patches).
      configure_and_build "$src" "$dir" -DCMAKE_CXX_STANDARD=17 -DABSL_PROPAGATE_CXX_STD=ON \
        -DABSL_BUILD_TESTING=OFF -DABSL_ENABLE_INSTALL=ON
      cmake --install "$work/build/$src" >/dev/null ;;
    re2)
      # Debian's source leaves out the generated tables; they are made as Debian's build makes
      # them (REBUILD_TABLES), from the Unicode data of the unicode-data package.
      (cd "$dir" && perl re2/make_perl_groups.pl >re2/perl_groups.cc &&
        python3 re2/make_unicode_groups.py >re2/unicode_groups.cc &&
        python3 re2/make_unicode_casefold.py >re2/unicode_casefold.cc)
      configure_and_build "$src" "$dir" -DRE2_BUILD_TESTING=OFF
      cmake --install "$work/build/$src" >/dev/null ;;
    fmtlib)
      configure_and_build "$src" "$dir" -DFMT_TEST=OFF -DFMT_DOC=OFF
      cmake --install "$work/build/$src" >/dev/null ;;
    simdjson)
      configure_and_build "$src" "$dir" -DSIMDJSON_DEVELOPER_MODE=OFF
      cmake --install "$work/build/$src" >/dev/null ;;
    cli11)
      configure_and_build "$src" "$dir" -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=OFF \
        -DCLI11_BUILD_DOCS=OFF
      cmake --install "$work/build/$src" >/dev/null ;;
    libarchive)
      # Its build makes a DLL and a static library together; only the static one is built and
      # installed, under the name libarchive.a as on other systems (users define
      # LIBARCHIVE_STATIC).
      nice -n 10 cmake -S "$dir" -B "$work/build/$src" -G Ninja \
        -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DLOGANALYZE_DEPS_PREFIX="$prefix" \
        -DCMAKE_BUILD_TYPE=Release -DENABLE_TEST=OFF -DENABLE_TAR=OFF -DENABLE_CPIO=OFF \
        -DENABLE_CAT=OFF -DENABLE_ZLIB=ON -DENABLE_BZip2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF \
        -DENABLE_LZ4=OFF -DENABLE_LZO=OFF -DENABLE_LIBB2=OFF -DENABLE_OPENSSL=OFF \
        -DENABLE_MBEDTLS=OFF -DENABLE_NETTLE=OFF -DENABLE_CNG=OFF -DENABLE_LIBXML2=OFF \
        -DENABLE_EXPAT=OFF -DENABLE_PCREPOSIX=OFF -DENABLE_LIBGCC=OFF -DENABLE_ICONV=OFF \
        -DENABLE_ACL=OFF -DENABLE_XATTR=OFF -DPOSIX_REGEX_LIB=NONE >"$work/build/$src.log"
      nice -n 10 cmake --build "$work/build/$src" -j "$jobs" --target archive_static \
        >>"$work/build/$src.log"
      mkdir -p "$prefix/include" "$prefix/lib"
      install -m 644 "$dir/libarchive/archive.h" "$dir/libarchive/archive_entry.h" "$prefix/include/"
      install -m 644 "$work/build/$src/libarchive/libarchive_static.a" "$prefix/lib/libarchive.a" ;;
    googletest)
      configure_and_build "$src" "$dir" -DBUILD_GMOCK=ON -DINSTALL_GTEST=ON
      cmake --install "$work/build/$src" >/dev/null ;;
  esac
  # Static only: nothing that would make a program need a DLL from here.
  find "$prefix" \( -name '*.dll' -o -name '*.dll.a' \) -delete
  rm -rf "$work/build/$src" "$work/src/$src"
}

start=$(date +%s)
for d in "${deps[@]}"; do
  set -- $d
  build_one "$1" "$(source_version "$2")"
done
rmdir "$prefix/.partial"
printf '%s' "${key%$'\n'}" >"$stamp"
echo "build-deps: done in $(($(date +%s) - start)) s"
cat "$stamp"
