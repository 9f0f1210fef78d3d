import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { useThrottledProgress } from '../../src/state/use-throttled-progress.js';
import * as fx from '../helpers/fixtures.js';
import { waitForFrame } from '../helpers/ink.js';

afterEach(() => cleanup());

describe('useThrottledProgress', () => {
  it('applies a burst of events in one render, at most every interval', async () => {
    let renders = 0;
    function Probe() {
      const { progress, emit } = useThrottledProgress(100);
      renders += 1;
      useEffect(() => {
        // 200 polls in a burst, as a fast COPY monitor could send.
        for (let i = 1; i <= 200; i++) emit({ ...fx.copyEvents[2], type: 'copy.progress', filesDone: Math.min(30, i), elapsedMs: i * 10 } as never);
      }, [emit]);
      const copy = progress.copies[0];
      return <Text>{copy ? `files ${copy.filesDone}` : 'none'}</Text>;
    }
    const ink = render(<Probe />);
    await waitForFrame(ink, 'files 30');
    expect(renders).toBeLessThanOrEqual(3);
  });
});
