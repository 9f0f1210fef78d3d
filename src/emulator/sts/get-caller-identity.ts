// STS GetCallerIdentity (awsQuery, Version 2011-06-15): who the credentials belong to. The emulator
// does not check signatures, so every caller is the same IAM user of the emulated account.
import { el, seq, type Xml } from '../protocols/xml.js';

export const STS_VERSION = '2011-06-15';
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export const EMULATOR_USER_NAME = 'sparkify-emulator';

export function getCallerIdentity(accountId: string): Xml {
  return seq(
    el('Arn', `arn:aws:iam::${accountId}:user/${EMULATOR_USER_NAME}`),
    el('UserId', 'AIDAEMULATORUSER00001'),
    el('Account', accountId),
  );
}
