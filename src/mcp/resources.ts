import { ErrorCode, McpError, type ReadResourceResult, type Resource, type ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import { discoverAgents } from '../core/agents/discover.js';
import { capsuleSlug, findCapsule, loadCapsules } from '../core/capsule/discover.js';
import { SentinelError } from '../core/errors.js';
import { readTextIfExists } from '../core/workspace/fs.js';
import type { SentinelConfig } from '../core/workspace/config-types.js';
import path from 'node:path';

const MARKDOWN = 'text/markdown';

export const RESOURCE_TEMPLATES: ResourceTemplate[] = [
  { uriTemplate: 'sentinel://capsule/{slug}', name: 'capsule', description: 'A capsule by slug', mimeType: MARKDOWN },
  { uriTemplate: 'sentinel://agent/{id}/role', name: 'agent-role', description: "An agent's ROLE.md", mimeType: MARKDOWN },
  { uriTemplate: 'sentinel://agent/{id}/playbook', name: 'agent-playbook', description: "An agent's PLAYBOOK.md", mimeType: MARKDOWN },
  {
    uriTemplate: 'sentinel://pr-body/{capsule}',
    name: 'pr-body-capsule',
    description: "The pull-request description for one capsule's work",
    mimeType: MARKDOWN,
  },
];

/** `sentinel pr body` as a resource: the PACKAGE step reads it without a tool in tools/list. */
async function prBody(root: string, config: SentinelConfig, capsule?: string): Promise<string> {
  const { gatherPrFacts } = await import('../core/pr/facts.js');
  const { renderPrBody } = await import('../core/pr/render.js');
  return renderPrBody(await gatherPrFacts(root, config, capsule ? { capsule } : {}));
}

/** One resource per capsule, two per agent (ROLE, PLAYBOOK), and the ledger. */
export async function listResources(root: string, config: SentinelConfig): Promise<Resource[]> {
  const capsules = await loadCapsules(root, config);
  const roster = discoverAgents(root, config);
  return [
    ...capsules.map((c) => ({ uri: `sentinel://capsule/${capsuleSlug(c)}`, name: `capsule ${capsuleSlug(c)}`, title: c.title, mimeType: MARKDOWN })),
    ...roster.agents.flatMap((a) => [
      { uri: `sentinel://agent/${a.id}/role`, name: `${a.id} role`, title: `${a.manifest.name} ROLE`, mimeType: MARKDOWN },
      { uri: `sentinel://agent/${a.id}/playbook`, name: `${a.id} playbook`, title: `${a.manifest.name} PLAYBOOK`, mimeType: MARKDOWN },
    ]),
    { uri: 'sentinel://ledger', name: 'ledger', title: 'Decision ledger', mimeType: MARKDOWN },
    { uri: 'sentinel://pr-body', name: 'pr-body', title: 'Pull-request description (sentinel pr body)', mimeType: MARKDOWN },
  ];
}

// -32002 is the code the MCP spec gives "resource not found".
const RESOURCE_NOT_FOUND = -32002 as ErrorCode;
const notFound = (uri: string, why: string) => new McpError(RESOURCE_NOT_FOUND, `Resource ${uri} not found: ${why}`, { uri });

export async function readResource(root: string, config: SentinelConfig, uri: string): Promise<ReadResourceResult> {
  const text = (body: string): ReadResourceResult => ({ contents: [{ uri, mimeType: MARKDOWN, text: body }] });
  if (uri === 'sentinel://ledger') {
    const body = readTextIfExists(path.join(root, config.ledger));
    if (body === undefined) throw notFound(uri, `no ledger at ${config.ledger} yet`);
    return text(body);
  }
  const pr = /^sentinel:\/\/pr-body(?:\/([A-Za-z0-9][A-Za-z0-9._-]*(?:@[0-9a-f]+)?))?$/.exec(uri);
  if (pr) {
    try {
      return text(await prBody(root, config, pr[1] ? decodeURIComponent(pr[1]) : undefined));
    } catch (err) {
      if (err instanceof SentinelError) throw notFound(uri, err.message);
      throw err;
    }
  }
  const capsule = /^sentinel:\/\/capsule\/([A-Za-z0-9][A-Za-z0-9._-]*(?:@[0-9a-f]+)?)$/.exec(uri);
  if (capsule) {
    try {
      return text((await findCapsule(root, config, decodeURIComponent(capsule[1]!))).text);
    } catch (err) {
      if (err instanceof SentinelError) throw notFound(uri, err.message);
      throw err;
    }
  }
  const agent = /^sentinel:\/\/agent\/([a-z0-9][a-z0-9_-]*)\/(role|playbook)$/.exec(uri);
  if (agent) {
    const found = discoverAgents(root, config).agents.find((a) => a.id === agent[1]);
    if (!found) throw notFound(uri, `no agent "${agent[1]}" in ${config.agentsDir}`);
    return text(agent[2] === 'role' ? found.role : found.playbookText);
  }
  throw notFound(uri, 'unknown URI; see resources/list and resources/templates/list');
}
