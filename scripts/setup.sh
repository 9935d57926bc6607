#!/usr/bin/env bash
# Installs what cspscope needs (Debian 12 packages), then configures and builds it in build/.
# Sourced by demo.sh and test.sh; safe to run again (it only does what is missing).
#
#   CSP_BUILD_DIR   build folder (default: build)
#   CSP_CMAKE_ARGS  extra arguments for the first cmake configure
#   CSP_PACKAGES_EXTRA  more Debian packages to install
set -euo pipefail
CSP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CSP_BUILD_DIR=${CSP_BUILD_DIR:-$CSP_ROOT/build}

# Everything the build, the tests, the samples and the viewer need.
CSP_PACKAGES=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-svg-dev libgl-dev catch2 nlohmann-json3-dev
              libgraphviz-dev libsqlite3-dev clang-format-14
              fonts-dejavu-core xvfb xauth python3 python3-jsonschema help2man time
              desktop-file-utils shared-mime-info libglib2.0-bin)
# Callers that need more (e.g. the peer benchmarks) add them here.
# shellcheck disable=SC2206
CSP_PACKAGES+=(${CSP_PACKAGES_EXTRA:-})

csp_missing_packages() {
  local p missing=()
  for p in "${CSP_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

csp_install() {
  local missing
  missing=$(csp_missing_packages)
  [[ -z $missing ]] && return 0
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "cspscope needs these Debian packages, which are not installed:" >&2
      echo "  apt-get install -y $missing" >&2
      echo "Run that line as root (or with sudo), then run this script again." >&2
      exit 1
    fi
  fi
  echo "==> installing: $missing"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

csp_build() {
  if [[ ! -f $CSP_BUILD_DIR/CMakeCache.txt ]]; then
    echo "==> configuring in $CSP_BUILD_DIR"
    # shellcheck disable=SC2086
    cmake -S "$CSP_ROOT" -B "$CSP_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${CSP_CMAKE_ARGS:-} >/dev/null
  fi
  echo "==> building"
  cmake --build "$CSP_BUILD_DIR" -- -j"$(nproc)"
}

csp_install
csp_build
