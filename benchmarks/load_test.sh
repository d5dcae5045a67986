#!/usr/bin/env bash
# Load test of the after-sales roles on Odoo's multi-process server (see benchmarks/load_test.py).
#
#   benchmarks/load_test.sh [-d aftersales_test] [--users 50] [--minutes 10] [--workers 5]
#
# Needs the database bin/test leaves (all addons with the demo dealership and its demo users), or a copy of it
# holding years of history (benchmarks/kpi.py --keep leaves one), and Locust in a virtualenv of its own (it
# pins gevent, which Odoo pins too):
#   python3 -m venv .local/locust-venv && .local/locust-venv/bin/pip install locust==2.47.0
# Prepares the books (benchmarks/load_books.py prepare: the technicians' own logins, the part's stock), starts
# Odoo with --workers on a free loopback port (its own cron workers off), runs Locust headless for the users
# and minutes given, prints per action the requests, failures, p50, p95 and throughput, stops Odoo and checks
# every visit's books (benchmarks/load_books.py check; exit status 1 when one is off). The test writes whole
# visits into the database: check-ins, work orders, approvals, issue notes, clocks, invoices and payments.
set -euo pipefail
source "$(dirname "$0")/../bin/_lib.sh"

db=${AFTERSALES_TEST_DB:-aftersales_test}
users=50
minutes=10
workers=5
while [[ $# -gt 0 ]]; do
    case "$1" in
        -d) db=$2; shift ;;
        --users) users=$2; shift ;;
        --minutes) minutes=$2; shift ;;
        --workers) workers=$2; shift ;;
        *) die "unknown option $1 (see the head of $0)" ;;
    esac
    shift
done
locust=${LOCUST:-$LOCAL_DIR/locust-venv/bin/locust}
[[ -x "$locust" ]] || die "Locust is needed: python3 -m venv $LOCAL_DIR/locust-venv && $LOCAL_DIR/locust-venv/bin/pip install locust==2.47.0"
require_odoo
ensure_postgres
mapfile -t DB_OPTIONS < <(odoo_db_options)
state=$LOCAL_DIR/load-test-books.json
books=("$PYTHON" "$(dirname "$0")/load_books.py")
"${books[@]}" prepare -d "$db" --state "$state" --addons-path="$(odoo_addons_path)" "${DB_OPTIONS[@]}" \
    --data-dir="$LOCAL_DIR/data" --log-level=warn
part=$("$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["part_id"])' "$state")
technicians=$("$PYTHON" -c 'import json, sys; print(",".join(json.load(open(sys.argv[1]))["technicians"]))' "$state")
port=$(free_port)
gevent_port=$(free_port)
log=$LOCAL_DIR/load-test-odoo.log
: > "$log"  # this run's log alone: the serialization failures counted below are its own
# Odoo's console script: the multi-process server starts its gevent process by re-running it.
odoo_command=(odoo)
command -v odoo >/dev/null || odoo_command=("$PYTHON" -m odoo)
"${odoo_command[@]}" server --addons-path="$(odoo_addons_path)" "${DB_OPTIONS[@]}" -d "$db" --db-filter="^$db\$" \
    --data-dir="$LOCAL_DIR/data" --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$gevent_port" \
    --workers="$workers" --max-cron-threads=0 --limit-time-cpu=120 --limit-time-real=240 \
    --log-level=warn --logfile="$log" &
odoo_pid=$!
trap 'kill "$odoo_pid" 2>/dev/null || true; wait "$odoo_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/web/login" && break
    sleep 1
done
echo "== $users users for $minutes min on $db (Odoo: $workers workers, port $port)"
AFTERSALES_LOAD_DB=$db AFTERSALES_LOAD_PART=$part AFTERSALES_LOAD_TECHNICIANS=$technicians \
    "$locust" -f "$(dirname "$0")/load_test.py" --headless --host "http://127.0.0.1:$port" \
    --users "$users" --spawn-rate "$(( users > 10 ? 10 : users ))" --run-time "${minutes}m" --stop-timeout 30 \
    --only-summary --exit-code-on-error 0
echo "== serialization failures retried by Odoo: $(grep -c 'SerializationFailure\|could not serialize' "$log" || true) (log: $log)"
kill "$odoo_pid" 2>/dev/null || true; wait "$odoo_pid" 2>/dev/null || true
"${books[@]}" check -d "$db" --state "$state" --addons-path="$(odoo_addons_path)" "${DB_OPTIONS[@]}" \
    --data-dir="$LOCAL_DIR/data" --log-level=warn
