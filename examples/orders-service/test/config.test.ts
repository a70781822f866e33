// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../server/src/config.js';

const NAMES = ['PORT', 'HOST', 'DATABASE_PATH', 'LOG_LEVEL', 'LOG_FILE', 'ORDER_EXPIRY_MINUTES', 'EXPIRY_JOB_INTERVAL_MS'];
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

function setEnv(values: Record<string, string>): void {
  for (const name of NAMES) delete process.env[name];
  Object.assign(process.env, values);
}

describe('loadConfig', () => {
  afterEach(() => {
    for (const name of NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('uses documented defaults when nothing is set', () => {
    setEnv({});
    assert.deepEqual(loadConfig(), {
      port: 3000,
      host: '127.0.0.1',
      databasePath: 'data/orders.db',
      logLevel: 'info',
      logFile: undefined,
      orderExpiryMinutes: 30,
      expiryJobIntervalMs: 60_000,
    });
  });

  it('reads every variable', () => {
    setEnv({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_PATH: '/tmp/x.db',
      LOG_LEVEL: 'DEBUG',
      LOG_FILE: 'logs/service.jsonl',
      ORDER_EXPIRY_MINUTES: '5',
      EXPIRY_JOB_INTERVAL_MS: '2000',
    });
    const config = loadConfig();
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.databasePath, '/tmp/x.db');
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.logFile, 'logs/service.jsonl');
    assert.equal(config.orderExpiryMinutes, 5);
    assert.equal(config.expiryJobIntervalMs, 2000);
  });

  it('rejects malformed values with the variable name', () => {
    for (const [name, value] of [['PORT', 'http'], ['PORT', '70000'], ['LOG_LEVEL', 'loud'], ['ORDER_EXPIRY_MINUTES', '0']] as const) {
      setEnv({ [name]: value });
      assert.throws(() => loadConfig(), (error: unknown) => error instanceof ConfigError && error.message.includes(name));
    }
  });

  it('lets explicit overrides win', () => {
    setEnv({ PORT: '8080' });
    assert.equal(loadConfig({ port: 0 }).port, 0);
  });
});
