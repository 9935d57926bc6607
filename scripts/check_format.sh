#!/usr/bin/env bash
# Checks that every C++ file git knows is formatted as .clang-format says (clang-format 14, the
# version Debian 12 ships; another version may format differently). Prints the files that are
# not and exits 1; `scripts/check_format.sh --fix` formats them in place.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fmt=${CLANG_FORMAT:-clang-format-14}
if ! command -v "$fmt" >/dev/null; then
  echo "check_format: $fmt is not installed (apt-get install clang-format-14)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
  "$fmt" -i "${files[@]}"
  exit 0
fi
# One process for all files: clang-format names each file that differs in its warnings.
bad=$("$fmt" --dry-run "${files[@]}" 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning: code should be clang-formatted.*/\1/p' | sort -u)
if [ -n "$bad" ]; then
  echo "check_format: these files differ from .clang-format; run scripts/check_format.sh --fix:" >&2
  echo "$bad" | sed 's/^/  /' >&2
  exit 1
fi
echo "check_format: ${#files[@]} files formatted"
