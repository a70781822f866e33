// `sentinel capsule validate` as one chunk (see pre-edit.ts). The operation's body imports the
// capsule checker lazily (operation modules stay light for the MCP tool list); importing the same
// modules here puts them in this chunk, so those lazy imports load small re-export files only.
import '../../core/operations/capsule-validate-run.js';
import '../../core/agents/discover.js';
import '../../core/capsule/check.js';
import '../../core/capsule/discover.js';

export { runAction } from '../action.js';
export { validate as body } from '../actions/capsule.js';
