import { describe, expect, it } from 'vitest';
import { detectProject } from '../../../src/core/init/detect.js';
import { renderConfig } from '../../../src/core/init/plan.js';
import { detectService } from '../../../src/core/init/service.js';

const reader = (files: Record<string, string>) => (rel: string) => files[rel];
const lister = (files: Record<string, string>) => (dir: string) =>
  [
    ...new Set(
      Object.keys(files)
        .filter((f) => f.startsWith(`${dir}/`))
        .map((f) => f.slice(dir.length + 1).split('/')[0]!),
    ),
  ].filter((name) => Object.keys(files).some((f) => f.startsWith(`${dir}/${name}/`)));
const detect = (files: Record<string, string>) => detectService(reader(files), lister(files));
const pkg = (body: object) => JSON.stringify(body);

describe('detectService', () => {
  it('finds a server dependency', () => {
    expect(detect({ 'package.json': pkg({ dependencies: { express: '^4' } }) })).toEqual({ evidence: 'express in package.json dependencies', dir: '' });
    expect(detect({ 'package.json': pkg({ dependencies: { fastify: '^5' } }) })?.evidence).toContain('fastify');
    expect(detect({ 'pyproject.toml': '[project]\nname = "api"\ndependencies = ["fastapi>=0.110", "uvicorn[standard]"]\n' })?.evidence).toContain('fastapi');
    expect(detect({ 'requirements.txt': 'Django==5.0\n' })?.evidence).toContain('django');
    expect(detect({ 'go.mod': 'module x\n\nrequire github.com/gin-gonic/gin v1.10.0\n' })?.evidence).toContain('gin');
  });

  it('finds an entry point that listens on a port, also in a workspace package', () => {
    const plain = { 'package.json': pkg({ scripts: { start: 'node server.js' } }), 'server.js': "require('http').createServer(h).listen(3000);\n" };
    expect(detect(plain)).toEqual({ evidence: 'package.json scripts.start runs server.js, which listens on a port', dir: '' });
    const mono = {
      'package.json': pkg({ workspaces: ['packages/*'] }),
      'packages/lib/package.json': pkg({ name: 'lib' }),
      'packages/lib/index.js': 'export const x = 1;\n',
      'packages/api/package.json': pkg({ name: 'api', scripts: { start: 'node src/index.js' } }),
      'packages/api/src/index.js': 'createServer(handler).listen(8080);\n',
    };
    expect(detect(mono)).toEqual({
      evidence: 'packages/api/package.json scripts.start runs packages/api/src/index.js, which listens on a port',
      dir: 'packages/api',
    });
    expect(JSON.parse(renderConfig('{"version":1}', detectProject(reader(mono), lister(mono)))).runbooks.backender.sourceGlobs).toEqual([
      'packages/api/**/*.{ts,js,mjs,cjs}',
    ]);
  });

  it('finds none in a library, a CLI or a dev-only server dependency', () => {
    expect(detect({ 'package.json': pkg({ name: 'left-pad', main: 'index.js' }), 'index.js': 'module.exports = pad;\n' })).toBeUndefined();
    expect(detect({ 'package.json': pkg({ bin: { tool: 'cli.js' }, dependencies: { commander: '^14' } }) })).toBeUndefined();
    expect(detect({ 'package.json': pkg({ devDependencies: { express: '^4' } }) })).toBeUndefined();
    expect(
      detect({ 'pyproject.toml': '[project]\nname = "csvtidy"\ndependencies = ["click>=8.1"]\n[project.optional-dependencies]\ndev = ["pytest"]\n' }),
    ).toBeUndefined();
    expect(detect({ 'go.mod': 'module x\n\nrequire github.com/spf13/cobra v1.8.0\n' })).toBeUndefined();
  });

  it('init configures a runbook only for a service', () => {
    const service = detectProject(reader({ 'package.json': pkg({ dependencies: { express: '^4' } }) }));
    expect(JSON.parse(renderConfig('{"version":1}', service)).runbooks).toEqual({
      backender: { file: 'ops/backend/runbook.md', template: '.sentinel/templates/runbook.backender.md' },
    });
    const library = detectProject(reader({ 'package.json': pkg({ name: 'lib' }) }));
    expect(JSON.parse(renderConfig('{"version":1}', library)).runbooks).toBeUndefined();
  });
});
