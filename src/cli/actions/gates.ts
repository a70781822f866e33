import { usageError } from '../../core/errors.js';
import type { ActionBody } from '../action.js';

// Placeholder: replaced when this command lands.
const notBuilt: ActionBody = async () => {
  throw usageError('NOT_BUILT', 'This command is not available in this build');
};

export const contracts: ActionBody = notBuilt;
export const contextLint: ActionBody = notBuilt;
export const scope: ActionBody = notBuilt;
export { sentinels } from './sentinels-run.js';
export { commands } from './commands-run.js';
export const tamper: ActionBody = notBuilt;
