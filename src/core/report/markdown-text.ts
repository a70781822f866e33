/** Pieces of GitHub-flavoured Markdown shared by the check summary and the pull-request body. */

/** A gate status as the icon both documents show. */
export const STATUS_ICON: Readonly<Record<string, string>> = { ok: '✅', fail: '❌', pending: '⏳', skipped: '⏭️' };

/** Text safe inside a GFM table cell (and not able to open HTML). */
export function tableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/** An inline code span that survives a backtick in the text. */
export const inlineCode = (text: string): string => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

/**
 * An inline code span inside a GFM table cell: GitHub splits cells on `|` before it reads code
 * spans, so the pipe is escaped (the backslash is dropped when rendered) and a line break, which
 * would end the row, becomes a space.
 */
export const tableCode = (text: string): string => inlineCode(text.replace(/\r?\n/g, ' ')).replace(/\|/g, '\\|');
