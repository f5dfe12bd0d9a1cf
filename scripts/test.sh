#!/usr/bin/env bash
# Runs every test of tenders, installing what the tests need first.
# Usage: bash scripts/test.sh
#
# Needs Go (go.mod gives the version). Everything else it installs when it
# is missing: on Debian or Ubuntu with apt-get, as root or through sudo, and
# Node.js from the npm registry when the system's is older than the browser
# tests need. Where it cannot install something, it lists what to install
# by hand and stops before running any test.
#
# Each need_* function below checks one thing the tests need and installs
# it, or adds a line to the list of what to install by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

# node_version is the Node.js release installed from the npm registry when
# the system has none, or one older than node_min.
node_version=22.23.5
node_min=20

# by_hand lists what could not be installed, one line each.
by_hand=()

# apt_updated is set once apt-get update has run.
apt_updated=""

# as_root runs a command as root: directly when root, through sudo when it
# needs no password; it fails when neither is possible.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo "$@"
	else
		return 1
	fi
}

# pkg_install installs the Debian packages that are not there yet, and
# fails when it cannot (no apt-get, or not root and no sudo).
pkg_install() {
	command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 || return 1
	local missing=()
	for p in "$@"; do
		dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "== apt-get install ${missing[*]}"
	if [ -z "$apt_updated" ]; then
		as_root apt-get update -qq || return 1
		apt_updated=yes
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

need_go() {
	command -v go >/dev/null 2>&1 && return 0
	by_hand+=("Go, the version go.mod names: https://go.dev/dl/")
}

# The feed and calendar tests run scripts/check_feeds.py with Debian's
# interpreter and its packages of feedparser and icalendar.
need_feed_parsers() {
	/usr/bin/python3 -c 'import feedparser, icalendar' >/dev/null 2>&1 && return 0
	pkg_install python3 python3-feedparser python3-icalendar && return 0
	by_hand+=("/usr/bin/python3 with the feedparser and icalendar modules (Debian: python3-feedparser python3-icalendar)")
}

# The pull-request test runs git.
need_git() {
	command -v git >/dev/null 2>&1 && return 0
	pkg_install git && return 0
	by_hand+=("git")
}

# The browser tests drive Chromium ($CHROMIUM, or /usr/bin/chromium), with
# real fonts so that text has a size.
need_chromium() {
	if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then
		return 0
	fi
	pkg_install chromium fonts-liberation && [ -x /usr/bin/chromium ] && return 0
	[ -x /usr/bin/chromium ] && return 0
	by_hand+=("Chromium at /usr/bin/chromium, or CHROMIUM=/path/to/chrome (Debian: chromium fonts-liberation)")
}

# The action's tests install a release with curl, from a file:// address.
need_curl() {
	command -v curl >/dev/null 2>&1 && return 0
	pkg_install ca-certificates curl && return 0
	by_hand+=("curl")
}

# go test -race needs cgo, and so a C compiler.
need_cc() {
	command -v "$(go env CC 2>/dev/null || echo gcc)" >/dev/null 2>&1 && return 0
	pkg_install gcc libc6-dev && return 0
	by_hand+=("a C compiler, which go test -race needs (Debian: gcc libc6-dev)")
}

# The Nu Html Checker is a Java program.
need_java() {
	command -v java >/dev/null 2>&1 && return 0
	pkg_install default-jre-headless && return 0
	by_hand+=("Java 11 or later, for the Nu Html Checker (Debian: default-jre-headless)")
}

# node_major prints the major version of the node on PATH, or 0.
node_major() {
	local v
	v=$(node --version 2>/dev/null) || { echo 0; return; }
	v=${v#v}
	echo "${v%%.*}"
}

# The browser tests need Node.js $node_min or later, and npm. When the
# system's node is older (Debian 12 has 18) or missing, npm installs the
# official build of Node.js $node_version, published on the npm registry as
# node-OS-ARCH, into a cache that later runs reuse.
need_node() {
	if [ "$(node_major)" -ge "$node_min" ] && command -v npm >/dev/null 2>&1; then
		return 0
	fi
	command -v npm >/dev/null 2>&1 || pkg_install ca-certificates npm || true
	local os arch pkg dir
	case "$(uname -s)" in
	Linux) os=linux ;;
	Darwin) os=darwin ;;
	*) os="" ;;
	esac
	case "$(uname -m)" in
	x86_64 | amd64) arch=x64 ;;
	aarch64 | arm64) arch=arm64 ;;
	*) arch="" ;;
	esac
	if [ -z "$os" ] || [ -z "$arch" ] || ! command -v npm >/dev/null 2>&1; then
		by_hand+=("Node.js $node_min or later, with npm: https://nodejs.org/")
		return 0
	fi
	pkg="node-$os-$arch"
	dir="${XDG_CACHE_HOME:-$HOME/.cache}/tenders-tests/$pkg-$node_version"
	if [ ! -x "$dir/node_modules/$pkg/bin/node" ]; then
		echo "== npm install $pkg@$node_version (Node.js $node_version)"
		mkdir -p "$dir"
		npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock "$pkg@$node_version" >/dev/null
	fi
	export PATH="$dir/node_modules/$pkg/bin:$PATH"
	if [ "$(node_major)" -lt "$node_min" ]; then
		by_hand+=("Node.js $node_min or later, with npm: https://nodejs.org/")
	fi
}

# staticcheck, at the version the project uses.
need_staticcheck() {
	command -v go >/dev/null 2>&1 || return 0
	command -v staticcheck >/dev/null 2>&1 && return 0
	echo "== go install staticcheck"
	go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
}

need_go
need_feed_parsers
need_git
need_curl
need_cc
need_chromium
need_java
need_node
need_staticcheck

if [ ${#by_hand[@]} -gt 0 ]; then
	echo "scripts/test.sh: these are missing, and could not be installed here"
	echo "(that needs apt-get, and root or sudo without a password):"
	for line in "${by_hand[@]}"; do
		echo "  - $line"
	done
	echo "Install them, then run bash scripts/test.sh again."
	exit 2
fi

echo "== Go modules"
go mod download

echo "== gofmt"
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== staticcheck"
staticcheck ./...

echo "== go test -race"
CGO_ENABLED=1 go test -race -count=1 -timeout 30m ./...

echo "== browser tests (Chromium, axe-core, Nu Html Checker, the web editor)"
(cd editor && npm ci --no-audit --no-fund)
(
	cd tests/browser
	npm ci --no-audit --no-fund
	node --test
)
