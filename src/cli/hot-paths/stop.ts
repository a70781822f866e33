// `sentinel hook stop` as one chunk (see pre-edit.ts): the cache and the verdict lookup are static
// here; the gates still load lazily, when the verdict is not cached.
import { stopVerdict } from '../../core/hooks/stop.js';
import { hookBody } from '../actions/hook.js';
import { workspaceCache } from '../cache.js';

export { runAction } from '../action.js';
export const body = hookBody('stop', async () => ({ judge: stopVerdict, cache: workspaceCache }));
