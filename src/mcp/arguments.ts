import { usageError } from '../core/errors.js';
import type { ValidateFunction } from '../core/schema/ajv.js';
import { guardCapsuleRef, relativeToRoot, resolveInside } from '../core/workspace/paths.js';
import type { ToolDefinition } from './tool.js';

/**
 * A tool call's arguments checked against the tool's input schema and the workspace guard. This
 * runs where the tool runs (the worker thread when there is one): loading ajv and compiling a
 * schema on the first call would otherwise stall the server's event loop, and `ping` with it.
 */
const validators = new Map<string, ValidateFunction>();
let ajv: ReturnType<(typeof import('../core/schema/ajv.js'))['createAjv2020']> | undefined;

async function validatorFor(tool: ToolDefinition): Promise<ValidateFunction> {
  let validate = validators.get(tool.name);
  if (!validate) {
    // Unknown keys are refused even though the listed schema omits additionalProperties (tokens).
    ajv ??= (await import('../core/schema/ajv.js')).createAjv2020();
    validate = ajv.compile({ ...tool.inputSchema, additionalProperties: false });
    validators.set(tool.name, validate);
  }
  return validate;
}

/** Reject path arguments that leave the workspace; return the arguments with normalised paths. */
function guardArguments(root: string, tool: ToolDefinition, args: Record<string, unknown>): Record<string, unknown> {
  const guardPath = (candidate: string) => relativeToRoot(root, resolveInside(root, candidate)) || '.';
  const guarded = { ...args };
  for (const name of tool.pathArgs ?? []) {
    const value = guarded[name];
    if (typeof value === 'string') guarded[name] = guardPath(value);
    else if (Array.isArray(value)) guarded[name] = value.map((v) => guardPath(String(v)));
  }
  if (typeof guarded.capsule === 'string') guardCapsuleRef(root, guarded.capsule);
  return guarded;
}

/** The arguments a handler may trust, or a usage error (MCP_INVALID_ARGUMENTS, PATH_OUTSIDE_ROOT…). */
export async function checkedArguments(root: string, tool: ToolDefinition, raw: Record<string, unknown>): Promise<Record<string, unknown>> {
  const validate = await validatorFor(tool);
  if (!validate(raw)) {
    const { describeAjvError } = await import('../core/schema/ajv-errors.js');
    const problems = (validate.errors ?? []).map(describeAjvError).join('; ');
    throw usageError('MCP_INVALID_ARGUMENTS', problems, { fix: `follow the ${tool.name} input schema` });
  }
  return guardArguments(root, tool, raw);
}
