# Throw-away PostgreSQL cluster for tests. Source this file, then call `postgres_start`; it
# exports GATEHOUSE_TEST_POSTGRES_URL and registers `postgres_stop` to run on exit.
# Installs Debian's postgresql package when no server binaries are present.

postgres_bin() {
    local initdb
    initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
    [ -n "$initdb" ] && dirname "$initdb"
}

postgres_as_owner() {
    # PostgreSQL refuses to run as root: run it as the `postgres` user then.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
    local bin port
    bin=$(postgres_bin || true)
    if [ -z "$bin" ]; then
        echo "postgres: installing Debian's postgresql package"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin=$(postgres_bin)
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home /var/lib/postgresql --shell /bin/sh postgres
    fi
    GATEHOUSE_PGDATA=$(mktemp -d /tmp/gatehouse-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres: "$GATEHOUSE_PGDATA"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    postgres_as_owner "$bin/initdb" -D "$GATEHOUSE_PGDATA/data" -U postgres --auth=trust -E UTF8 >/dev/null
    postgres_as_owner "$bin/pg_ctl" -D "$GATEHOUSE_PGDATA/data" -l "$GATEHOUSE_PGDATA/server.log" -w -t 60 \
        -o "-p $port -k $GATEHOUSE_PGDATA -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
    postgres_as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres gatehouse_test
    export GATEHOUSE_PG_BIN="$bin" GATEHOUSE_PG_PORT="$port" GATEHOUSE_PGDATA
    export GATEHOUSE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/gatehouse_test?sslmode=disable"
    trap postgres_stop EXIT
    echo "postgres: throw-away cluster on 127.0.0.1:$port"
}

postgres_stop() {
    if [ -n "${GATEHOUSE_PGDATA:-}" ] && [ -d "$GATEHOUSE_PGDATA/data" ]; then
        postgres_as_owner "$GATEHOUSE_PG_BIN/pg_ctl" -D "$GATEHOUSE_PGDATA/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$GATEHOUSE_PGDATA"
    fi
}
