import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { errorDocument, usageError } from '../core/errors.js';
import type { Redactor } from '../core/secrets/redact.js';
import type { SentinelConfig } from '../core/workspace/config-types.js';
import { checkedArguments } from './arguments.js';
import { toolsFor, type Toolset } from './registry.js';
import { redactOutcome, type ToolCall } from './tool.js';
import type { ToolRunner } from './worker-runner.js';
import type { Caller } from '../core/workspace/caller.js';

interface ServerDeps {
  root: string;
  /** Loaded per request, so edits to .sentinel/config.json apply without a restart. */
  loadConfig: (root: string) => SentinelConfig | Promise<SentinelConfig>;
  toolset: Toolset;
  /** The environment of the server process, read by whoever starts it. */
  caller?: Caller;
  /** Runs tool calls off the event loop (a worker thread); in-process when absent (tests). */
  runTool?: ToolRunner;
  /** Diagnostics for humans (stderr with --verbose); never stdout. */
  log: (message: string) => void;
  version: string;
  /** Every tool result passes it (secret rules + secret-looking env values); default: the rules alone. */
  redact?: Redactor;
}

const INSTRUCTIONS =
  'Sentinel referees capsule work. Flow: sentinel_route → sentinel_prompt → work inside the Allowed Context → sentinel_check (or one gate tool) → sentinel_decision_log append + sentinel_provenance stamp → sentinel_capsule_done → sentinel_handoff. Never judge your own work: ask the gates.';

/** A refused call: the error line for the model, and the same document `--json` prints as structuredContent. */
function toolError(err: unknown, redact?: Redactor): CallToolResult {
  const document = errorDocument(err);
  const shown = redact ? redact.value(document) : document;
  return { isError: true, content: [{ type: 'text', text: shown.summary }], structuredContent: shown as unknown as Record<string, unknown> };
}

// Loaded on first use: start-up (spawn → initialize → tools/list) needs none of them.
const loadResources = () => import('./resources.js');
const loadPrompts = () => import('./prompts.js');

/**
 * Build the Sentinel MCP server. Everything it holds lives in this closure (no module state), so
 * tests can create as many as they like over in-memory transports.
 */
export function createServer(deps: ServerDeps): Server {
  const tools = toolsFor(deps.toolset);
  const redactor = async (): Promise<Redactor> => deps.redact ?? (await import('../core/secrets/redact.js')).createRedactor();
  const byName = new Map(tools.map((t) => [t.name, t]));
  // The SDK builds an Ajv instance up front for elicitation, which Sentinel never sends: build it on first use.
  let sdkValidator: AjvJsonSchemaValidator | undefined;
  const jsonSchemaValidator: jsonSchemaValidator = { getValidator: (schema) => (sdkValidator ??= new AjvJsonSchemaValidator()).getValidator(schema) };
  const server = new Server(
    { name: 'sentinel', version: deps.version },
    { capabilities: { tools: {}, resources: {}, prompts: {} }, instructions: INSTRUCTIONS, jsonSchemaValidator },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((t) => ({
      name: t.name,
      description: t.description,
      inputSchema: t.inputSchema,
      outputSchema: t.outputSchema,
      annotations: t.annotations,
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${request.params.name}"; tools/list shows the ${tools.length} tools`);
    const started = performance.now();
    let config: SentinelConfig;
    try {
      config = await deps.loadConfig(deps.root);
    } catch (err) {
      return toolError(err, await redactor());
    }
    const raw = request.params.arguments ?? {};
    const size = Buffer.byteLength(JSON.stringify(raw));
    if (size > config.mcp.maxInputBytes) {
      return toolError(
        usageError('MCP_INPUT_TOO_LARGE', `${tool.name} arguments are ${size} bytes, over mcp.maxInputBytes (${config.mcp.maxInputBytes})`, {
          fix: 'send less, or raise mcp.maxInputBytes in .sentinel/config.json',
        }),
      );
    }
    const redact = await redactor();
    const token = extra._meta?.progressToken;
    let lastProgress = -Infinity;
    const call: ToolCall = {
      root: deps.root,
      config,
      caller: deps.caller ?? {},
      args: raw,
      signal: extra.signal,
      progress(progress, total, message) {
        if (token === undefined || progress <= lastProgress || extra.signal.aborted) return;
        lastProgress = progress;
        extra
          .sendNotification({
            method: 'notifications/progress',
            params: { progressToken: token, progress, ...(total ? { total } : {}), ...(message ? { message } : {}) },
          })
          .catch((err: unknown) => deps.log(`progress notification failed: ${(err as Error).message}`));
      },
      log: deps.log,
      redact,
    };
    try {
      // The worker checks the arguments and masks the result itself (arguments.ts, worker.ts say why).
      const outcome = deps.runTool
        ? await deps.runTool(tool.name, call)
        : redactOutcome(await tool.handler({ ...call, args: await checkedArguments(deps.root, tool, raw) }), redact);
      deps.log(`${tool.name} ${outcome.structured.ok ? 'ok' : 'not ok'} in ${Math.round(performance.now() - started)}ms`);
      return { content: [{ type: 'text', text: outcome.text }], structuredContent: outcome.structured };
    } catch (err) {
      deps.log(`${tool.name} error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return toolError(err, redact);
    }
  });

  // Resources and prompts carry file text (ledger, capsules, PR body, packed context) and their lists carry
  // capsule titles and agent summaries: every one is masked like a tool result.
  server.setRequestHandler(ListResourcesRequestSchema, async () => {
    const resources = await (await loadResources()).listResources(deps.root, await deps.loadConfig(deps.root));
    return { resources: (await redactor()).value(resources) };
  });
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({ resourceTemplates: (await loadResources()).RESOURCE_TEMPLATES }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const result = await (await loadResources()).readResource(deps.root, await deps.loadConfig(deps.root), request.params.uri);
    return (await redactor()).value(result);
  });
  server.setRequestHandler(ListPromptsRequestSchema, async () => {
    const prompts = (await loadPrompts()).listPrompts(deps.root, await deps.loadConfig(deps.root));
    return { prompts: (await redactor()).value(prompts) };
  });
  server.setRequestHandler(GetPromptRequestSchema, async (request) => {
    const result = await (await loadPrompts()).getPrompt(deps.root, await deps.loadConfig(deps.root), request.params.name, request.params.arguments);
    return (await redactor()).value(result);
  });
  return server;
}
