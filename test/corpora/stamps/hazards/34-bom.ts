export const withBom = true;
