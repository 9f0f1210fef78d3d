// The wizard's last frame: why it closed, what is still running and the command that removes it.
import { Box, Text } from 'ink';
import type { ExitSummary } from '../state/wizard.js';
import { ErrorBanner } from './ErrorBanner.js';
import { SYMBOLS, tone } from './theme.js';

/** The last frame: why the wizard closed, what is still running and how to remove it. */
export function ExitView({ summary }: { summary: ExitSummary }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {summary.error ? <ErrorBanner title="sparkify stopped" message={summary.error.message} hint={summary.error.hint} /> : null}
      <Text bold>
        {summary.reason === 'interrupted' ? 'Interrupted.' : summary.reason === 'finished' ? 'Done.' : summary.reason === 'crashed' ? 'Stopped.' : 'Bye.'}
      </Text>
      {summary.stillRunning.length > 0 ? (
        <>
          <Text color={tone('yellow')}>
            {SYMBOLS.warn} Still running: {summary.stillRunning.join('; ')}
          </Text>
          <Text>
            To delete them: <Text bold>{summary.teardownCommand}</Text>
          </Text>
        </>
      ) : (
        <Text color={tone('green')}>Nothing sparkify created is running.</Text>
      )}
    </Box>
  );
}
