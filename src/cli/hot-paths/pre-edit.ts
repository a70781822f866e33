// `sentinel hook pre-edit` as one chunk (tsdown.config.ts groups this module with everything it
// imports statically): its common path is imported here, not lazily, so Node loads one file for it.
import { preEditVerdict } from '../../core/hooks/pre-edit.js';
import { hookBody } from '../actions/hook.js';

export { runAction } from '../action.js';
export const body = hookBody('pre-edit', async () => ({ judge: preEditVerdict }));
