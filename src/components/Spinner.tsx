import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { tone } from './theme.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner that ticks at 8/s: lively, yet well under the redraw budget. */
export function Spinner({ label }: { label?: string }) {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 125);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text>
      <Text color={tone('cyan')}>{FRAMES[frame]}</Text>
      {label ? ` ${label}` : ''}
    </Text>
  );
}
