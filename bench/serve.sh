#!/usr/bin/env bash
# Times tenders serve's rebuild after a one-brief edit on a synthetic site
# on disk, as a user sees it: the "Rebuilt N files in T" lines of its log.
# It reports the median and the range of EDITS rebuilds (default 20), the
# first build, and the process's memory after the edits (resident now and
# at its peak, from /proc).
#
# Usage: bash bench/serve.sh [N]               (default 10000 briefs)
#        BEFORE=REF EDITS=20 bash bench/serve.sh 10000
#
# With BEFORE, tenders as it was at REF is timed too, on the same site,
# after the current one. Linux only (it reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
edits=${EDITS:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/tenders-serve-bench-XXXXXX")
cleanup() {
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/tenders" ./cmd/tenders
tools=(tenders)
if [ -n "${BEFORE:-}" ]; then
	git worktree add -q --detach "$work/before-src" "$BEFORE"
	(cd "$work/before-src" && go build -o "$work/before" ./cmd/tenders)
	git worktree remove --force "$work/before-src"
	tools+=(before)
fi
go run ./internal/synth/gensite -n "$n" -out "$work/site" >/dev/null
brief=$(find "$work/site/content/opportunities" -name '*.md' | sort | sed -n 6p)
cp "$brief" "$work/brief.orig"

port=18${RANDOM:0:3}
printf "%-8s %7s %9s %9s %9s %9s %9s\n" tool briefs first_s median_ms min_ms max_ms rss/peak_mb
for tool in "${tools[@]}"; do
	cp "$work/brief.orig" "$brief"
	log="$work/$tool.log"
	TMPDIR="$work" "$work/$tool" serve --site "$work/site" --port "$port" --now 2026-12-01T09:00:00Z >"$log" 2>&1 &
	pid=$!
	for _ in $(seq 1 600); do grep -q '^Serving' "$log" && break; sleep 0.5; done
	for i in $(seq 1 "$edits"); do
		printf '\nOne more line, %d.\n' "$i" >>"$brief"
		for _ in $(seq 1 100); do [ "$(grep -c '^Rebuil' "$log")" -gt "$i" ] && break; sleep 0.1; done
		sleep 0.5
	done
	mem=$(awk '/VmRSS/ {r = $2} /VmHWM/ {h = $2} END {printf "%.0f/%.0f", r / 1024, h / 1024}' "/proc/$pid/status")
	kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
	# "Rebuilt 13730 files in 1.2s" or "in 95ms": in milliseconds.
	times() { grep '^Rebuilt' "$log" | awk '{t = $NF; if (t ~ /ms$/) { sub("ms", "", t); print t } else if (t ~ /µs$/) { sub("µs", "", t); print t / 1000 } else { sub("s", "", t); print t * 1000 } }'; }
	first=$(times | head -1)
	times | tail -n +2 | sort -n >"$work/$tool.times"
	awk -v tool="$tool" -v n="$n" -v first="$first" -v mem="$mem" '{ t[NR] = $1 } END {
		printf "%-8s %7d %9.2f %9.0f %9.0f %9.0f %9s\n", tool, n, first / 1000, t[int((NR + 1) / 2)], t[1], t[NR], mem }' "$work/$tool.times"
done | tee -a bench/results.txt
