#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The version for `yorisoi --version`, the API client's User-Agent and the
# About window (meson's vcs_tag runs this at every build):
#   tools/version.sh PROJECT_VERSION SOURCE_ROOT
# A tag vX.Y.Z on HEAD gives "X.Y.Z"; otherwise "PROJECT_VERSION-g<hash>",
# with "-dirty" when the tree has changes. Without git (a tarball), it
# fails and meson falls back to the project's version.
set -e
version=$1
# A copy of the tree without .git (the packaging test's scratch copy) is
# told its version.
if [ -n "${YRS_VCS_VERSION:-}" ]; then
  echo "$YRS_VCS_VERSION"
  exit 0
fi
cd "$2"
if tag=$(git describe --tags --exact-match --match 'v[0-9]*' --dirty 2>/dev/null); then
  echo "${tag#v}"
  exit 0
fi
hash=$(git rev-parse --short=9 HEAD 2>/dev/null)
dirty=
git diff --quiet HEAD -- 2>/dev/null || dirty=-dirty
echo "$version-g$hash$dirty"
