#!/usr/bin/env bash
# Builds the release archives of tenders and their checksums, from a
# checkout at the release's tag. .github/workflows/release.yml runs it when
# a tag such as v1.2.0 is pushed, then attaches what it made to the
# GitHub release.
#
# Usage: bash scripts/release.sh VERSION [DIR]
#
# DIR (default dist) gets one archive a system and processor,
# tenders_1.2.0_linux_amd64.tar.gz and so on (a .zip for Windows), each
# holding the tenders binary and README.md, and checksums.txt with their
# SHA-256 sums. TENDERS_TARGETS picks the systems, as GOOS/GOARCH pairs
# separated by spaces (default: Linux, macOS and Windows, each on amd64 and
# arm64). The version and commit come from Git: the binary's tenders
# version prints them.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: bash scripts/release.sh VERSION [DIR]}
dist=${2:-dist}
targets=${TENDERS_TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64}

if ! [[ "$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]]; then
	echo "release.sh: $version is not a version such as v1.2.0" >&2
	exit 2
fi
# The module's path has no /v2, so Go reads only v0 and v1 tags as its
# version: a v2 binary would not know its own.
if ! [[ "$version" =~ ^v[01]\. ]]; then
	echo "release.sh: $version needs the module path to end in /v${version:1:1} first; releases stay at v0 or v1 until then" >&2
	exit 2
fi
if ! git tag --points-at HEAD | grep -qx -- "$version"; then
	echo "release.sh: the checkout is not at the tag $version; check it out (with its tags) first" >&2
	exit 2
fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "release.sh: the checkout has changes not committed; a release is built from the tag alone" >&2
	exit 2
fi
if [ -e "$dist" ] && [ -n "$(ls -A "$dist")" ]; then
	echo "release.sh: $dist is not empty; give a new folder" >&2
	exit 2
fi
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)

# The archives' files all get the commit's time, so that the same tag
# makes the same archives.
epoch=$(git log -1 --format=%ct)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

for target in $targets; do
	goos=${target%/*} goarch=${target#*/}
	exe=tenders
	[ "$goos" = windows ] && exe=tenders.exe
	name="tenders_${version#v}_${goos}_${goarch}"
	echo "== $name"
	rm -rf "${stage:?}/$name" && mkdir -p "$stage/$name"
	CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath -buildvcs=true -ldflags="-s -w" -o "$stage/$name/$exe" ./cmd/tenders
	cp README.md "$stage/$name/"
	touch -d "@$epoch" "$stage/$name/$exe" "$stage/$name/README.md"
	if [ "$goos" = windows ]; then
		(cd "$stage/$name" && zip -q -X "$dist/$name.zip" "$exe" README.md)
	else
		tar -C "$stage/$name" --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$exe" README.md | gzip -n >"$dist/$name.tar.gz"
	fi
done

(
	cd "$dist"
	shopt -s nullglob
	archives=(*.tar.gz *.zip)
	[ ${#archives[@]} -gt 0 ] || { echo "release.sh: no archive was made" >&2; exit 1; }
	sha256sum -- "${archives[@]}" >checksums.txt
)

# The binary for this machine, if it was built, must say the version.
host="$(go env GOOS)/$(go env GOARCH)"
for target in $targets; do
	[ "$target" = "$host" ] || continue
	exe=tenders
	[ "$(go env GOOS)" = windows ] && exe=tenders.exe
	got=$("$stage/tenders_${version#v}_${host/\//_}/$exe" version | head -1)
	if [ "$got" != "tenders $version" ]; then
		echo "release.sh: the binary says \"$got\", not \"tenders $version\"" >&2
		exit 1
	fi
done
echo "== $dist/checksums.txt"
cat "$dist/checksums.txt"
