// The wizard's last frame: why it closed, what still exists (and whether it bills), the command
// that removes it and the one that resumes.
import { Box, Text } from 'ink';
import type { ExitSummary } from '../state/wizard.js';
import { ErrorBanner } from './ErrorBanner.js';
import { SYMBOLS, tone } from './theme.js';

const TITLE: Record<ExitSummary['reason'], string> = { interrupted: 'Interrupted.', finished: 'Done.', crashed: 'Stopped.', quit: 'Bye.' };

export function ExitView({ summary }: { summary: ExitSummary }) {
  const left = summary.stillRunning.length > 0;
  return (
    <Box flexDirection="column" marginTop={1}>
      {summary.error ? <ErrorBanner title="sparkify stopped" message={summary.error.message} hint={summary.error.hint} /> : null}
      <Text bold>{TITLE[summary.reason]}</Text>
      {summary.checkError ? (
        <Text color={tone('yellow')}>
          {SYMBOLS.warn} Could not look again at what exists ({summary.checkError}); {left ? 'this is what this session saw' : '`npx sparkify status` shows it'}.
        </Text>
      ) : null}
      {left ? (
        <>
          <Text color={tone('yellow')}>{SYMBOLS.warn} Still exists:</Text>
          {summary.stillRunning.map((item) => (
            <Text key={item}>  - {item}</Text>
          ))}
          <Text>
            To delete: <Text bold>{summary.teardownCommand}</Text>
          </Text>
          {summary.resumeCommand ? (
            <Text>
              To resume: <Text bold>{summary.resumeCommand}</Text> <Text dimColor>(it picks up from what exists)</Text>
            </Text>
          ) : null}
        </>
      ) : summary.checkError ? null : (
        <Text color={tone('green')}>Nothing sparkify created exists.</Text>
      )}
    </Box>
  );
}
