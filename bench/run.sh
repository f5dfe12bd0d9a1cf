#!/usr/bin/env bash
# Benchmarks tenders build against Hugo on the same synthetic briefs, side
# by side in one run, and prints wall time, CPU time and peak memory.
#
# Usage: bash bench/run.sh [N ...]        (default: 1000 10000 30000)
#
# It installs Debian's hugo if it is missing (the test command does not),
# writes synthetic sites with internal/synth/gensite, and builds each with
# both tools into a fresh folder on the same disk, a few seconds apart, so
# the disk settles between runs. Results go to stdout and bench/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 30000)
runs=${RUNS:-2}

if ! command -v hugo >/dev/null 2>&1; then
	echo "== installing hugo (Debian)"
	sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends hugo >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tenders-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/tenders" ./cmd/tenders
go build -o "$work/gensite" ./internal/synth/gensite

# measure LABEL COMMAND...: prints "wall_s cpu_s peak_mb" for one run.
measure() {
	local log="$work/time.log"
	sync; sleep 3
	/usr/bin/time -v -o "$log" "$@" >/dev/null 2>&1
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
		/User time/ { user = $2 } /System time/ { sys = $2 }
		/Maximum resident/ { rss = $2 / 1024 }
		END { printf "%.2f %.2f %.0f\n", wall, user + sys, rss }' "$log"
}

{
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(go version); $(hugo version | cut -d' ' -f1-2)"
printf "%-7s %-8s %8s %8s %9s %12s\n" briefs tool wall_s cpu_s peak_mb us_per_brief
for n in "${sizes[@]}"; do
	site="$work/site-$n"
	"$work/gensite" -n "$n" -out "$site"
	declare -A best_wall=() best_cpu=() best_rss=()
	for run in $(seq 1 "$runs"); do
		# Build at a clock late in the synthetic year, so most briefs are
		# closed, as on a real site with an archive.
		read -r w c r < <(measure "$work/tenders" build --site "$site" --out "$work/out-tenders-$n-$run" --now 2026-12-01T09:00:00Z)
		if [ -z "${best_wall[tenders]:-}" ] || awk "BEGIN{exit !($w < ${best_wall[tenders]})}"; then best_wall[tenders]=$w; best_cpu[tenders]=$c; best_rss[tenders]=$r; fi
		read -r w c r < <(measure hugo --quiet --source bench/hugo --contentDir "$site/content" --destination "$work/out-hugo-$n-$run")
		if [ -z "${best_wall[hugo]:-}" ] || awk "BEGIN{exit !($w < ${best_wall[hugo]})}"; then best_wall[hugo]=$w; best_cpu[hugo]=$c; best_rss[hugo]=$r; fi
		rm -rf "$work/out-tenders-$n-$run" "$work/out-hugo-$n-$run"
	done
	for tool in tenders hugo; do
		printf "%-7s %-8s %8s %8s %9s %12.0f\n" "$n" "$tool" "${best_wall[$tool]}" "${best_cpu[$tool]}" "${best_rss[$tool]}" "$(awk "BEGIN{print ${best_wall[$tool]} * 1e6 / $n}")"
	done
	printf "%-7s %-8s %8.2f %8.2f %9.2f\n" "$n" "ratio" "$(awk "BEGIN{print ${best_wall[tenders]} / ${best_wall[hugo]}}")" "$(awk "BEGIN{print ${best_cpu[tenders]} / ${best_cpu[hugo]}}")" "$(awk "BEGIN{print ${best_rss[tenders]} / ${best_rss[hugo]}}")"
	rm -rf "$site"
	unset best_wall best_cpu best_rss
done
} | tee bench/results.txt
