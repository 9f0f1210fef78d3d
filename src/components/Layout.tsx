// The width every component lays out to. The wizard reads the terminal's columns (capped so lines
// stay readable); tests pin it to 80 with <Columns value={80}>.
import { useStdout } from 'ink';
import { createContext, useContext, type ReactNode } from 'react';

const ColumnsContext = createContext<number | undefined>(undefined);

export function Columns({ value, children }: { value: number; children: ReactNode }) {
  return <ColumnsContext.Provider value={value}>{children}</ColumnsContext.Provider>;
}

export const MAX_COLUMNS = 100;

export function useColumns(): number {
  const pinned = useContext(ColumnsContext);
  const { stdout } = useStdout();
  if (pinned !== undefined) return pinned;
  return Math.max(40, Math.min(MAX_COLUMNS, stdout?.columns || 80));
}
