// What the S3 sources hold, found beside the COPYs: the listing (progress totals and the "Loading …"
// notice) and the record count the quality checks compare the staging tables with. Neither may fail
// a load that succeeded: an operator whose own credentials cannot read the bucket (while the
// cluster's role can) gets the load, with the two source-count checks reported instead of enforced.
import type { S3Client } from '@aws-sdk/client-s3';
import { listPrefix, parseS3Uri, type PrefixListing } from '../services/s3-listing.js';
import { countJsonRecords, folderObjectOpener, s3ObjectOpener, type SourceRecordCount } from '../services/s3-records.js';
import type { Emit } from './events.js';

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
  if (songFiles !== undefined && !/song-data\/?$/.test(songData)) return `${songFiles.toLocaleString('en-US')} song files under ${songData}`;
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
    emit({ type: 'notice', level: 'info', message: `Loading ${logs.count.toLocaleString('en-US')} log files and ${songs.count.toLocaleString('en-US')} song files${hint ? ` (${hint})` : ''}` });
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
