import path from 'node:path';
import { capsuleSlug, findCapsule } from '../capsule/discover.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { SentinelError } from '../errors.js';
import { git, headCommit, isAncestorOrEqual, showFile } from '../git/git.js';
import { listStates, type CapsuleState, type LoadedState } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists, sha256 } from '../workspace/fs.js';
import { evidenceSeal, judgeCapsule } from './judge.js';

interface VerifiedCapsule {
  slug: string;
  ok: boolean;
  evidenceFile: string | null;
  base: string | null;
  /** The commit that recorded `done`; the gates judge base..it. Null when it is not committed. */
  doneCommit: string | null;
  gates: { gate: string; recorded: string | undefined; now: string }[];
  diagnostics: Diagnostic[];
}

interface VerifyReport {
  ok: boolean;
  capsules: VerifiedCapsule[];
}

/** The oldest commit whose copy of the state carries this evidence seal: where `done` was committed. */
async function doneCommitOf(root: string, stateFile: string, seal: string): Promise<string | undefined> {
  const log = await git(root, ['log', '--format=%H', '--reverse', '-n', '200', '--', stateFile]);
  for (const commit of log.stdout.split('\n').filter(Boolean)) {
    const text = await showFile(root, commit, stateFile);
    try {
      if (text && (JSON.parse(text) as CapsuleState).evidenceSeal === seal) return commit;
    } catch {
      /* a broken copy is not the one */
    }
  }
  return undefined;
}

/**
 * `sentinel verify`: re-judge every `done` capsule where the agent has no hand (CI). The seals must
 * match, the capsule must read as it was judged, the recorded base must be in HEAD's history, and
 * the done gates, re-run from that base, must pass — so a hand-written `done` fails here.
 */
export async function verifyDone(root: string, config: SentinelConfig, options: { capsule?: string } = {}): Promise<VerifyReport> {
  let states = listStates(root, config).filter((s) => s.state.status === 'done');
  if (options.capsule !== undefined) {
    const slug = capsuleSlug(await findCapsule(root, config, options.capsule));
    const all = listStates(root, config).filter((s) => s.state.slug === slug);
    states = all;
    if (!all.some((s) => s.state.status === 'done')) {
      const status = all[0]?.state.status ?? 'without state';
      return {
        ok: false,
        capsules: [
          {
            slug,
            ok: false,
            evidenceFile: null,
            base: null,
            doneCommit: null,
            gates: [],
            diagnostics: [error('VERIFY_NOT_DONE', `${slug} is ${status}, not done: nothing to verify`, { fix: `Run \`sentinel capsule done ${slug}\`` })],
          },
        ],
      };
    }
  }
  const capsules: VerifiedCapsule[] = [];
  for (const loaded of states) capsules.push(await verifyOne(root, config, loaded));
  return { ok: capsules.every((c) => c.ok), capsules };
}

async function verifyOne(root: string, config: SentinelConfig, loaded: LoadedState): Promise<VerifiedCapsule> {
  const { state, file } = loaded;
  const out: VerifiedCapsule = {
    slug: state.slug,
    ok: false,
    evidenceFile: state.evidenceFile ?? null,
    base: state.base?.commit ?? null,
    doneCommit: null,
    gates: [],
    diagnostics: [],
  };
  const fail = (code: string, message: string, fix: string, where = file): VerifiedCapsule => {
    out.diagnostics.push(error(code, message, { path: where, fix }));
    return out;
  };
  if (loaded.tampered)
    return fail(
      'VERIFY_STATE_TAMPERED',
      `${file} does not match its content hash`,
      `Run \`sentinel status --repair ${state.slug}\` and \`capsule done\` again`,
    );
  if (!state.evidenceFile || !state.evidenceSeal)
    return fail(
      'VERIFY_EVIDENCE_MISSING',
      `${state.slug} is done without sealed evidence`,
      `Run \`sentinel capsule done ${state.slug}\` with this version of Sentinel`,
    );
  const text = readTextIfExists(path.join(root, state.evidenceFile));
  let record: Record<string, any> | undefined;
  try {
    record = text === undefined ? undefined : (JSON.parse(text) as Record<string, any>);
  } catch {
    record = undefined;
  }
  if (!record || typeof record !== 'object')
    return fail('VERIFY_EVIDENCE_MISSING', `${state.evidenceFile} is missing or not JSON`, 'Commit the evidence file `capsule done` wrote', state.evidenceFile);
  if (record.seal !== evidenceSeal(record) || record.seal !== state.evidenceSeal || record.outcome !== 'done') {
    return fail(
      'VERIFY_EVIDENCE_FORGED',
      `${state.evidenceFile} does not carry the seal of a passing run recorded in ${file}`,
      `Run \`sentinel capsule done ${state.slug}\` again; evidence is written by the referee only`,
      state.evidenceFile,
    );
  }
  let capsuleText: string;
  try {
    capsuleText = (await findCapsule(root, config, state.capsuleFile ?? state.slug)).text;
  } catch (err) {
    if (!(err instanceof SentinelError)) throw err;
    return fail('VERIFY_CAPSULE_MISSING', `The capsule of ${state.slug} is gone`, 'Restore its capsule.md');
  }
  if (record.capsuleHash !== sha256(capsuleText) || (state.capsuleHash !== undefined && state.capsuleHash !== record.capsuleHash)) {
    return fail(
      'VERIFY_CAPSULE_CHANGED',
      `${state.capsuleFile ?? state.slug} is not the capsule that was judged done`,
      'Revert the capsule, or hand the change to a new capsule',
    );
  }
  const recorded = state.base?.commit;
  if (!recorded) return fail('VERIFY_BASE_MISSING', `${state.slug} has no recorded base`, `Route it again and run \`sentinel capsule done ${state.slug}\``);
  if (!(await isAncestorOrEqual(root, recorded, await headCommit(root)))) {
    return fail(
      'VERIFY_BASE_NOT_ANCESTOR',
      `The recorded base ${recorded.slice(0, 12)} of ${state.slug} is not in HEAD's history`,
      'Check out the full history (fetch-depth: 0), or route and finish the capsule again',
    );
  }
  const doneCommit = await doneCommitOf(root, file, state.evidenceSeal);
  out.doneCommit = doneCommit ?? null;
  const override = record.base && record.base !== recorded ? { base: String(record.base) } : {};
  const judged = await judgeCapsule(root, config, state.slug, { recordedBase: recorded, ...override, ...(doneCommit ? { diffTo: doneCommit } : {}) });
  const claimed = (record.gates ?? []) as { gate: string; status: string }[];
  out.gates = judged.results.map((r) => ({ gate: r.gate, recorded: claimed.find((g) => g.gate === r.gate)?.status, now: r.status }));
  for (const r of judged.results.filter((g) => g.status === 'fail')) {
    const first = r.diagnostics.find((d) => d.severity === 'error');
    out.diagnostics.push(
      error(
        'VERIFY_GATE_FAILS',
        `${r.gate} fails for ${state.slug} on re-run (evidence says ${claimed.find((g) => g.gate === r.gate)?.status ?? 'nothing'}): ${first ? `${first.code} ${first.message}` : r.summary}`,
        {
          ...(first?.path ? { path: first.path } : { path: file }),
          fix: first?.fix ?? `Run \`sentinel check --capsule ${state.slug}\` and fix what fails`,
        },
      ),
    );
  }
  out.ok = out.diagnostics.length === 0;
  return out;
}
