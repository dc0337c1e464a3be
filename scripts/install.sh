#!/usr/bin/env bash
# Installs a release build of mtlint with its word lists:
#   PREFIX/bin/mtlint and PREFIX/share/mtlint/dictionaries/ (where the binary looks for them).
# Usage: scripts/install.sh [PREFIX]   (default /usr/local)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
swift build -c release --product mtlint
install -D -m 755 "$(swift build -c release --show-bin-path)/mtlint" "$prefix/bin/mtlint"
rm -rf "$prefix/share/mtlint/dictionaries"
mkdir -p "$prefix/share/mtlint"
cp -R dictionaries "$prefix/share/mtlint/dictionaries"
echo "installed $prefix/bin/mtlint and $prefix/share/mtlint/dictionaries"
