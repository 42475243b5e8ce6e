#!/usr/bin/env bash
# Benchmark: `gantry migrate lint` against squawk 2.66.0 on the same generated 50,000-line
# Flyway directory of realistic mixed PostgreSQL DDL (deterministic seed).
#
#   gantry-bench/scripts/migrate-lint-bench.sh [WORKDIR]
#
# Needs: a JDK 21+ (JAVA_HOME or the gantry launcher's search), python3, hyperfine, npm.
# squawk is installed with `npm install squawk-cli@2.66.0` into WORKDIR unless SQUAWK points
# at a squawk binary. Results are printed and written to WORKDIR/results.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-$(mktemp -d /tmp/gantry-migrate-lint-bench.XXXXXX)}"
lines="${LINES_TARGET:-50000}"
seed="${SEED:-20260301}"
mkdir -p "$work"
migrations="$work/migrations"

command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }

# 1. The migration directory.
rm -rf "$migrations"
python3 - "$migrations" "$lines" "$seed" <<'PY'
import os, random, sys
out, target, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
os.makedirs(out)
tables, total, version = [], 0, 0
types = ["bigint", "text", "timestamptz", "boolean", "numeric(12,2)", "jsonb", "uuid", "integer", "varchar(255)", "date"]
def column(i):
    return f"    col_{i} {rng.choice(types)}{rng.choice(['', ' NOT NULL', ' NULL'])}"
def statements(table):
    kind = rng.randrange(12)
    t = rng.choice(tables) if tables else table
    c = f"col_{rng.randrange(1, 30)}"
    if kind == 0:
        cols = ",\n".join(column(i) for i in range(1, rng.randrange(4, 14)))
        return [f"-- Create model {table}", f'CREATE TABLE IF NOT EXISTS "{table}" (', '    "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,', cols + ",", '    "created_at" timestamptz NOT NULL DEFAULT now()', ");"]
    if kind == 1:
        return [f'ALTER TABLE "{t}" ADD COLUMN IF NOT EXISTS "{c}_new" {rng.choice(types)};']
    if kind == 2:
        return [f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{t}_{c}_idx" ON "{t}" ("{c}");']
    if kind == 3:
        return [f"ALTER TABLE {t} ADD CONSTRAINT {t}_{c}_fk FOREIGN KEY ({c}) REFERENCES {rng.choice(tables or [table])} (id) NOT VALID;",
                f"ALTER TABLE {t} VALIDATE CONSTRAINT {t}_{c}_fk;"]
    if kind == 4:
        return ["DO $$", "BEGIN", f"  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = '{t}_status') THEN",
                f"    CREATE TYPE {t}_status AS ENUM ('new', 'active', 'closed');", "  END IF;", "END", "$$;"]
    if kind == 5:
        return [f"UPDATE {t} SET {c} = 'it''s backfilled' WHERE {c} IS NULL AND id BETWEEN {rng.randrange(1000)} AND {rng.randrange(1000, 9000)};"]
    if kind == 6:
        return [f"CREATE OR REPLACE FUNCTION {t}_touch() RETURNS trigger LANGUAGE plpgsql AS $fn$", "BEGIN",
                "  NEW.updated_at := now(); -- keep ; inside the body", "  RETURN NEW;", "END;", "$fn$;"]
    if kind == 7:
        return ["/* reporting view", "   /* nested comment */ */", f"CREATE OR REPLACE VIEW {t}_summary AS",
                f"SELECT id, {c}, created_at FROM {t} WHERE {c} IS NOT NULL;"]
    if kind == 8:
        return [f"ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL;"]
    if kind == 9:
        return [f"INSERT INTO {t} (id, {c}) VALUES ({rng.randrange(10**6)}, E'line\\nbreak'), ({rng.randrange(10**6)}, 'x');"]
    if kind == 10:
        return [f"COMMENT ON COLUMN {t}.{c} IS 'documented; with semicolons';"]
    return [f"ALTER TABLE {t} RENAME COLUMN {c} TO {c}_renamed;"]
while total < target:
    version += 1
    table = f"tbl_{version}"
    body = ["SET lock_timeout = '2s';", "SET statement_timeout = '5min';", ""]
    while len(body) < 100:
        body += statements(table)
        if table not in tables and len(body) > 10:
            tables.append(table)
        body.append("")
    text = "\n".join(body) + "\n"
    name = f"V{version // 10}_{version % 10}__change_{version}.sql"
    with open(os.path.join(out, name), "w") as f:
        f.write(text)
    total += text.count("\n")
print(f"generated {version} files, {total} lines in {out}")
PY
echo "lines: $(cat "$migrations"/*.sql | wc -l)"

# 2. Gantry.
jar="$root/gantry-cli/target/gantry.jar"
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/*; do
    if [[ -x "$candidate/bin/javac" ]] && "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then JAVA_HOME="$candidate"; fi
  done
  export JAVA_HOME
fi
if [[ ! -f "$jar" ]]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl gantry-cli -am package)
fi
java_bin="$JAVA_HOME/bin/java"

# 3. squawk.
squawk="${SQUAWK:-}"
if [[ -z "$squawk" ]]; then
  if [[ ! -x "$work/squawk/node_modules/.bin/squawk" ]]; then
    mkdir -p "$work/squawk"
    (cd "$work/squawk" && npm install --silent squawk-cli@2.66.0 >/dev/null)
  fi
  squawk="$work/squawk/node_modules/.bin/squawk"
fi
"$squawk" --version

# 4. Both, side by side. Both exit non-zero when they find something, hence -i.
gantry_cmd="$java_bin -jar $jar migrate lint $migrations"
# The same jar with the JIT limited to C1, as a launcher tuned for short CLI runs would start it.
gantry_c1_cmd="$java_bin -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $jar migrate lint $migrations"
squawk_cmd="$squawk $migrations/*.sql"
$gantry_cmd > "$work/gantry.txt" || true
$squawk_cmd > "$work/squawk.txt" 2>&1 || true
echo "gantry findings: $(grep -c ': blocking \|: warning ' "$work/gantry.txt" || true)"
echo "squawk summary: $(tail -n 1 "$work/squawk.txt")"
hyperfine -i --warmup 2 --runs "${RUNS:-10}" --export-markdown "$work/results.md" --export-json "$work/results.json" \
  -n "gantry migrate lint" "$gantry_cmd" \
  -n "gantry migrate lint (C1 JIT)" "$gantry_c1_cmd" \
  -n "squawk 2.66.0" "$squawk_cmd"
cat "$work/results.md"
python3 - "$work/results.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
s = r["squawk 2.66.0"]
for name in ("gantry migrate lint", "gantry migrate lint (C1 JIT)"):
    print(f"{name}: {r[name]:.3f} s, squawk {s:.3f} s, ratio gantry/squawk = {r[name]/s:.2f}")
PY
