import path from 'node:path';
import type { Capsule } from '../capsule/types.js';
import { draftFromInput, type CapsuleDraft } from '../capsule/generate.js';
import { DEFAULT_OWNS } from '../router/ownership.js';
import type { SentinelConfig } from '../workspace/config-types.js';

/** The roles a handoff names: the target and the lead whose work it follows. */
export interface RoleInfo {
  id: string;
  name: string;
  summary: string;
  /** agent.json `owns`, when declared. */
  owns?: string[];
}

const ENDPOINT = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\//;

/** What each role typically delivers for a follow-up of `parent` (ROLES.md), workspace-relative. */
function handoffOutputs(role: RoleInfo, parentSlug: string, config: SentinelConfig): string[] {
  switch (role.id) {
    case 'verifier':
      return [`verification/${parentSlug}/plan.md`, `${config.sentinels.dir}/${parentSlug}/**`];
    case 'releaser':
      return ['.github/workflows/**', `release/${parentSlug}.md`];
    case 'observer':
      return [config.logs.schema, config.logs.redaction];
    case 'integrator':
      return ['src/clients/**', `${config.contractsDir}/**`];
    case 'scribe':
      return [`docs/${parentSlug}.md`, 'CHANGELOG.md'];
    case 'refactorer':
      return [`refactors/${parentSlug}/**`];
    case 'commander':
      return [`ops/commander/${parentSlug}/**`];
    case 'designer':
      return [`design/${parentSlug}/**`];
    case 'contextwarden':
      return [config.contextLimits];
    default: {
      const owns = role.owns?.length ? role.owns : DEFAULT_OWNS[role.id];
      return owns?.length ? [...owns] : [`${role.id}/${parentSlug}/**`];
    }
  }
}

/** Checks someone can run for each role's follow-up; every item passes capsule validation. */
function handoffAcceptance(role: RoleInfo, parentId: string, parentSlug: string, slug: string, config: SentinelConfig): string[] {
  const gate = `\`sentinel check --capsule ${slug}\` exits with 0`;
  switch (role.id) {
    case 'verifier':
      return [
        `\`verification/${parentSlug}/plan.md\` lists every route, service and job changed by ${parentId} with the test that covers it`,
        `\`sentinel sentinels run\` exits with 0 and reports at least 1 test under \`${config.sentinels.dir}/${parentSlug}/\``,
        gate,
      ];
    case 'releaser':
      return [`\`.github/workflows/\` runs the migrate, build and test steps of ${parentId} on every pull request`, gate];
    case 'observer':
      return [`\`${config.logs.schema}\` declares every log field and error class added by ${parentId}`, '`sentinel logs check` exits with 0', gate];
    case 'integrator':
      return [`\`src/clients/\` holds a client function for every external call made by ${parentId}`, '`sentinel contracts validate` exits with 0', gate];
    case 'scribe':
      return [`\`docs/${parentSlug}.md\` documents the commands and settings added by ${parentId}`, gate];
    default:
      return [`\`sentinel scope --capsule ${slug}\` exits with 0`, gate];
  }
}

interface HandoffDraftInput {
  parent: Capsule;
  parentSlug: string;
  parentId: string;
  /** The parent's lead, who creates the parent's outputs. */
  parentLead: RoleInfo;
  to: RoleInfo;
  reason: string;
  slug: string;
  config: SentinelConfig;
  /** Does the path (or glob) exist in the workspace? Missing ones are marked as to be created. */
  present: (entry: string) => boolean;
}

/**
 * The follow-up capsule: Goal from the reason and the role, the role's typical outputs, checkable
 * acceptance, the parent's Required Outputs and capsule file as Allowed Context, Router Notes
 * naming the parent and the new lead.
 */
export function handoffDraft(input: HandoffDraftInput): CapsuleDraft {
  const { parent, parentId, parentLead, to } = input;
  const context: string[] = [];
  for (const item of parent.requiredOutputs) {
    if (!item.path || ENDPOINT.test(item.text.replace(/`/g, ''))) continue;
    const entry = item.path.replace(/^\/+/, '');
    if (context.some((c) => c.startsWith(`${entry} `) || c === entry)) continue;
    context.push(input.present(entry) ? entry : `${entry} (to be created by ${parentLead.name})`);
  }
  if (parent.file && !context.includes(parent.file)) context.push(parent.file);
  const goal = `${input.reason.trim().replace(/\.$/, '')} (follow-up to ${parentId}, handed off by the ${parentLead.name}). As ${to.name}: ${to.summary}`;
  const decision = parent.routerNotes.decision;
  return draftFromInput({
    slug: input.slug,
    goal,
    outputs: handoffOutputs(to, input.parentSlug, input.config),
    accept: handoffAcceptance(to, parentId, input.parentSlug, input.slug, input.config),
    context,
    lead: to.id,
    notes: [`Parent: ${parentId}`, `Handoff: from ${parentLead.id}: ${input.reason.trim()}`, ...(decision ? [`Decision: ${decision}`] : [])],
  });
}

/** `<folder of the parent's folder>/<slug>/capsule.md`, e.g. `.specify/specs/orders-api-verifier/capsule.md`. */
export function handoffFile(parentFile: string | undefined, slug: string): string {
  const specs = parentFile ? path.posix.dirname(path.posix.dirname(parentFile)) : '.specify/specs';
  return path.posix.join(specs === '.' ? '' : specs, slug, 'capsule.md');
}
