/** The slug of a capsule reference: `orders-api@0badc0de` and `orders-api` both name `orders-api`. */
export const slugOfRef = (ref: string): string => ref.split('@')[0]!.trim();
