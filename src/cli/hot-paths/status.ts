// `sentinel status` as one chunk (see pre-edit.ts).
import '../../core/operations/status-run.js';
import '../../core/lifecycle/status.js';

export { runAction } from '../action.js';
export { status as body } from '../actions/lifecycle.js';
