// The live area of every screen: a title with its position in the wizard, the body, and the key
// hints on the last line.
import { Box, Text } from 'ink';
import { type ReactNode } from 'react';
import { SCREENS, SCREEN_TITLES, type ScreenId } from '../state/wizard.js';
import { KeyHints, type KeyHint } from './KeyHints.js';
import { tone } from './theme.js';

export function ScreenFrame({ screen, width, hints, children, status }: { screen: ScreenId; width: number; hints: KeyHint[]; children: ReactNode; status?: ReactNode }) {
  const index = SCREENS.indexOf(screen);
  return (
    <Box flexDirection="column" width={width} marginTop={1}>
      <Box justifyContent="space-between">
        <Text bold color={tone('cyan')}>
          {index + 1}/{SCREENS.length} {SCREEN_TITLES[screen]}
        </Text>
        {status ?? null}
      </Box>
      <Box flexDirection="column" marginY={1}>
        {children}
      </Box>
      <KeyHints hints={hints} />
    </Box>
  );
}
