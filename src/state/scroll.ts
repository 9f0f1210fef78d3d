// How many result rows fit the terminal, and where ↑/↓/PgUp/PgDn move the window: pure, so the
// screens only render it.

/**
 * Lines the Explore screen needs besides the rows: the cost line, the frame (margins, title, key
 * hints), the chart title or the prompt and table header, the scroll note and Ink's last newline.
 */
const CHROME = { chart: 10, prompt: 12 } as const;

export function visibleRows(terminalRows: number, view: keyof typeof CHROME): number {
  return Math.max(3, terminalRows - CHROME[view]);
}

export function scrollBy(offset: number, key: { upArrow?: boolean; downArrow?: boolean; pageUp?: boolean; pageDown?: boolean }, total: number, page: number): number {
  const step = key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -page : key.pageDown ? page : 0;
  return Math.max(0, Math.min(offset + step, total - page));
}
