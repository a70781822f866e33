// Flat config: typescript-eslint's recommended rules only (no type-aware rules, so lint stays fast).
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['node_modules/**', 'logs/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
];
