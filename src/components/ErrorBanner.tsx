// The AWS/Redshift message and what to do next. Never a stack trace: the operator can act on the
// hint, and a bug still shows its message.
import { Box, Text } from 'ink';
import { SYMBOLS, tone } from './theme.js';

export function ErrorBanner({ message, hint, title = 'Error' }: { message: string; hint?: string; title?: string }) {
  return (
    <Box flexDirection="column" marginY={0}>
      <Text color={tone('red')} bold>
        {SYMBOLS.failed} {title}: <Text bold={false}>{message}</Text>
      </Text>
      {hint ? (
        <Box>
          <Text color={tone('yellow')}>  → </Text>
          <Box flexShrink={1}>
            <Text wrap="wrap">{hint}</Text>
          </Box>
        </Box>
      ) : null}
    </Box>
  );
}

export function NoticeLine({ level, message }: { level: 'info' | 'warn'; message: string }) {
  return (
    <Text color={level === 'warn' ? tone('yellow') : undefined}>
      {level === 'warn' ? SYMBOLS.warn : SYMBOLS.info} {message}
    </Text>
  );
}
