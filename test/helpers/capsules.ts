/** `capsule new` arguments of the scribe-led user-guide capsule that the lifecycle and integrity suites both drive. */
export const DOCS_GUIDE_NEW_ARGS = [
  'capsule',
  'new',
  'docs-guide',
  '--goal',
  'Write the user guide for the demo CLI.',
  '--output',
  'docs/guide.md',
  '--accept',
  '`docs/guide.md` lists every command of the demo CLI',
  '--context',
  'README.md',
  '--lead',
  'scribe',
] as const;
