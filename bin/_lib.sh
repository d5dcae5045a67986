# Shared by bin/run and bin/test: find Odoo 19, find or start PostgreSQL.
# shellcheck shell=bash

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL_DIR=${AFTERSALES_LOCAL_DIR:-$REPO_ROOT/.local}
PYTHON=${PYTHON:-python3}
AFTERSALES_MODULES=aftersales_reception,aftersales_workshop,aftersales_parts,aftersales_accessories,aftersales_followup,aftersales_warranty,aftersales_insurance,aftersales_warranty_followup,aftersales_sms_cn,aftersales_wechat,aftersales_account,aftersales_kpi,aftersales_tier_validation,aftersales_warranty_tier_validation,aftersales_insurance_tier_validation

# A TCP port nobody listens on now: the test server never answers for (or to) a server already running.
free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

die() {
    echo "error: $*" >&2
    exit 1
}

# Odoo 19 must be importable by $PYTHON; say how to get it otherwise.
require_odoo() {
    local version
    version=$("$PYTHON" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null) ||
        die "Odoo is not importable by $PYTHON. Install Odoo 19.0 (official packages, Docker image or sources: pip install -r <odoo>/requirements.txt && pip install -e <odoo>), see README.md."
    [[ "$version" == "19.0" ]] || die "Odoo $version found; these addons need Odoo 19.0."
    require_oca_addons
}

# Odoo's own addons directory, the OCA addons installed from PyPI (requirements.txt) and ours, for any
# layout (packages, pip, source tree).
odoo_addons_path() {
    "$PYTHON" - "$REPO_ROOT/addons" <<'PY'
import os, site, sys, sysconfig
import odoo
paths = []
for package_dir in odoo.__path__:
    for candidate in (os.path.join(package_dir, "addons"), os.path.join(package_dir, "..", "addons")):
        candidate = os.path.realpath(candidate)
        if os.path.isdir(os.path.join(candidate, "web")) and candidate not in paths:
            paths.append(candidate)
# The wheels of odoo-addon-* packages install their addon into site-packages/odoo/addons.
site_dirs = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
if site.ENABLE_USER_SITE:
    site_dirs.append(site.getusersitepackages())
for site_dir in site_dirs:
    candidate = os.path.realpath(os.path.join(site_dir, "odoo", "addons"))
    if candidate not in paths and os.path.isdir(candidate) and any(
        os.path.isfile(os.path.join(candidate, name, "__manifest__.py")) for name in os.listdir(candidate)
    ):
        paths.append(candidate)
paths.append(os.path.realpath(sys.argv[1]))
print(",".join(paths))
PY
}

# The OCA addons of requirements.txt must be installed: Odoo would otherwise skip the after-sales addons
# that depend on them ("some depends are not loaded").
require_oca_addons() {
    local missing
    missing=$("$PYTHON" - "$REPO_ROOT/requirements.txt" <<'PY'
import importlib.util, re, sys
for line in open(sys.argv[1]):
    match = re.match(r"\s*odoo-addon-([A-Za-z0-9_-]+)", line)
    if match and not importlib.util.find_spec("odoo.addons." + match.group(1).replace("-", "_")):
        print(match.group(1))
PY
    ) || die "cannot read $REPO_ROOT/requirements.txt"
    [[ -z "$missing" ]] ||
        die "OCA addons missing: $(echo "$missing" | tr '\n' ' ')- install them: pip install --no-deps -r $REPO_ROOT/requirements.txt"
}

pg_ready() {
    psql -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1
}

# Use the PostgreSQL the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD) points to;
# otherwise start the system cluster (as root) or a private one under .local/ (as a user).
ensure_postgres() {
    command -v psql >/dev/null || die "psql not found: install PostgreSQL (Debian: apt-get install postgresql)."
    pg_ready && return 0
    if [[ $(id -u) -eq 0 ]] && command -v pg_lsclusters >/dev/null; then
        local version cluster
        read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1)
        [[ -n "$version" ]] || die "no PostgreSQL cluster: create one with pg_createcluster."
        pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
        local user
        user=$(id -un)
        runuser -u postgres -- psql -Atqc "SELECT 1 FROM pg_roles WHERE rolname = '$user'" | grep -q 1 ||
            runuser -u postgres -- createuser --createdb "$user"
        export PGHOST=${PGHOST:-/var/run/postgresql}
    else
        local bindir
        bindir=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -n 1)")
        [[ -x "$bindir/initdb" ]] || die "no PostgreSQL server reachable and initdb not found."
        mkdir -p "$LOCAL_DIR/pgsocket"
        if [[ ! -f "$LOCAL_DIR/pgdata/PG_VERSION" ]]; then
            "$bindir/initdb" -D "$LOCAL_DIR/pgdata" -U "$(id -un)" --auth=trust >/dev/null
        fi
        export PGHOST=$LOCAL_DIR/pgsocket PGPORT=${PGPORT:-54329}
        "$bindir/pg_ctl" -D "$LOCAL_DIR/pgdata" -l "$LOCAL_DIR/postgres.log" -w \
            -o "-k $PGHOST -p $PGPORT -c listen_addresses=''" start >/dev/null
    fi
    pg_ready || die "PostgreSQL did not answer; see its log."
}

# Odoo's database options from the libpq environment.
odoo_db_options() {
    local options=()
    [[ -n "${PGHOST:-}" ]] && options+=("--db_host=$PGHOST")
    [[ -n "${PGPORT:-}" ]] && options+=("--db_port=$PGPORT")
    [[ -n "${PGUSER:-}" ]] && options+=("--db_user=$PGUSER")
    [[ -n "${PGPASSWORD:-}" ]] && options+=("--db_password=$PGPASSWORD")
    [[ ${#options[@]} -eq 0 ]] || printf '%s\n' "${options[@]}"
}
