// @ts-nocheck
export const legacy: number = 'x' as any;
