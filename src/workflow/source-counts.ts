// What the S3 sources hold: the progress totals, the "Loading …" notice and the record counts the
// quality checks compare the staging tables with. By default all of it comes from the COPY itself
// (SYS_LOAD_HISTORY's source_file_count/bytes, sys_load_detail's lines_scanned per file), which costs
// the load nothing and downloads nothing. With --verify-sources the prefixes are listed and every
// object read (one GET each on AWS) to count records independently of the loader. Neither may fail a
// load that succeeded: an operator whose own credentials cannot read the bucket (while the cluster's
// role can) gets the load, with the two source-count checks reported instead of enforced.
import type { S3Client } from '@aws-sdk/client-s3';
import type { SqlRunner } from '../services/data-api.js';
import type { CopyOutcome, CopyTotals } from './copy-monitor.js';
import { listPrefix, parseS3Uri, type PrefixListing } from '../services/s3-listing.js';
import { countJsonRecords, folderObjectOpener, s3ObjectOpener, type SourceRecordCount } from '../services/s3-records.js';
import type { Emit } from './events.js';
import { formatCount } from './format-count.js';

export interface SourcePrefixes {
  logData: string;
  songData: string;
}

export type SourceCounts = Partial<Record<'staging_events' | 'staging_songs', SourceRecordCount>>;

export interface SourceScan {
  listings: Promise<[PrefixListing, PrefixListing]>;
  counts: Promise<SourceCounts>;
}

/** The course's `song_data` prefix is a 14,896-song subset; `song-data` is the full ~385k catalogue. */
function courseCatalogueHint(songData: string): string | undefined {
  if (/udacity-dend\/song-data\/?$/.test(songData)) return 'song-data is the full catalogue (~385,000 songs): over an hour on 4 small nodes';
  if (/udacity-dend\/song_data\/?$/.test(songData)) return 'song_data is the course subset (14,896 songs on S3): a few minutes on 2 nodes';
  return undefined;
}

export function describeExpectedLoad(songData: string, songFiles?: number): string {
  if (songFiles !== undefined && !/song-data\/?$/.test(songData)) return `${formatCount(songFiles)} song files under ${songData}`;
  return courseCatalogueHint(songData) ?? `songs from ${songData}`;
}

/** Lists both prefixes and counts their records; `listings` may reject, `counts` never does. */
export function scanSources(
  s3: S3Client,
  sources: SourcePrefixes,
  emit: Emit,
  { localS3Root, signal }: { localS3Root?: string; signal?: AbortSignal },
): SourceScan {
  const listings = Promise.all([listPrefix(s3, sources.logData, { signal }), listPrefix(s3, sources.songData, { signal })]);
  listings.catch(() => {});
  void listings.then(([logs, songs]) => {
    // On AWS, what the course prefixes mean for the load time (a local folder holds whatever was copied into it).
    const hint = localS3Root ? undefined : courseCatalogueHint(sources.songData);
    emit({ type: 'notice', level: 'info', message: `Loading ${formatCount(logs.count)} log files and ${formatCount(songs.count)} song files${hint ? ` (${hint})` : ''}` });
  }, () => {});

  const countRecords = (uri: string, listing: PrefixListing) => {
    const { bucket } = parseS3Uri(uri);
    const open = localS3Root ? folderObjectOpener(localS3Root, bucket) : s3ObjectOpener(s3, bucket);
    return countJsonRecords(listing, open, { signal });
  };
  const counts = listings
    .then(([logs, songs]) => Promise.all([countRecords(sources.logData, logs), countRecords(sources.songData, songs)]))
    .then(([logs, songs]): SourceCounts => ({ staging_events: logs, staging_songs: songs }))
    .catch((err: unknown): SourceCounts => {
      if (!signal?.aborted) {
        const reason = err instanceof Error ? err.message : String(err);
        emit({ type: 'notice', level: 'warn', message: `Could not read the S3 sources to count their records (${reason}). The two source-count checks are reported, not enforced.` });
      }
      return {};
    });
  return { listings, counts };
}

/** The "Loading N log files and M song files" notice, once both COPYs have said what they read. */
export function announceFromCopies(emit: Emit): (table: string, totals: CopyTotals) => void {
  const seen = new Map<string, number>();
  return (table, totals) => {
    seen.set(table, totals.files);
    const logs = seen.get('staging_events');
    const songs = seen.get('staging_songs');
    if (seen.size === 2 && logs !== undefined && songs !== undefined) {
      emit({ type: 'notice', level: 'info', message: `Loading ${formatCount(logs)} log files and ${formatCount(songs)} song files` });
    }
  };
}

/**
 * The records each COPY scanned, from its own per-file rows (sys_load_detail by query_id). A COPY
 * whose query id is unknown (≤ 0) gets no count: its check is reported, not enforced.
 */
export async function countsFromCopies(sql: SqlRunner, outcomes: CopyOutcome[], emit: Emit, signal?: AbortSignal): Promise<SourceCounts> {
  const counts: SourceCounts = {};
  const isStaging = (table: string): table is keyof SourceCounts => table === 'staging_events' || table === 'staging_songs';
  // A short COPY's last look at its load history already summed them.
  for (const o of outcomes) if (o.scanned && isStaging(o.table)) counts[o.table] = o.scanned;
  const known = outcomes.filter((o) => !o.scanned && o.queryId !== undefined && o.queryId > 0);
  if (known.length === 0) return counts;
  try {
    const { rows } = await sql.execute(
      `SELECT query_id, SUM(lines_scanned) AS records, COUNT(*) AS files, SUM(bytes_scanned) AS bytes FROM sys_load_detail
        WHERE query_id IN (${known.map((o) => Math.trunc(o.queryId!)).join(', ')}) GROUP BY query_id`,
      { label: 'records scanned by the COPYs', signal },
    );
    for (const o of known) {
      const row = rows.find((r) => Number(r.query_id) === o.queryId);
      if (row && isStaging(o.table)) {
        counts[o.table] = { records: Number(row.records ?? 0), files: Number(row.files ?? 0), bytes: Number(row.bytes ?? 0) };
      }
    }
    return counts;
  } catch (err) {
    if (signal?.aborted) throw err;
    emit({ type: 'notice', level: 'warn', message: `Could not read what the COPYs scanned (${(err as Error).message}). The two source-count checks are reported, not enforced.` });
    return counts;
  }
}
