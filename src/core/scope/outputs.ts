import { glob, isDynamicPattern } from 'tinyglobby';
import type { Capsule, CapsulePathItem } from '../capsule/types.js';
import { exists } from '../workspace/fs.js';
import { checkInside } from '../workspace/paths.js';

const NOT_A_FILE = [/^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\//, /^[\w-]+\.v\d+$/];

/** Required Outputs that are not on disk: a plain path that does not exist, or a glob matching nothing. */
export async function missingOutputs(root: string, capsule: Capsule): Promise<CapsulePathItem[]> {
  const missing: CapsulePathItem[] = [];
  for (const output of capsule.requiredOutputs) {
    // Endpoints (`POST /orders`) and contract ids (`orders.v2`) are artifacts, not files.
    if (NOT_A_FILE.some((re) => re.test(output.text.replace(/`/g, '')) || re.test(output.path))) continue;
    const inside = checkInside(root, output.path);
    if (!inside.ok) continue; // escaping paths are the capsules gate's finding
    const found = isDynamicPattern(output.path)
      ? (await glob(output.path, { cwd: root, dot: true, ignore: ['**/node_modules/**'] })).length > 0
      : exists(inside.absolute);
    if (!found) missing.push(output);
  }
  return missing;
}
