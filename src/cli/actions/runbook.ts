import { usageError } from '../../core/errors.js';
import type { ActionBody } from '../action.js';

// Placeholder: replaced when this command lands.
const notBuilt: ActionBody = async () => {
  throw usageError('NOT_BUILT', 'This command is not available in this build');
};

export const set: ActionBody = notBuilt;
export const append: ActionBody = notBuilt;
export const check: ActionBody = notBuilt;
