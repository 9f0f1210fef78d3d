// EC2's flavour of awsQuery (Version 2016-11-15): lists are flattened with 1-based indexes and no
// member names (`Filter.1.Value.2`, `GroupId.1`), answers are `<XResponse>` with a lower-camel body
// and no <Result> wrapper, list items are <item>, and errors are <Response><Errors><Error>….
import { AwsError } from '../contracts.js';
import { el, escapeXml, seq, type Xml } from '../protocols/xml.js';

export const EC2_VERSION = '2016-11-15';
export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export type Ec2Value = string | Ec2Value[] | { [key: string]: Ec2Value };

/** `Filter.1.Value.2=x` → `{ Filter: [{ Value: [, 'x'] }] }` (indexes 1-based on the wire). */
export function decodeEc2Form(form: URLSearchParams): Record<string, Ec2Value> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    const path = key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) - 1 : s));
    let node: Record<string | number, unknown> = root;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i];
      if (node[k] === undefined || typeof node[k] === 'string') node[k] = typeof path[i + 1] === 'number' ? [] : {};
      node = node[k] as Record<string | number, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return root as Record<string, Ec2Value>;
}

export const asList = (v: Ec2Value | undefined): Ec2Value[] => (Array.isArray(v) ? v.filter((x) => x !== undefined) : v === undefined ? [] : [v]);
export const asString = (v: Ec2Value | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const asObject = (v: Ec2Value | undefined): Record<string, Ec2Value> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

/** Filters as name → accepted values. */
export function filtersOf(params: Record<string, Ec2Value>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of asList(params.Filter)) {
    const name = asString(asObject(f).Name);
    if (name) out.set(name, asList(asObject(f).Value).map(String));
  }
  return out;
}

export const itemSet = <T>(name: string, items: readonly T[], render: (item: T) => Xml): Xml => el(name, items.map((item) => el('item', render(item))));

export function renderEc2Result(action: string, body: Xml, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NAMESPACE}">${seq(el('requestId', requestId), body).markup}</${action}Response>`;
}

export function renderEc2Error(error: AwsError, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`;
}
