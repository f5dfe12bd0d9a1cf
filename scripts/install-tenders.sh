#!/usr/bin/env bash
# Installs tenders for the tenders action (action.yml), and puts it on the
# PATH of the job's later steps.
#
# With TENDERS_VERSION (such as v1.0.0) it downloads that release's
# archive for this runner, checks it against the release's checksums.txt,
# and unpacks it. Without it, it builds tenders from the action's own
# source, in GITHUB_ACTION_PATH, with the Go on PATH.
#
# It reads what GitHub's runner sets: RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP,
# GITHUB_PATH, GITHUB_ACTION_PATH and GITHUB_SERVER_URL. TENDERS_RELEASES
# may name another place that holds the releases, laid out as GitHub's:
# TENDERS_RELEASES/VERSION/FILE.
set -euo pipefail

version=${TENDERS_VERSION:-}
bin="$RUNNER_TEMP/tenders-${version:-source}"
mkdir -p "$bin"

exe=tenders
[ "${RUNNER_OS:-}" = Windows ] && exe=tenders.exe

if [ -x "$bin/$exe" ]; then
	echo "tenders is already installed in $bin"
elif [ -z "$version" ]; then
	echo "Building tenders from $GITHUB_ACTION_PATH"
	(cd "$GITHUB_ACTION_PATH" && CGO_ENABLED=0 go build -trimpath -o "$bin/$exe" ./cmd/tenders)
else
	case "$version" in
	v[0-9]*.[0-9]*.[0-9]*) ;;
	*) echo "::error title=tenders::version \"$version\" is not a release such as v1.0.0"; exit 2 ;;
	esac
	case "${RUNNER_OS:-}" in
	Linux) os=linux ext=tar.gz ;;
	macOS) os=darwin ext=tar.gz ;;
	Windows) os=windows ext=zip ;;
	*) echo "::error title=tenders::no release of tenders for the runner's system \"${RUNNER_OS:-}\""; exit 2 ;;
	esac
	case "${RUNNER_ARCH:-}" in
	X64) arch=amd64 ;;
	ARM64) arch=arm64 ;;
	*) echo "::error title=tenders::no release of tenders for the runner's processor \"${RUNNER_ARCH:-}\""; exit 2 ;;
	esac
	releases=${TENDERS_RELEASES:-${GITHUB_SERVER_URL:-https://github.com}/london-anchors/tenders/releases/download}
	archive="tenders_${version#v}_${os}_${arch}.$ext"
	tmp=$(mktemp -d "$RUNNER_TEMP/tenders-download.XXXXXX")
	echo "Downloading $archive"
	curl -fsSL --retry 3 -o "$tmp/$archive" "$releases/$version/$archive"
	curl -fsSL --retry 3 -o "$tmp/checksums.txt" "$releases/$version/checksums.txt"
	want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/checksums.txt")
	if command -v sha256sum >/dev/null 2>&1; then
		got=$(sha256sum "$tmp/$archive" | awk '{ print $1 }')
	else
		got=$(shasum -a 256 "$tmp/$archive" | awk '{ print $1 }')
	fi
	if [ -z "$want" ] || [ "$want" != "$got" ]; then
		echo "::error title=tenders::$archive does not match the release's checksums.txt (want ${want:-no line for it}, got $got)"
		exit 1
	fi
	case "$ext" in
	zip) unzip -q -o "$tmp/$archive" -d "$tmp" ;;
	*) tar -xzf "$tmp/$archive" -C "$tmp" ;;
	esac
	mv "$tmp/$exe" "$bin/$exe"
	rm -rf "$tmp"
fi

echo "$bin" >>"$GITHUB_PATH"
"$bin/$exe" version
