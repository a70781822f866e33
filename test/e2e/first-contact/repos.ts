/**
 * Three repositories as people have them, for the first-contact suite: an Express service with
 * SQL migrations and tests, a Python CLI package, and an npm workspace monorepo. Nothing here is
 * shaped to suit Sentinel; each has the clutter a real checkout has (installed dependencies,
 * caches, a `.env` the `.gitignore` hides).
 */

/** An Express + PostgreSQL orders service, as `npm init` + `npm i express pg` and a few weeks of work leave it. */
export const expressService: Record<string, string> = {
  'package.json': `${JSON.stringify(
    {
      name: 'orders-service',
      version: '0.3.0',
      private: true,
      type: 'module',
      main: 'src/server.js',
      scripts: {
        start: 'node src/server.js',
        dev: 'node --watch src/server.js',
        migrate: 'node scripts/migrate.js',
        test: 'node --test',
      },
      dependencies: { express: '^4.21.2', pg: '^8.13.1', dotenv: '^16.4.7' },
    },
    null,
    2,
  )}\n`,
  'package-lock.json': `${JSON.stringify({ name: 'orders-service', version: '0.3.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'orders-service', version: '0.3.0' } } }, null, 2)}\n`,
  '.gitignore': 'node_modules/\n.env\ncoverage/\n*.log\n',
  '.env.example': 'DATABASE_URL=postgres://orders:orders@localhost:5432/orders\nPORT=3000\n',
  '.env': 'DATABASE_URL=postgres://orders:s3cr3t-local@localhost:5432/orders\nPORT=3000\n',
  'README.md': '# orders-service\n\nREST API for orders.\n\n```sh\nnpm install\nnpm run migrate\nnpm start\n```\n',
  'src/server.js': `import 'dotenv/config';
import pg from 'pg';
import { createApp } from './app.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const port = Number(process.env.PORT ?? 3000);

createApp(pool).listen(port, () => {
  console.log(\`orders-service listening on \${port}\`);
});
`,
  'src/app.js': `import express from 'express';
import { ordersRouter } from './routes/orders.js';

export function createApp(db) {
  const app = express();
  app.use(express.json());
  app.get('/health', (_req, res) => res.json({ status: 'ok' }));
  app.use('/orders', ordersRouter(db));
  app.use((err, _req, res, _next) => {
    console.error(err);
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
`,
  'src/routes/orders.js': `import { Router } from 'express';
import { validateOrder } from '../validate.js';

export function ordersRouter(db) {
  const router = Router();

  router.get('/', async (_req, res, next) => {
    try {
      const { rows } = await db.query('SELECT id, sku, quantity, created_at FROM orders ORDER BY id DESC LIMIT 100');
      res.json(rows);
    } catch (err) {
      next(err);
    }
  });

  router.post('/', async (req, res, next) => {
    const problem = validateOrder(req.body);
    if (problem) return res.status(400).json({ error: problem });
    try {
      const { rows } = await db.query('INSERT INTO orders (sku, quantity) VALUES ($1, $2) RETURNING *', [req.body.sku, req.body.quantity]);
      res.status(201).json(rows[0]);
    } catch (err) {
      next(err);
    }
  });

  return router;
}
`,
  'src/validate.js': `export function validateOrder(body) {
  if (!body || typeof body.sku !== 'string' || body.sku.trim() === '') return 'sku is required';
  if (!Number.isInteger(body.quantity) || body.quantity < 1) return 'quantity must be a positive integer';
  return null;
}
`,
  'scripts/migrate.js': `import 'dotenv/config';
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)');
const done = new Set((await client.query('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
for (const name of (await readdir('migrations')).sort()) {
  if (done.has(name)) continue;
  await client.query(await readFile(\`migrations/\${name}\`, 'utf8'));
  await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
  console.log('applied', name);
}
await client.end();
`,
  'migrations/001_create_orders.sql': `CREATE TABLE orders (
  id SERIAL PRIMARY KEY,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
`,
  'migrations/002_orders_sku_index.sql': 'CREATE INDEX orders_sku_idx ON orders (sku);\n',
  'test/validate.test.js': `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateOrder } from '../src/validate.js';

test('accepts a valid order', () => {
  assert.equal(validateOrder({ sku: 'A-1', quantity: 2 }), null);
});

test('rejects a missing sku', () => {
  assert.equal(validateOrder({ quantity: 2 }), 'sku is required');
});

test('rejects a zero quantity', () => {
  assert.equal(validateOrder({ sku: 'A-1', quantity: 0 }), 'quantity must be a positive integer');
});
`,
};

/** What `npm install` leaves behind: ignored by .gitignore in the service, not in the monorepo. */
export const installedDependencies: Record<string, string> = {
  'node_modules/express/package.json': '{"name":"express","version":"4.21.2","main":"index.js"}\n',
  'node_modules/express/index.js': "module.exports = require('./lib/express');\n",
  'node_modules/express/lib/express.js': `var env = process.env.NODE_ENV || 'development';\nexports = module.exports = function createApplication() { return { env: env }; };\n`,
  'node_modules/pg/package.json': '{"name":"pg","version":"8.13.1","main":"lib/index.js"}\n',
  'node_modules/pg/lib/index.js': `module.exports = { Pool: function Pool() {}, Client: function Client() {} };\nvar host = process.env.PGHOST || 'localhost';\n`,
  // Dependencies ship test fixtures with keys in them; they are not the project's secrets.
  'node_modules/pg/test/fixtures/ssl.key':
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF0qWnVs3kqVJAxmRHTw2jRf4sF2W\nq7ZpFnJ0aOt6QnW3Jc2C0sWw4sN7gOqmnDkJ1cWZ+Jm0eYyE5mXJx3XqfdqM3Hq8\n-----END RSA PRIVATE KEY-----\n',
  'node_modules/.package-lock.json': '{"name":"orders-service","lockfileVersion":3,"packages":{}}\n',
};

/** A click-based CLI packaged with a PEP 621 pyproject, tested with pytest. */
export const pythonCli: Record<string, string> = {
  'pyproject.toml': `[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "csvtidy"
version = "0.4.1"
description = "Normalise messy CSV exports"
readme = "README.md"
requires-python = ">=3.9"
dependencies = ["click>=8.1"]

[project.optional-dependencies]
dev = ["pytest>=8"]

[project.scripts]
csvtidy = "csvtidy.cli:main"

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["src"]
`,
  '.gitignore': '__pycache__/\n*.py[cod]\n.venv/\ndist/\nbuild/\n*.egg-info/\n.pytest_cache/\n',
  'README.md': '# csvtidy\n\nNormalise messy CSV exports.\n\n```sh\npip install -e ".[dev]"\ncsvtidy data.csv -o clean.csv\n```\n',
  LICENSE: 'MIT License\n\nCopyright (c) 2025 Ada Example\n',
  'src/csvtidy/__init__.py': '__version__ = "0.4.1"\n',
  'src/csvtidy/__main__.py': 'from csvtidy.cli import main\n\nmain()\n',
  'src/csvtidy/tidy.py': `import csv
import io


def normalise_header(name: str) -> str:
    return "_".join(name.strip().lower().split())


def tidy(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\\n")
    writer.writerow([normalise_header(h) for h in rows[0]])
    for row in rows[1:]:
        if any(cell.strip() for cell in row):
            writer.writerow([cell.strip() for cell in row])
    return out.getvalue()
`,
  'src/csvtidy/cli.py': `import os

import click

from csvtidy.tidy import tidy


@click.command()
@click.argument("source", type=click.File("r"))
@click.option("-o", "--output", type=click.File("w"), default="-")
def main(source, output):
    """Normalise headers and drop blank rows from SOURCE."""
    if os.environ.get("CSVTIDY_DEBUG"):
        click.echo(f"reading {source.name}", err=True)
    output.write(tidy(source.read()))
`,
  'tests/test_tidy.py': `from csvtidy.tidy import normalise_header, tidy


def test_normalise_header():
    assert normalise_header("  First Name ") == "first_name"


def test_drops_blank_rows():
    assert tidy("A,B\\n1,2\\n , \\n3,4\\n") == "a,b\\n1,2\\n3,4\\n"


def test_empty_input():
    assert tidy("") == ""
`,
};

/** A local virtualenv and bytecode caches, as `python -m venv .venv && pip install -e .[dev] && pytest` leave them. */
export const pythonClutter: Record<string, string> = {
  '.venv/pyvenv.cfg': 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n',
  '.venv/lib/python3.11/site-packages/click/core.py': 'import os\n\nDEBUG = os.environ.get("CLICK_DEBUG")\n',
  '.venv/lib/python3.11/site-packages/requests/__init__.py': 'API_KEY = "sk_live_51HxQkGJZ8pX9Lx2vT0Ab3cD4eF5gH6iJ7kL8mN"\n',
  'src/csvtidy/__pycache__/tidy.cpython-311.pyc': 'compiled\n',
};

/** An npm workspaces monorepo: a shared library and an HTTP API that uses it, with no .gitignore yet. */
export const monorepo: Record<string, string> = {
  'package.json': `${JSON.stringify(
    {
      name: 'acme',
      private: true,
      workspaces: ['packages/*'],
      scripts: { build: 'npm run build --workspaces --if-present', test: 'npm test --workspaces --if-present' },
    },
    null,
    2,
  )}\n`,
  'package-lock.json': `${JSON.stringify({ name: 'acme', lockfileVersion: 3, requires: true, packages: { '': { name: 'acme', workspaces: ['packages/*'] } } }, null, 2)}\n`,
  'README.md': '# acme\n\nMonorepo: `packages/money` (money arithmetic) and `packages/api` (HTTP API).\n',
  'packages/money/package.json': `${JSON.stringify(
    { name: '@acme/money', version: '1.2.0', type: 'module', main: 'src/index.js', scripts: { test: 'node --test' } },
    null,
    2,
  )}\n`,
  'packages/money/src/index.js': `/** Amounts are integer cents; rounding is half-even like the ledger. */
export function add(a, b) {
  return a + b;
}

export function split(total, parts) {
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}

export function format(cents, currency = 'EUR') {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100);
}
`,
  'packages/money/test/money.test.js': `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, split } from '../src/index.js';

test('add', () => assert.equal(add(150, 250), 400));
test('split keeps every cent', () => assert.deepEqual(split(100, 3), [34, 33, 33]));
`,
  'packages/api/package.json': `${JSON.stringify(
    {
      name: '@acme/api',
      version: '0.1.0',
      private: true,
      type: 'module',
      main: 'src/index.js',
      scripts: { start: 'node src/index.js', test: 'node --test' },
      dependencies: { '@acme/money': '^1.2.0' },
    },
    null,
    2,
  )}\n`,
  'packages/api/src/index.js': `import { createServer } from 'node:http';
import { format, split } from '@acme/money';

export function handle(url) {
  const match = /^\\/split\\/(\\d+)\\/(\\d+)$/.exec(url);
  if (!match) return { status: 404, body: { error: 'not found' } };
  const parts = split(Number(match[1]), Number(match[2]));
  return { status: 200, body: { parts: parts.map((p) => format(p)) } };
}

if (import.meta.url === \`file://\${process.argv[1]}\`) {
  createServer((req, res) => {
    const { status, body } = handle(req.url ?? '/');
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }).listen(Number(process.env.PORT ?? 8080));
}
`,
  'packages/api/test/api.test.js': `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handle } from '../src/index.js';

test('unknown path is 404', () => assert.equal(handle('/nope').status, 404));
`,
};

/** npm workspaces link each package into the root node_modules. */
export const monorepoInstalled: Record<string, string> = {
  'node_modules/@acme/money/package.json': monorepo['packages/money/package.json']!,
  'node_modules/@acme/money/src/index.js': monorepo['packages/money/src/index.js']!,
  'node_modules/.package-lock.json': '{"name":"acme","lockfileVersion":3,"packages":{}}\n',
  'node_modules/semver/package.json': '{"name":"semver","version":"7.6.3"}\n',
  'node_modules/semver/index.js': 'const debug = process.env.NODE_DEBUG && /semver/i.test(process.env.NODE_DEBUG);\nmodule.exports = { debug };\n',
  'node_modules/some-sdk/test/keys.js': "module.exports = { aws: 'AKIAIOSFODNN7EXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };\n",
  'coverage/lcov.info': 'TN:\nSF:packages/money/src/index.js\nend_of_record\n',
};
