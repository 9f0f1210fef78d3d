// The one network the emulator pretends to have: the account's default VPC and its default
// security group. Clusters report this VPC; EC2's Describe calls answer with it.
export const DEFAULT_VPC_ID = 'vpc-0e0a1b2c3d4e5f601';
export const DEFAULT_VPC_CIDR = '172.31.0.0/16';
export const DEFAULT_SECURITY_GROUP_ID = 'sg-0e0a1b2c3d4e5f601';
export const DEFAULT_SECURITY_GROUP_NAME = 'default';
