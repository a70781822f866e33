import { z } from 'zod';
import type { Operation, OperationDocument, OperationEvent } from '../core/operations/operation.js';
import { runOperation } from '../core/operations/operation.js';
import { diagnosticsLine, output, type JsonSchema, type ToolAnnotations, type ToolCall, type ToolDefinition } from './tool.js';

interface OperationToolSpec {
  name: string;
  description: string;
  annotations: ToolAnnotations;
  /** Argument names that are workspace paths (string or string[]): checked inside the root first. */
  pathArgs?: string[];
  /** Inputs only the CLI may set (e.g. the file an answer was read from): left out of the tool, so refused. */
  cliOnly?: string[];
  /** The text content the model reads; default: summary plus the first diagnostics. */
  text?(document: OperationDocument): string | Promise<string>;
}

const SAFE_INTEGER_BOUND = Number.MAX_SAFE_INTEGER;

/** Drop what zod adds that the listing does not need (every token is the agent's context). */
function terse(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(terse);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === 'additionalProperties') continue;
    if ((key === 'maximum' && value === SAFE_INTEGER_BOUND) || (key === 'minimum' && value === -SAFE_INTEGER_BOUND)) continue;
    out[key] = terse(value);
  }
  return out;
}

/** The tool's JSON Schema, derived from the operation's zod input (the one source of truth). */
function inputSchemaOf(input: z.ZodObject, cliOnly: string[] = []): JsonSchema {
  const schema = terse(z.toJSONSchema(input, { io: 'input' })) as JsonSchema;
  for (const key of cliOnly) delete schema.properties[key];
  if (schema.required) schema.required = schema.required.filter((key) => !cliOnly.includes(key));
  return schema;
}

/** Step events as MCP progress: it must grow with every notification, so notes climb towards the next step. */
function progressOf(call: ToolCall): (event: OperationEvent) => void {
  let total: number | undefined;
  let done = 0;
  let notes = 0;
  return (event) => {
    if (event.kind === 'start') {
      total = event.steps.length;
      call.progress(0, total, `running ${event.steps.join(', ')}`);
    } else if (event.kind === 'note') {
      call.progress(done + 1 - 1 / (++notes + 1), total, `${event.step}: ${event.message}`);
    } else {
      done++;
      notes = 0;
      call.progress(done, total, `${event.step}: ${event.status}`);
    }
  };
}

/** An MCP tool generated from an operation: same input schema, same rules, same JSON document. */
export function operationTool<S extends z.ZodObject, D>(operation: Operation<S, D>, spec: OperationToolSpec): ToolDefinition {
  let schema: JsonSchema | undefined;
  return {
    name: spec.name,
    description: spec.description,
    get inputSchema() {
      return (schema ??= inputSchemaOf(operation.input, spec.cliOnly));
    },
    outputSchema: output(),
    annotations: spec.annotations,
    ...(spec.pathArgs ? { pathArgs: spec.pathArgs } : {}),
    async handler(call) {
      const { document } = await runOperation(
        operation,
        {
          root: call.root,
          config: call.config,
          caller: call.caller,
          signal: call.signal,
          ...(call.redact ? { redact: call.redact } : {}),
          onEvent: progressOf(call),
        },
        call.args,
      );
      const diagnostics = Array.isArray(document.diagnostics) ? document.diagnostics : [];
      return { structured: document, text: spec.text ? await spec.text(document) : document.summary + diagnosticsLine(diagnostics) };
    },
  };
}
