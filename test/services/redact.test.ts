import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../src/services/redact.js';

describe('redact', () => {
  it('masks text under a secret-naming key, and leaves flags and tag keys as they are', () => {
    const request = {
      ClusterIdentifier: 'sparkify-dwh',
      ManageMasterPassword: true,
      MasterUserPassword: 'Passw0rd!',
      Tags: [{ Key: 'sparkify:managed', Value: 'true' }],
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalrEXAMPLE', sessionToken: 'FwoGEXAMPLE' },
    };
    expect(redact(request)).toEqual({
      ClusterIdentifier: 'sparkify-dwh',
      ManageMasterPassword: true,
      MasterUserPassword: '***',
      Tags: [{ Key: 'sparkify:managed', Value: 'true' }],
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: '***', sessionToken: '***' },
    });
  });

  it('masks the secrets SQL carries inline', () => {
    expect(redactText(`COPY t FROM 's3://b/k' CREDENTIALS 'aws_access_key_id=AKIA;aws_secret_access_key=wJalr/K7;token=FwoG' JSON 'auto'`))
      .toBe(`COPY t FROM 's3://b/k' CREDENTIALS 'aws_access_key_id=AKIA;aws_secret_access_key=***;token=***' JSON 'auto'`);
    expect(redactText(`COPY t FROM 's3://b/k' ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY 'wJalr' SESSION_TOKEN 'FwoG'`))
      .toBe(`COPY t FROM 's3://b/k' ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY *** SESSION_TOKEN ***`);
    expect(redactText(`ALTER USER u PASSWORD 'md5abc'`)).toBe('ALTER USER u PASSWORD ***');
  });
});
