import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt();
type Token = ReturnType<MarkdownIt['parse']>[number];

/** The tokens of a Markdown file, as markdown-it parses it (links inside code are not links). */
export function parseMarkdown(file: string): Token[] {
  return markdown.parse(readFileSync(file, 'utf8'), {});
}

/** Every link and image target of a Markdown file. */
export function linkTargets(file: string): string[] {
  const targets: string[] = [];
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'link_open') targets.push(token.attrGet('href') ?? '');
      if (token.type === 'image') targets.push(token.attrGet('src') ?? '');
      if (token.children) visit(token.children);
    }
  };
  visit(parseMarkdown(file));
  return targets;
}

/** The contents of the ```sh blocks under the given `## heading`, up to the next `##` heading. */
export function shellBlocksUnder(file: string, heading: string): string[] {
  const tokens = parseMarkdown(file);
  const blocks: string[] = [];
  let inside = false;
  for (const [index, token] of tokens.entries()) {
    if (token.type === 'heading_open' && token.tag === 'h2') inside = tokens[index + 1]?.content === heading;
    if (inside && token.type === 'fence' && token.info.trim() === 'sh') blocks.push(token.content);
  }
  return blocks;
}

/** Commands of shell text: continuation lines joined, blank and comment-only lines dropped. */
export function commandsOf(block: string): string[] {
  return block
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The text a command's `# → …` comment promises in its output, if any. */
export function expectedOutput(command: string): string | undefined {
  return /\s#\s*→\s*(.+)$/.exec(command)?.[1]?.trim();
}

/** The text of a `## heading` section (up to the next `##`), and its tables' rows as cell texts. */
export function section(file: string, heading: string): { text: string; rows: string[][] } {
  const tokens = parseMarkdown(file);
  let inside = false;
  const text: string[] = [];
  const rows: string[][] = [];
  let row: string[] | undefined;
  for (const [index, token] of tokens.entries()) {
    if (token.type === 'heading_open' && token.tag === 'h2') inside = tokens[index + 1]?.content === heading;
    if (!inside) continue;
    if (token.type === 'inline') text.push(token.content);
    if (token.type === 'fence') text.push(token.content);
    if (token.type === 'tr_open') row = [];
    if (token.type === 'inline' && row) row.push(token.content);
    if (token.type === 'tr_close' && row) {
      rows.push(row);
      row = undefined;
    }
  }
  return { text: text.join('\n'), rows };
}
