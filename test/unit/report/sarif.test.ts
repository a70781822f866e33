import { describe, expect, it } from 'vitest';
import { buildSarif, toUriReference, type SarifOptions } from '../../../src/cli/render/sarif.js';
import { buildCheckReport } from '../../../src/core/report/check-report.js';
import { createAjv2020 } from '../../../src/core/schema/ajv.js';
import { sampleGates } from './fixtures.js';

/**
 * The parts of the OASIS SARIF 2.1.0 schema (sarif-schema-2.1.0.json) that Sentinel emits, with
 * the same required properties, enums and formats, closed with additionalProperties:false as the
 * official definitions are; plus GitHub code scanning's own rules (a located result with a
 * relative URI and region.startLine, message.text rather than message ids).
 */
const message = { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', minLength: 1 } } };
const level = { enum: ['none', 'note', 'warning', 'error'] };
const propertyBag = { type: 'object' };
const SARIF_FACTS = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            additionalProperties: false,
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                additionalProperties: false,
                required: ['name'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  version: { type: 'string' },
                  semanticVersion: { type: 'string' },
                  informationUri: { type: 'string', format: 'uri' },
                  rules: {
                    type: 'array',
                    uniqueItems: true,
                    items: {
                      type: 'object',
                      additionalProperties: false,
                      required: ['id'],
                      properties: {
                        id: { type: 'string', minLength: 1, maxLength: 255 },
                        name: { type: 'string' },
                        shortDescription: message,
                        fullDescription: message,
                        help: message,
                        helpUri: { type: 'string', format: 'uri' },
                        defaultConfiguration: { type: 'object', additionalProperties: false, properties: { level } },
                        properties: propertyBag,
                      },
                    },
                  },
                },
              },
            },
          },
          automationDetails: { type: 'object', additionalProperties: false, properties: { id: { type: 'string' } } },
          invocations: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['executionSuccessful'],
              properties: { executionSuccessful: { type: 'boolean' }, exitCode: { type: 'integer' } },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['message', 'ruleId', 'locations'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                level,
                message,
                properties: propertyBag,
                locations: {
                  type: 'array',
                  minItems: 1,
                  maxItems: 10,
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['physicalLocation'],
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        additionalProperties: false,
                        required: ['artifactLocation', 'region'],
                        properties: {
                          artifactLocation: {
                            type: 'object',
                            additionalProperties: false,
                            required: ['uri', 'uriBaseId'],
                            properties: {
                              // Relative: no scheme, no leading slash (GitHub resolves it against the checkout).
                              uri: { type: 'string', format: 'uri-reference', pattern: '^(?![A-Za-z][A-Za-z0-9+.-]*:)(?!/)' },
                              uriBaseId: { const: '%SRCROOT%' },
                            },
                          },
                          region: {
                            type: 'object',
                            additionalProperties: false,
                            required: ['startLine'],
                            properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          properties: propertyBag,
        },
      },
    },
  },
};

const options: SarifOptions = {
  toolVersion: '1.2.3',
  informationUri: 'https://www.npmjs.com/package/sentinelkit',
  helpBaseUri: 'https://www.npmjs.com/package/sentinelkit',
  fallbackPath: '.sentinel/config.json',
};

const validate = createAjv2020().compile(SARIF_FACTS);
const sarifOf = (gates = sampleGates()) => buildSarif(buildCheckReport({ gates, strict: false, base: null, capsule: null, durationMs: 1 }), options) as any;

describe('buildSarif', () => {
  it('produces a log that satisfies the SARIF 2.1.0 and GitHub code scanning requirements', () => {
    const sarif = sarifOf();
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('has one rule per diagnostic code and one result per diagnostic, with levels mapped', () => {
    const run = sarifOf().runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'sentinel', version: '1.2.3' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['SENTINEL_TEST_FAILED', 'SENTINEL_TEST_SKIPPED', 'COMMANDS_NONE']);
    expect(run.tool.driver.rules[0]).toMatchObject({
      helpUri: 'https://www.npmjs.com/package/sentinelkit#sentinel_test_failed',
      fullDescription: { text: expect.stringContaining('sentinels gate') },
      help: { text: 'Fix the code, not the sentinel' },
    });
    expect(run.results.map((r: { ruleId: string; level: string; ruleIndex: number }) => [r.ruleId, r.level, r.ruleIndex])).toEqual([
      ['SENTINEL_TEST_FAILED', 'error', 0],
      ['SENTINEL_TEST_SKIPPED', 'warning', 1],
      ['COMMANDS_NONE', 'note', 2],
    ]);
  });

  it('locates results at encoded relative URIs, defaulting to line 1 and the fallback file', () => {
    const [failed, skipped, none] = sarifOf().runs[0].results;
    expect(failed.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: '.sentinel/tests/sentinels/orders%20dir/orders.test.mjs', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4 },
    });
    expect(skipped.locations[0].physicalLocation.region).toEqual({ startLine: 1 });
    expect(none.locations[0].physicalLocation.artifactLocation.uri).toBe('.sentinel/config.json');
  });

  it('the facts schema catches what GitHub would reject', () => {
    const sarif = sarifOf();
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = '/abs/path.ts';
    expect(validate(broken)).toBe(false);
    const noLine = structuredClone(sarif);
    noLine.runs[0].results[0].locations[0].physicalLocation.region = {};
    expect(validate(noLine)).toBe(false);
    expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);
  });

  it('is an empty but valid log when nothing was reported', () => {
    const sarif = sarifOf(sampleGates().filter((g) => g.diagnostics.length === 0));
    expect(sarif.runs[0].results).toEqual([]);
    expect(validate(sarif)).toBe(true);
  });
});

describe('toUriReference', () => {
  it('percent-encodes each segment and keeps the slashes', () => {
    expect(toUriReference('src/a b/#c?.ts')).toBe('src/a%20b/%23c%3F.ts');
    expect(toUriReference('./x\\y.ts')).toBe('x/y.ts');
  });
});
