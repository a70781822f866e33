import { z } from 'zod';
import { defineOperation } from './operation.js';
import { runStatus } from './status-run.js';

/** `sentinel status` / `sentinel_status`: every capsule joined with its state. */
export const statusOperation = defineOperation({ name: 'status', input: z.object({}), run: runStatus });
