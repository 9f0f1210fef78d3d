// The live area of every screen: a title with its position in the wizard, the body, and the key
// hints on the last line. Below 24 rows the blank lines go, so the title stays on screen.
import { Box, Text } from 'ink';
import { type ReactNode } from 'react';
import { SCREENS, SCREEN_TITLES, type ScreenId } from '../state/wizard.js';
import { KeyHints, type KeyHint } from './KeyHints.js';
import { tone } from './theme.js';

export const COMPACT_BELOW_ROWS = 24;

export function ScreenFrame({ screen, width, hints, children, status, rows = 24 }: { screen: ScreenId; width: number; hints: KeyHint[]; children: ReactNode; status?: ReactNode; rows?: number }) {
  const index = SCREENS.indexOf(screen);
  const gap = rows < COMPACT_BELOW_ROWS ? 0 : 1;
  return (
    <Box flexDirection="column" width={width} marginTop={gap}>
      <Box justifyContent="space-between">
        <Text bold color={tone('cyan')}>
          {index + 1}/{SCREENS.length} {SCREEN_TITLES[screen]}
        </Text>
        {status ?? null}
      </Box>
      <Box flexDirection="column" marginY={gap}>
        {children}
      </Box>
      <KeyHints hints={hints} />
    </Box>
  );
}
