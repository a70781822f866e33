import type { ActionBody } from '../action.js';

export const config: ActionBody = async (ctx, _args, opts) => {
  if (opts.schema) {
    const { configSchema } = await import('../../core/workspace/config.js');
    ctx.out(JSON.stringify(configSchema(), null, 2));
    return 0;
  }
  const resolved = await ctx.config();
  if (ctx.json) ctx.printJson({ ok: true, root: ctx.root, config: resolved });
  else ctx.out(`# ${ctx.root}\n${JSON.stringify(resolved, null, 2)}`);
  return 0;
};
