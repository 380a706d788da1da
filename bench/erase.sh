#!/usr/bin/env bash
# Times erasing an ended event of N registrations through the real binary (issue 19): N
# partners imported with the CLI (their confirmations written as .eml files), the event moved
# into the past, POST /erase timed with curl; then what is left: mail files, the WAL, the
# addresses in the SQLite file. Usage: bench/erase.sh target/release/convene [N] [sqlite|postgres]
set -euo pipefail
bin=$(realpath "${1:?binary}"); n=${2:-5000}; db=${3:-sqlite}
work=$(mktemp -d); cd "$work"
case "$db" in
  sqlite) export DATABASE_URL="sqlite://$work/erase.db?mode=rwc" ;;
  postgres) name=erase_$RANDOM; psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $name"; export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$name"; export CONVENE_SECRET_KEY=$($bin key generate) ;;
esac
echo "a long bench password" | $bin user add --email bench@example.org --role organizer --password-stdin >/dev/null
token=$($bin token create --email bench@example.org --name bench)
python3 - "$n" > partners.csv <<'PY'
import sys
n=int(sys.argv[1]); print("first_name,last_name,email,organization,language,mode")
for i in range(n): print(f"Person{i},Surname{i},p{i}@erase.example,Org {i%40},fr,{'online' if i%2 else 'in_person'}")
PY
CONVENE_BIND=127.0.0.1:8097 CONVENE_MAIL_DIR=$work/mail $bin serve >serve.log 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8097/healthz >/dev/null && break; sleep 0.2; done
start=$(date -u -d '+1 day' +%Y-%m-%dT09:00:00Z); end=$(date -u -d '+1 day' +%Y-%m-%dT12:00:00Z)
id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "{\"title\":\"Erase bench\",\"starts_at\":\"$start\",\"ends_at\":\"$end\",\"status\":\"published\",\"in_person_capacity\":null}" http://127.0.0.1:8097/api/v1/events | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
$bin import registrations --notify "$id" partners.csv >/dev/null
q="SELECT COUNT(*) FROM outbox_email WHERE status <> 'sent'"
for _ in $(seq 1 600); do
  case "$db" in sqlite) left=$(sqlite3 "$work/erase.db" "$q") ;; postgres) left=$(psql -h 127.0.0.1 -U postgres -d "$name" -Atc "$q") ;; esac
  [ "$left" = 0 ] && break; sleep 1
done
echo "mails written: $(ls $work/mail | wc -l)"
case "$db" in
  sqlite) sqlite3 "$work/erase.db" "UPDATE event SET starts_at='2026-01-01T09:00:00+00:00', ends_at='2026-01-01T12:00:00+00:00'" ;;
  postgres) psql -h 127.0.0.1 -U postgres -d "$name" -qc "UPDATE event SET starts_at='2026-01-01 09:00:00+00', ends_at='2026-01-01 12:00:00+00'" ;;
esac
curl -s -o /dev/null -w "erase %{http_code} in %{time_total} s\n" -H "Authorization: Bearer $token" -X POST http://127.0.0.1:8097/api/v1/events/$id/erase
sleep 2
echo "mail files left: $(ls $work/mail | wc -l)"
if [ "$db" = sqlite ]; then ls -la "$work"/erase.db* | awk '{print $5, $9}'; echo "addresses left in the file: $(grep -c 'erase.example' "$work/erase.db" || true)"; fi
kill $pid; wait $pid 2>/dev/null || true
[ "$db" = postgres ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $name WITH (FORCE)"
rm -rf "$work"
