import { z } from 'zod';
import { runCapsuleValidate } from './capsule-validate-run.js';
import { defineOperation } from './operation.js';

/** `sentinel capsule validate [paths…]` / `sentinel_capsule_validate`. */
export const capsuleValidateOperation = defineOperation({
  name: 'capsule validate',
  input: z.object({ paths: z.array(z.string()).optional().describe('capsule.md paths') }),
  run: runCapsuleValidate,
});
