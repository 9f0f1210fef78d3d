import { describe, expect, it } from 'vitest';
import { decodeQueryForm, recordableParams } from '../../../src/emulator/protocols/query.js';
import { el, escapeXml, list, seq } from '../../../src/emulator/protocols/xml.js';
import { compareKeys } from '../../../src/emulator/s3/bucket-listing.js';
import { parseRange } from '../../../src/emulator/s3/get-object.js';

describe('XML writing', () => {
  it('escapes markup characters and control characters', () => {
    expect(escapeXml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
    expect(escapeXml('line\r\nnext\u0001')).toBe('line&#13;\nnext&#1;');
  });

  it('leaves out undefined elements and keeps empty lists', () => {
    expect(seq(el('A', 'x'), el('B', undefined), el('C', 0), el('D', false)).markup).toBe('<A>x</A><C>0</C><D>false</D>');
    expect(list('Tags', 'Tag', [], () => 'x').markup).toBe('<Tags></Tags>');
    expect(el('T', new Date('2024-01-02T03:04:05.000Z')).markup).toBe('<T>2024-01-02T03:04:05.000Z</T>');
  });
});

describe('awsQuery form decoding', () => {
  it('turns member lists and structures into arrays of objects', () => {
    const form = new URLSearchParams(
      'Action=CreateCluster&Version=2012-12-01&ClusterIdentifier=c&IamRoles.IamRoleArn.1=a1&IamRoles.IamRoleArn.2=a2' +
        '&Tags.Tag.1.Key=k1&Tags.Tag.1.Value=v1&Tags.Tag.2.Key=k2&Tags.Tag.2.Value=&VpcSecurityGroupIds=&Encrypted=true&MasterUserPassword=secret',
    );
    const decoded = decodeQueryForm(form);
    expect(decoded).toEqual({
      ClusterIdentifier: 'c',
      IamRoles: ['a1', 'a2'],
      Tags: [
        { Key: 'k1', Value: 'v1' },
        { Key: 'k2', Value: '' },
      ],
      VpcSecurityGroupIds: [],
      Encrypted: 'true',
      MasterUserPassword: 'secret',
    });
    expect(recordableParams(decoded)).toMatchObject({ Encrypted: true, MasterUserPassword: '***' });
  });

  it('decodes IAM-style member lists', () => {
    expect(decodeQueryForm(new URLSearchParams('TagKeys.member.1=a&TagKeys.member.2=b&RoleName=r'))).toEqual({ TagKeys: ['a', 'b'], RoleName: 'r' });
  });
});

describe('S3 helpers', () => {
  it('orders keys by UTF-8 bytes like S3', () => {
    const keys = ['b', 'a/b', 'a', '\u{1F600}', '\uFF21', 'A'];
    expect([...keys].sort(compareKeys)).toEqual(['A', 'a', 'a/b', 'b', '\uFF21', '\u{1F600}']);
  });

  it('parses byte ranges', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=5-', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-20', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=1-2,4-5', 10)).toBeUndefined();
    expect(parseRange('items=1-2', 10)).toBeUndefined();
    expect(() => parseRange('bytes=10-', 10)).toThrow(/not satisfiable/);
  });
});
