// The size every component lays out to. The wizard reads the terminal's columns (capped so lines
// stay readable) and rows, and redraws when the terminal is resized; tests pin them with
// <Columns value={80}> and <Rows value={24}>.
import { useStdout } from 'ink';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

const ColumnsContext = createContext<number | undefined>(undefined);
const RowsContext = createContext<number | undefined>(undefined);

export function Columns({ value, children }: { value: number; children: ReactNode }) {
  return <ColumnsContext.Provider value={value}>{children}</ColumnsContext.Provider>;
}

export function Rows({ value, children }: { value: number; children: ReactNode }) {
  return <RowsContext.Provider value={value}>{children}</RowsContext.Provider>;
}

export const MAX_COLUMNS = 100;
export const MIN_ROWS = 12;

/** Re-renders the caller when the terminal is resized. */
function useResizeTick(): void {
  const { stdout } = useStdout();
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!stdout?.isTTY) return;
    const onResize = () => setTick((t) => t + 1);
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
}

export function useColumns(): number {
  const pinned = useContext(ColumnsContext);
  const { stdout } = useStdout();
  useResizeTick();
  if (pinned !== undefined) return pinned;
  return Math.max(40, Math.min(MAX_COLUMNS, stdout?.columns || 80));
}

export function useRows(): number {
  const pinned = useContext(RowsContext);
  const { stdout } = useStdout();
  useResizeTick();
  if (pinned !== undefined) return pinned;
  return Math.max(MIN_ROWS, (stdout?.isTTY && stdout.rows) || 24);
}

/**
 * When the terminal gets narrower it re-wraps the lines already drawn, so Ink's erase of its last
 * frame (so many lines up) leaves the old frame's tails on screen. Clearing the visible screen
 * first, exactly when Ink itself starts over (the width shrank), leaves only the new frame.
 */
export function useClearOnShrink(): void {
  const { stdout } = useStdout();
  useEffect(() => {
    if (!stdout?.isTTY) return;
    let lastWidth = stdout.columns;
    // Prepended so it runs before Ink's own resize handler redraws.
    const onResize = () => {
      if (stdout.columns < lastWidth) stdout.write('\u001B[2J\u001B[H');
      lastWidth = stdout.columns;
    };
    stdout.prependListener('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
}
