#!/usr/bin/env bash
# Issue 6's export benchmark: N registrations (default 100,000) in a fresh SQLite database,
# exported as CSV and XLSX by the release binary's HTTP API; prints seconds and the server's
# peak resident memory (VmHWM) for BENCHMARKS.md.
#
#   bench/export.sh            # builds target/release/convene if missing
#   N=20000 bench/export.sh    # a smaller run
#
# Seeding goes through `convene import registrations` (a generated partner list, one
# transaction, the same seat rules as any registration), in its own process, so the server's
# memory holds nothing but what serving the export costs.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
BIN=${BIN:-target/release/convene}
[ -x "$BIN" ] || cargo build --release
work=$(mktemp -d)
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc"
serve_pid=""
cleanup() { [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "a long benchmark password" | "$BIN" user add --email bench@example.org --role organizer --password-stdin >/dev/null 2>&1
token=$("$BIN" token create --email bench@example.org --name bench 2>/dev/null)

CONVENE_BIND=127.0.0.1:0 CONVENE_MAIL_DIR="$work/mail" RUST_LOG=warn "$BIN" serve >"$work/serve.log" 2>&1 &
serve_pid=$!
base=""
for _ in $(seq 1 100); do
  base=$(sed -n 's/^Convene listening on //p' "$work/serve.log" | head -n1)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { cat "$work/serve.log"; echo "serve did not start" >&2; exit 1; }
event=$(curl -fsS -X POST "$base/api/v1/events" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"title":"Export benchmark","slug":"export-bench","starts_at":"2031-12-13T09:30:00+01:00","ends_at":"2031-12-13T13:00:00+01:00","timezone":"Europe/Brussels","in_person_capacity":null,"status":"published","questions":[{"key":"dietary","kind":"text","required":false,"label":{"en":"Dietary needs"}}]}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

awk -v n="$N" 'BEGIN {
  print "first_name,last_name,email,organization,language,mode,dietary";
  for (i = 0; i < n; i++)
    printf "Partner%d,Van den Broeck,partner%d@example.org,Agentschap Integratie en Inburgering,nl,%s,%s\n", i, i, (i % 2 ? "online" : "in_person"), (i % 7 ? "" : "vegetarian");
}' >"$work/partners.csv"
started=$(date +%s.%N)
"$BIN" import registrations export-bench "$work/partners.csv" --as bench@example.org >/dev/null 2>"$work/import.log"
import_s=$(echo "$(date +%s.%N) - $started" | bc)
tail -n1 "$work/import.log"

hwm() { awk '/VmHWM/ {print $2}' "/proc/$serve_pid/status"; }
idle_kb=$(hwm)
read -r csv_s csv_bytes < <(curl -fsS -o "$work/attendees.csv" -w '%{time_total} %{size_download}\n' \
  -H "Authorization: Bearer $token" "$base/api/v1/events/$event/attendees.csv")
csv_kb=$(hwm)
rows=$(($(wc -l <"$work/attendees.csv") - 1))
[ "$rows" -eq "$N" ] || { echo "expected $N rows, got $rows" >&2; exit 1; }
read -r xlsx_s xlsx_bytes < <(curl -fsS -o "$work/attendees.xlsx" -w '%{time_total} %{size_download}\n' \
  -H "Authorization: Bearer $token" "$base/api/v1/events/$event/attendees.xlsx")
xlsx_kb=$(hwm)

echo
printf 'registrations: %d (seeded by the CLI import in %.1f s)\n' "$N" "$import_s"
echo "server peak RSS before the exports: $((idle_kb / 1024)) MiB"
printf 'CSV : %6.2f s, %5.1f MB, server peak RSS %d MiB\n' "$csv_s" "$(echo "$csv_bytes / 1000000" | bc -l)" $((csv_kb / 1024))
printf 'XLSX: %6.2f s, %5.1f MB, server peak RSS %d MiB\n' "$xlsx_s" "$(echo "$xlsx_bytes / 1000000" | bc -l)" $((xlsx_kb / 1024))
