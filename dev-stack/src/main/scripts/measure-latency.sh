#!/usr/bin/env bash
# Usage (with ./scanflow up running): dev-stack/src/main/scripts/measure-latency.sh [.scanflow/dev-stack.json] [events]
# Sends N events one after another (each with its own scan session) and measures, per event, the
# time from the 200 of POST /server-events to the event being visible in the reports API.
set -euo pipefail
info=${1:-.scanflow/dev-stack.json}; n=${2:-30}
j() { python3 -c "import json,sys;d=json.load(open('$info'));print($1)"; }
ingest=$(j 'd["ingest_url"]'); reports=$(j 'd["reports_url"]'); token=$(j 'd["admin_token"]')
site=$(j 'd["demo"]["site_id"]'); key=$(j 'd["demo"]["api_key"]')
for i in $(seq "$n"); do
  s=$(cat /proc/sys/kernel/random/uuid); e=$(cat /proc/sys/kernel/random/uuid)
  curl -sf -o /dev/null "$ingest/scan-sessions" -H "X-API-Key: $key" -d "{\"site_id\":\"$site\",\"scan_session_id\":\"$s\",\"qr_code_id\":\"lat-$i\"}"
  curl -sf -o /dev/null "$ingest/server-events" -H "X-API-Key: $key" -d "{\"site_id\":\"$site\",\"event_name\":\"purchase\",\"event_id\":\"$e\",\"scan_session_id\":\"$s\"}"
  t0=$(date +%s%N)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$reports/api/sites/$site/events/$e")" = 200 ]; do sleep 0.01; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
done | sort -n | awk '{a[NR]=$1} END {k=int(NR*0.99+0.5); if (k>NR) k=NR; printf "n=%d min=%d p50=%d p90=%d p99=%d max=%d ms\n", NR, a[1], a[int(NR*0.5+0.5)], a[int(NR*0.9+0.5)], a[k], a[NR]}'
