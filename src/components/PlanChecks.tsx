// Preflight checks, compactly: the passing ones on one line, a failed one in full with its fix, and
// warnings one line each (two in full; a course-layout dwh.cfg can bring six).
import { Box, Text } from 'ink';
import type { PlanCheck } from '../state/plan-checks.js';
import { SYMBOLS, tone } from './theme.js';

const FULL_WARNINGS = 2;
const LISTED_WARNINGS = 3;

export function PlanChecks({ checks, width, labelWidth }: { checks: PlanCheck[]; width: number; labelWidth: number }) {
  const passed = checks.filter((c) => c.status === 'pass');
  const failed = checks.filter((c) => c.status === 'fail');
  const warnings = checks.filter((c) => c.status === 'warn');
  const compact = warnings.length > FULL_WARNINGS;
  const listed = compact ? warnings.slice(0, LISTED_WARNINGS) : warnings;
  const body = width - labelWidth;
  return (
    <Box flexDirection="column">
      {failed.map((c) => (
        <Box key={c.name} flexDirection="column">
          <Box>
            <Text bold>{'Check'.padEnd(labelWidth)}</Text>
            <Box width={body}>
              <Text wrap="wrap">
                <Text color={tone('red')}>{SYMBOLS.failed} {c.name}: </Text>
                {c.detail}
              </Text>
            </Box>
          </Box>
          {c.fix ? (
            <Box marginLeft={labelWidth}>
              <Text color={tone('yellow')}>→ </Text>
              <Box width={body - 2}>
                <Text wrap="wrap">{c.fix}</Text>
              </Box>
            </Box>
          ) : null}
        </Box>
      ))}
      {passed.length > 0 ? (
        <Box>
          <Text bold>{(failed.length > 0 ? '' : 'Checks').padEnd(labelWidth)}</Text>
          <Box width={body}>
            <Text wrap="truncate-end">
              {passed.map((c, i) => (
                <Text key={c.name}>
                  {i > 0 ? '  ' : ''}
                  <Text color={tone('green')}>{SYMBOLS.done}</Text> {c.name}
                </Text>
              ))}
            </Text>
          </Box>
        </Box>
      ) : null}
      {listed.map((c) => (
        <Box key={c.name}>
          <Text color={tone('yellow')}>{SYMBOLS.warn} </Text>
          <Box width={width - 2}>
            <Text wrap={compact ? 'truncate-end' : 'wrap'}>{c.detail}</Text>
          </Box>
        </Box>
      ))}
      {warnings.length > listed.length ? (
        <Text color={tone('yellow')}>
          {SYMBOLS.warn} {warnings.length - listed.length} more; `npx sparkify status` prints every warning in full.
        </Text>
      ) : null}
    </Box>
  );
}
