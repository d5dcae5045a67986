#!/usr/bin/env bash
# A local PostgreSQL streaming replica (hot standby) of the Debian cluster the databases live on, to show
# Odoo's read-only cursors (db_replica_host / db_replica_port) reading there:
#
#   benchmarks/replica.sh start      # as root: creates the cluster "replica" on port 5433 from a base backup
#   python3 benchmarks/kpi.py -d <database> --db_replica_host=/var/run/postgresql --db_replica_port=5433 ...
#   benchmarks/replica.sh stop       # removes it
#
# The replica follows the primary through streaming replication (pg_basebackup -R); it accepts reads only.
set -euo pipefail

PRIMARY_CLUSTER=${PRIMARY_CLUSTER:-main}
REPLICA_CLUSTER=${REPLICA_CLUSTER:-replica}
REPLICA_PORT=${REPLICA_PORT:-5433}

read -r pg_version _ < <(pg_lsclusters --no-header | awk -v c="$PRIMARY_CLUSTER" '$2 == c')
[[ -n "${pg_version:-}" ]] || { echo "error: no PostgreSQL cluster named $PRIMARY_CLUSTER" >&2; exit 1; }
primary_port=$(pg_lsclusters --no-header | awk -v c="$PRIMARY_CLUSTER" '$2 == c {print $3}')

case "${1:-}" in
start)
    if pg_lsclusters --no-header | awk '{print $2}' | grep -qx "$REPLICA_CLUSTER"; then
        echo "replica cluster $pg_version/$REPLICA_CLUSTER exists"
    else
        pg_createcluster "$pg_version" "$REPLICA_CLUSTER" --port "$REPLICA_PORT" >/dev/null
        data_dir=$(pg_lsclusters --no-header | awk -v c="$REPLICA_CLUSTER" '$2 == c {print $6}')
        rm -rf "${data_dir:?}"/*
        # A base backup that writes the standby's settings (standby.signal, primary_conninfo): -R.
        runuser -u postgres -- pg_basebackup -h /var/run/postgresql -p "$primary_port" -D "$data_dir" -R \
            -X stream --checkpoint=fast
    fi
    pg_ctlcluster "$pg_version" "$REPLICA_CLUSTER" start 2>/dev/null || true
    for _ in $(seq 60); do
        recovering=$(runuser -u postgres -- psql -h /var/run/postgresql -p "$REPLICA_PORT" -Atc \
            "SELECT pg_is_in_recovery()" 2>/dev/null || true)
        [[ "$recovering" == "t" ]] && break
        sleep 1
    done
    [[ "${recovering:-}" == "t" ]] || { echo "error: the replica did not come up" >&2; exit 1; }
    # Odoo connects as the same role on both servers; the role exists on the replica through replication.
    runuser -u postgres -- psql -h /var/run/postgresql -p "$primary_port" -Atc \
        "SELECT 'streaming to ' || count(*) || ' standby(s)' FROM pg_stat_replication"
    echo "replica $pg_version/$REPLICA_CLUSTER answers on port $REPLICA_PORT (read-only, hot standby)"
    ;;
stop)
    pg_dropcluster --stop "$pg_version" "$REPLICA_CLUSTER" 2>/dev/null || true
    echo "replica removed"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
