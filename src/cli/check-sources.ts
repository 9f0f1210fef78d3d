// Before up/run/etl create or load anything: is every S3 source in the configuration there? One
// ListObjectsV2 with MaxKeys=1 per prefix and one HeadObject for the JSONPaths file, so a typo in
// LOG_DATA fails in a second, before a billable cluster exists, with the key to edit.
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { SparkifyConfig } from '../config/index.js';
import { toUserError, UserError } from '../services/errors.js';
import { parseS3Uri } from '../services/s3-listing.js';
import type { Emit } from '../workflow/events.js';
import type { Warehouse } from '../workflow/warehouse.js';

interface Source {
  key: 'LOG_DATA' | 'SONG_DATA' | 'LOG_JSONPATH';
  uri: string;
  kind: 'prefix' | 'object';
}

export function sourcesToCheck(s3: SparkifyConfig['s3']): Source[] {
  const sources: Source[] = [
    { key: 'LOG_DATA', uri: s3.logData, kind: 'prefix' },
    { key: 'SONG_DATA', uri: s3.songData, kind: 'prefix' },
  ];
  // 'auto' / 'auto ignorecase' are COPY options, not objects.
  if (/^s3:\/\//i.test(s3.logJsonPath)) sources.push({ key: 'LOG_JSONPATH', uri: s3.logJsonPath, kind: 'object' });
  return sources;
}

export async function checkSources(warehouse: Pick<Warehouse, 'clients'>, config: SparkifyConfig, { emit, signal, configFlag }: { emit: Emit; signal?: AbortSignal; configFlag?: string }): Promise<void> {
  const started = Date.now();
  const label = 'check the S3 sources';
  emit({ type: 'step', step: 'config', id: 'sources', status: 'running', label });
  const file = configFlag ?? 'dwh.cfg';
  const missing: string[] = [];
  await Promise.all(
    sourcesToCheck(config.s3).map(async (source) => {
      const { bucket, key } = parseS3Uri(source.uri);
      try {
        if (source.kind === 'prefix') {
          const page = await warehouse.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key || undefined, MaxKeys: 1 }), { abortSignal: signal });
          if (!page.KeyCount && !page.Contents?.length) missing.push(`[S3] ${source.key}: no objects under ${source.uri}`);
        } else {
          await warehouse.clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        }
      } catch (err) {
        if (signal?.aborted) throw err;
        const name = (err as { name?: string }).name;
        if (name === 'NotFound' || name === 'NoSuchKey') missing.push(`[S3] ${source.key}: ${source.uri} does not exist`);
        else if (name === 'NoSuchBucket') missing.push(`[S3] ${source.key}: bucket ${bucket} does not exist`);
        else throw toUserError(err, `Checking ${file} [S3] ${source.key} (${source.uri})`);
      }
    }),
  );
  if (missing.length > 0) {
    emit({ type: 'step', step: 'config', id: 'sources', status: 'failed', label, detail: `${missing.length} missing` });
    const where = config.target === 'local' ? ` (the local target reads s3:// from ${config.local.s3Root})` : '';
    throw new UserError(
      `${file} ${missing.sort().join('; ')}${where}. Nothing was created.`,
      `Fix the S3 locations in ${file}, then run the command again${configFlag ? ` with --config ${configFlag}` : ''}.`,
    );
  }
  emit({ type: 'step', step: 'config', id: 'sources', status: 'done', label, elapsedMs: Date.now() - started });
}
