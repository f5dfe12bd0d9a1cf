#!/usr/bin/env bash
# Runs every test of tenders, installing what the tests need first.
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

# apt_install installs Debian packages that are not there yet.
apt_install() {
	local missing=()
	for p in "$@"; do
		dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "== apt-get install ${missing[*]}"
	local sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Independent parsers that check the feeds and calendars; Chromium for the
# browser tests; git for the pull-request script test; Java for the Nu Html
# Checker.
apt_install python3-feedparser python3-icalendar chromium fonts-liberation git
command -v java >/dev/null 2>&1 || apt_install default-jre-headless

echo "== Go modules"
go mod download

echo "== staticcheck"
if ! command -v staticcheck >/dev/null 2>&1; then
	go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi

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
go test -race -count=1 ./...

echo "== browser tests (Chromium, axe-core, Nu Html Checker, the web editor)"
(cd editor && npm ci --no-audit --no-fund)
(
	cd tests/browser
	npm ci --no-audit --no-fund
	node --test
)
