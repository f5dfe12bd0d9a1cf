#!/usr/bin/env bash
# Benchmarks tenders build against Hugo on the same synthetic briefs, side
# by side in one run, and prints wall time, CPU time and peak memory.
#
# Usage: bash bench/run.sh [N ...]        (default: 1000 10000 100000)
#        BEFORE=REF RUNS=3 bash bench/run.sh 10000
#
# It installs Debian's hugo if it is missing (the test command does not),
# writes synthetic sites with internal/synth/gensite, and builds each with
# both tools into a fresh folder on the same disk, a few seconds apart, so
# the disk settles between runs: RUNS runs each (default 3), taking turns,
# and reports the median run of each tool, with wall, user and system time
# and peak memory from /usr/bin/time. A build that fails or runs past
# LIMIT seconds (default 1800) is reported as not finished. Results go to
# stdout and bench/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000)
runs=${RUNS:-3}

if ! command -v hugo >/dev/null 2>&1; then
	echo "== installing hugo (Debian)"
	sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends hugo >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tenders-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/tenders" ./cmd/tenders
# BEFORE=REF (a commit, branch or tag) also times tenders as it was at REF,
# in the same turns, for a before-and-after ratio in one run.
tools=(tenders hugo)
if [ -n "${BEFORE:-}" ]; then
	git worktree add -q --detach "$work/before-src" "$BEFORE"
	(cd "$work/before-src" && go build -o "$work/before" ./cmd/tenders)
	git worktree remove --force "$work/before-src"
	tools=(tenders before hugo)
fi
go build -o "$work/gensite" ./internal/synth/gensite

# measure COMMAND...: prints "wall_s user_s sys_s peak_mb" for one run, or
# "- - - -" when the command fails or runs past LIMIT seconds.
measure() {
	local log="$work/time.log"
	sync; sleep 3
	if ! /usr/bin/time -v -o "$log" timeout "${LIMIT:-1800}" "$@" >/dev/null 2>&1; then
		echo "- - - -"; return
	fi
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
		/User time/ { user = $2 } /System time/ { sys = $2 }
		/Maximum resident/ { rss = $2 / 1024 }
		END { printf "%.2f %.2f %.2f %.0f\n", wall, user, sys, rss }' "$log"
}

# median FILE: the median of each column of FILE's lines (runs by wall
# time: the run in the middle), or dashes when a run failed.
median() {
	if grep -q -- '^-' "$1"; then echo "- - - -"; return; fi
	sort -n "$1" | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'
}

{
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(go version); $(hugo version | cut -d' ' -f1-2); median of $runs runs"
printf "%-7s %-8s %8s %8s %8s %9s %12s\n" briefs tool wall_s user_s sys_s peak_mb us_per_brief
for n in "${sizes[@]}"; do
	site="$work/site-$n"
	"$work/gensite" -n "$n" -out "$site"
	for tool in "${tools[@]}"; do : >"$work/$tool.runs"; done
	for run in $(seq 1 "$runs"); do
		# Build at a clock late in the synthetic year, so most briefs are
		# closed, as on a real site with an archive. The tools take turns,
		# so a slow spell of the disk falls on each.
		for tool in "${tools[@]}"; do
			out="$work/out-$tool-$n-$run"
			case $tool in
			hugo) measure hugo --quiet --source bench/hugo --contentDir "$site/content" --destination "$out" ;;
			*) measure "$work/$tool" build --site "$site" --out "$out" --now 2026-12-01T09:00:00Z ;;
			esac >>"$work/$tool.runs"
			rm -rf "$out"
		done
	done
	declare -A wall=() cpu=() rss=()
	for tool in "${tools[@]}"; do
		read -r w u s r < <(median "$work/$tool.runs")
		wall[$tool]=$w; rss[$tool]=$r
		if [ "$w" = - ]; then
			printf "%-7s %-8s %8s %8s %8s %9s %12s\n" "$n" "$tool" - - - - "did not finish"
			continue
		fi
		cpu[$tool]=$(awk "BEGIN{print $u + $s}")
		printf "%-7s %-8s %8s %8s %8s %9s %12.0f\n" "$n" "$tool" "$w" "$u" "$s" "$r" "$(awk "BEGIN{print $w * 1e6 / $n}")"
	done
	if [ "${wall[tenders]}" != - ] && [ "${wall[hugo]}" != - ]; then
		printf "%-7s %-8s %8.2f %17.2f %9.2f   (wall, CPU, memory: tenders / hugo)\n" "$n" "ratio" \
			"$(awk "BEGIN{print ${wall[tenders]} / ${wall[hugo]}}")" "$(awk "BEGIN{print ${cpu[tenders]} / ${cpu[hugo]}}")" "$(awk "BEGIN{print ${rss[tenders]} / ${rss[hugo]}}")"
	fi
	if [ -n "${BEFORE:-}" ] && [ "${wall[tenders]}" != - ] && [ "${wall[before]}" != - ]; then
		printf "%-7s %-8s %8.2f %17.2f %9.2f   (wall, CPU, memory: tenders / before)\n" "$n" "ratio" \
			"$(awk "BEGIN{print ${wall[tenders]} / ${wall[before]}}")" "$(awk "BEGIN{print ${cpu[tenders]} / ${cpu[before]}}")" "$(awk "BEGIN{print ${rss[tenders]} / ${rss[before]}}")"
	fi
	rm -rf "$site"
	unset wall cpu rss
done
} | tee bench/results.txt
