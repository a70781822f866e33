/** A one-agent roster (Backender at rules version 1.2) for tests that need a real agent.json. */
export const BACKENDER_ROSTER: Record<string, string> = {
  '.sentinel/agents/backender/agent.json': JSON.stringify({
    id: 'backender',
    name: 'Backender',
    rulesHash: 'BACKENDER@1.2',
    summary: 'server side',
    routing_keywords: ['api'],
    prompt_files: ['ROLE.md', 'PLAYBOOK.md'],
  }),
  '.sentinel/agents/backender/ROLE.md': '# Backender\n',
  '.sentinel/agents/backender/PLAYBOOK.md': '1) ORIENT\n   - read\n',
};
