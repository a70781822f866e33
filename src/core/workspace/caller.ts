/**
 * What the environment says about a call: the capsule it works on ($SENTINEL_CAPSULE), who makes
 * it ($SENTINEL_ACTOR), the sentinel binary running (for the MCP smoke) and whether this process is
 * a smoke's own server. Read once at the edge (CLI, MCP server start) and passed in: core code
 * never reads process.env or process.argv.
 */
export interface Caller {
  capsule?: string;
  actor?: string;
  /** The script of the running sentinel binary (argv[1]), if there is one. */
  binary?: string;
  /** This process is the server an MCP smoke started: the mcp gate must not start another. */
  insideSmoke?: boolean;
}

/** The environment variable an MCP smoke sets on the server it starts. */
export const SMOKE_ENV = 'SENTINEL_MCP_SMOKE';

/** Build a Caller from an environment and argv[1]; pure, so the edge passes process.env in. */
export function callerFrom(env: Readonly<Record<string, string | undefined>>, argv1: string | undefined): Caller {
  const caller: Caller = {};
  const capsule = env.SENTINEL_CAPSULE?.trim();
  const actor = env.SENTINEL_ACTOR?.trim();
  if (capsule) caller.capsule = capsule;
  if (actor) caller.actor = actor;
  if (argv1) caller.binary = argv1;
  if (env[SMOKE_ENV]) caller.insideSmoke = true;
  return caller;
}

/** Who recorded a change: the caller's actor (an agent id, a CI job) or the surface that called. */
export const actorOf = (caller: Caller | undefined, fallback: string): string => caller?.actor || fallback;
