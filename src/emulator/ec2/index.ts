// EC2, only the calls the classic course notebook makes to open the cluster's port: DescribeVpcs,
// DescribeSecurityGroups, AuthorizeSecurityGroupIngress. There is one default VPC with one default
// security group; ingress rules are recorded (and shown by DescribeSecurityGroups) but open nothing:
// the emulator listens on 127.0.0.1 only, and sparkify itself never opens ingress.
import { AwsError } from '../contracts.js';
import { el, seq, type Xml } from '../protocols/xml.js';
import { DEFAULT_SECURITY_GROUP_ID, DEFAULT_SECURITY_GROUP_NAME, DEFAULT_VPC_CIDR, DEFAULT_VPC_ID } from './default-network.js';
import { asList, asObject, asString, decodeEc2Form, filtersOf, itemSet, type Ec2Value } from './ec2-query.js';

export { EC2_VERSION, renderEc2Error, renderEc2Result } from './ec2-query.js';

interface IngressRule { protocol: string; fromPort?: number; toPort?: number; cidr: string }

export interface Ec2Service {
  handle(action: string, form: URLSearchParams): Xml;
  /** The ingress rules AuthorizeSecurityGroupIngress recorded, oldest first. */
  readonly ingress: readonly IngressRule[];
}

export function createEc2Service(opts: { accountId: string; warn?: (message: string) => void }): Ec2Service {
  const ingress: IngressRule[] = [];
  const warn = opts.warn ?? ((m: string) => process.stderr.write(`[sparkify emulator] warning: ${m}\n`));
  const matches = (filters: Map<string, string[]>, name: string, value: string): boolean => !filters.has(name) || filters.get(name)!.includes(value);

  const ruleXml = (r: IngressRule): Xml => seq(
    el('ipProtocol', r.protocol), el('fromPort', r.fromPort), el('toPort', r.toPort),
    el('groups', seq()), itemSet('ipRanges', [r.cidr], (cidr) => el('cidrIp', cidr)), el('ipv6Ranges', seq()), el('prefixListIds', seq()),
  );

  const handlers: Record<string, (p: Record<string, Ec2Value>) => Xml> = {
    DescribeVpcs(p) {
      const filters = filtersOf(p);
      const ids = asList(p.VpcId).map(String);
      for (const id of ids) if (id !== DEFAULT_VPC_ID) throw new AwsError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
      const show = matches(filters, 'vpc-id', DEFAULT_VPC_ID) && matches(filters, 'isDefault', 'true') && matches(filters, 'is-default', 'true') && matches(filters, 'state', 'available');
      return itemSet('vpcSet', show ? [DEFAULT_VPC_ID] : [], (id) => seq(
        el('vpcId', id), el('ownerId', opts.accountId), el('state', 'available'), el('cidrBlock', DEFAULT_VPC_CIDR),
        itemSet('cidrBlockAssociationSet', [DEFAULT_VPC_CIDR], (cidr) => seq(el('associationId', 'vpc-cidr-assoc-0e0a1b2c3d4e5f601'), el('cidrBlock', cidr), el('cidrBlockState', el('state', 'associated')))),
        el('dhcpOptionsId', 'dopt-0e0a1b2c3d4e5f601'), el('instanceTenancy', 'default'), el('isDefault', true), el('tagSet', seq()),
      ));
    },
    DescribeSecurityGroups(p) {
      const filters = filtersOf(p);
      for (const id of asList(p.GroupId).map(String)) if (id !== DEFAULT_SECURITY_GROUP_ID) throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
      for (const name of asList(p.GroupName).map(String)) if (name !== DEFAULT_SECURITY_GROUP_NAME) throw new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${DEFAULT_VPC_ID}'`);
      const show = matches(filters, 'vpc-id', DEFAULT_VPC_ID) && matches(filters, 'group-id', DEFAULT_SECURITY_GROUP_ID) && matches(filters, 'group-name', DEFAULT_SECURITY_GROUP_NAME);
      return itemSet('securityGroupInfo', show ? [DEFAULT_SECURITY_GROUP_ID] : [], (id) => seq(
        el('ownerId', opts.accountId), el('groupId', id), el('groupName', DEFAULT_SECURITY_GROUP_NAME),
        el('groupDescription', 'default VPC security group'), el('vpcId', DEFAULT_VPC_ID),
        itemSet('ipPermissions', ingress, ruleXml),
        itemSet('ipPermissionsEgress', [{ protocol: '-1', cidr: '0.0.0.0/0' }], ruleXml),
        el('tagSet', seq()),
      ));
    },
    AuthorizeSecurityGroupIngress(p) {
      const group = asString(p.GroupId) ?? asString(p.GroupName);
      if (!group) throw new AwsError('MissingParameter', 'The request must contain the parameter groupName or groupId');
      if (group !== DEFAULT_SECURITY_GROUP_ID && group !== DEFAULT_SECURITY_GROUP_NAME) throw new AwsError('InvalidGroup.NotFound', `The security group '${group}' does not exist`);
      const rules: IngressRule[] = [];
      const port = (v: Ec2Value | undefined): number | undefined => (asString(v) === undefined ? undefined : Number(asString(v)));
      if (asString(p.IpProtocol)) {
        rules.push({ protocol: asString(p.IpProtocol)!.toLowerCase(), fromPort: port(p.FromPort), toPort: port(p.ToPort), cidr: asString(p.CidrIp) ?? '0.0.0.0/0' });
      }
      for (const perm of asList(p.IpPermissions).map(asObject)) {
        for (const range of asList(perm.IpRanges).map(asObject)) {
          rules.push({ protocol: (asString(perm.IpProtocol) ?? '-1').toLowerCase(), fromPort: port(perm.FromPort), toPort: port(perm.ToPort), cidr: asString(range.CidrIp) ?? '0.0.0.0/0' });
        }
      }
      if (rules.length === 0) throw new AwsError('MissingParameter', 'No ingress rule given: specify IpPermissions or IpProtocol, FromPort, ToPort and CidrIp.');
      for (const r of rules) {
        if (ingress.some((x) => x.protocol === r.protocol && x.fromPort === r.fromPort && x.toPort === r.toPort && x.cidr === r.cidr)) {
          throw new AwsError('InvalidPermission.Duplicate', `the specified rule "peer: ${r.cidr}, ${r.protocol.toUpperCase()}, from port: ${r.fromPort}, to port: ${r.toPort}, ALLOW" already exists`);
        }
      }
      ingress.push(...rules);
      for (const r of rules) {
        warn(`AuthorizeSecurityGroupIngress recorded ${r.protocol} ${r.fromPort ?? '*'}-${r.toPort ?? '*'} from ${r.cidr} on ${DEFAULT_SECURITY_GROUP_ID}; nothing is opened (the emulator listens on 127.0.0.1 only, and sparkify never opens ingress itself).`);
      }
      return seq(el('return', true), itemSet('securityGroupRuleSet', rules, (r) => seq(
        el('securityGroupRuleId', `sgr-0e0a1b2c3d4e5f6${String(ingress.indexOf(r)).padStart(2, '0')}`), el('groupId', DEFAULT_SECURITY_GROUP_ID),
        el('groupOwnerId', opts.accountId), el('isEgress', false), el('ipProtocol', r.protocol), el('fromPort', r.fromPort), el('toPort', r.toPort), el('cidrIpv4', r.cidr),
      )));
    },
  };

  return {
    ingress,
    handle(action, form) {
      const handler = handlers[action];
      if (!handler) throw new AwsError('InvalidAction', `The emulator's EC2 serves only DescribeVpcs, DescribeSecurityGroups and AuthorizeSecurityGroupIngress, not ${action}.`);
      return handler(decodeEc2Form(form));
    },
  };
}
