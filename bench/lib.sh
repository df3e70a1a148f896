# What the bench scripts share; each sources it: . "$repo/bench/lib.sh"

# median: the median of the numbers on standard input, one per line (the mean of the middle two for an even count).
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# need_gnu_time: installs GNU time (Debian package 'time') when /usr/bin/time is missing; `timed` reads its %U %S %M.
need_gnu_time() {
  if [[ ! -x /usr/bin/time ]]; then
    echo "== installing GNU time (Debian package 'time')"
    apt-get install -y -qq time > /dev/null
  fi
}

# timed TIMES LOG COMMAND...: runs COMMAND once (its output into LOG) and appends "wall-seconds cpu-seconds peak-KiB"
# to TIMES: wall from the clock around it (ns), CPU = user + system and the peak RSS from GNU time (%U + %S, %M).
# When COMMAND exits non-zero: prints it and LOG, and exits the script with 1.
timed() {
  local times=$1 log=$2; shift 2
  local start end
  start=$(date +%s%N)
  if ! /usr/bin/time -f '%U %S %M' -o "$log.time" "$@" > "$log" 2>&1; then
    echo "failed: $*"; cat "$log"; exit 1
  fi
  end=$(date +%s%N)
  awk -v ns=$(( end - start )) '{ printf "%.6f %.2f %d\n", ns / 1e9, $1 + $2, $3 }' "$log.time" >> "$times"
}
