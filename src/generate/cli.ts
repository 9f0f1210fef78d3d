// `sparkify generate` / `npm run gen`: parse the options, generate, report progress and the summary
// on stderr (and the summary as JSON on stdout with --json). Runnable directly as the entry module.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDataset, type GenerateProgress } from './dataset.js';
import { formatCount } from '../workflow/format-count.js';

const USAGE = `usage: sparkify generate --songs N --events M --out <folder> [--seed S] [--match-share 0..1] [--days D] [--json]
  Writes <folder>/udacity-dend/{song_data,log_data,log_json_path.json}; point S3_ROOT in dwh.cfg at <folder>.`;

function wholeNumber(name: string, text: string | undefined, fallback?: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required`);
    return fallback;
  }
  const n = Number(text.replace(/_/g, '').replace(/k$/i, '000').replace(/m$/i, '000000'));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${text}"`);
  return n;
}

export async function runGenerateCommand(argv: string[]): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        songs: { type: 'string' },
        events: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        'match-share': { type: 'string' },
        days: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stderr.write(USAGE + '\n');
      return 0;
    }
    if (!values.out) throw new Error('--out is required');
    const matchShare = values['match-share'] === undefined ? 0.6 : Number(values['match-share']);
    if (!(matchShare >= 0 && matchShare <= 1)) throw new Error(`--match-share must be between 0 and 1, got "${values['match-share']}"`);
    options = {
      songs: wholeNumber('songs', values.songs),
      events: wholeNumber('events', values.events),
      out: resolve(values.out),
      seed: wholeNumber('seed', values.seed, 42),
      matchShare,
      days: values.days === undefined ? undefined : wholeNumber('days', values.days),
      json: values.json,
    };
    if (options.songs < 1) throw new Error('--songs must be at least 1');
    if (options.days === 0) throw new Error('--days must be at least 1');
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { json, ...generate } = options;
  let lastPhase = '';
  let lastReport = 0;
  const onProgress = ({ phase, done, total }: GenerateProgress) => {
    const now = Date.now();
    if (phase === lastPhase && now - lastReport < 1000 && done < total) return;
    lastPhase = phase;
    lastReport = now;
    process.stderr.write(`${phase}: ${formatCount(done)} / ${formatCount(total)}\n`);
  };
  try {
    const s = await generateDataset(generate, onProgress);
    const mb = (n: number) => (n / 1e6).toFixed(1);
    process.stderr.write(
      `wrote ${formatCount(s.songFiles)} song files (${mb(s.songBytes)} MB) and ${s.logFiles} log files (${formatCount(s.events)} events, ${mb(s.logBytes)} MB) under ${s.out}/${s.bucket} in ${(s.elapsedMs / 1000).toFixed(1)} s\n` +
        `NextSong ${formatCount(s.nextSongEvents)} (${(100 * s.matchShare).toFixed(1)}% in the catalogue), listeners ${s.listeners} (${s.paidListeners} paid), artists ${s.artists}, level changes ${s.levelChanges}\n` +
        `point S3_ROOT in dwh.cfg at ${s.out}\n`,
    );
    if (json) process.stdout.write(JSON.stringify(s) + '\n');
    return 0;
  } catch (err) {
    process.stderr.write(`generate failed: ${(err as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runGenerateCommand(process.argv.slice(2));
}
