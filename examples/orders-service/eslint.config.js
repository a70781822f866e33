// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api
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
