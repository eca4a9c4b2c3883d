import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { encryptedLogGroup } from './encrypted-log-group.js';

/**
 * AWS APIs the tasks call, reached through private endpoints: the VPC has no route to the
 * internet. No KMS endpoint: SQS, S3 and DynamoDB call KMS themselves for the tasks.
 */
const INTERFACE_ENDPOINTS = {
  EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
  EcrImages: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
  Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  Sqs: ec2.InterfaceVpcEndpointAwsService.SQS,
};

export interface ServiceNetworkOptions {
  /** Whether a task reads a secret (ECS fetches it from the task's network at start). */
  readonly secrets: boolean;
}

/**
 * The services' network: private isolated subnets in two zones, no NAT and no internet
 * gateway, gateway endpoints for S3 and DynamoDB, interface endpoints for the rest, and
 * flow logs of every packet decision.
 */
/** The VPC's address range; written out (not read from the VPC) so that rules on it can be checked at synth. */
export const SERVICES_CIDR = '10.40.0.0/16';

export function serviceNetwork(scope: Construct, prefix: string, key: kms.IKey, options: ServiceNetworkOptions): ec2.Vpc {
  const flowLogs = encryptedLogGroup(scope, 'FlowLogs', `/ndf/${prefix}services/flow-logs`, key);
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    vpcName: `${prefix}services`,
    ipAddresses: ec2.IpAddresses.cidr(SERVICES_CIDR),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'services', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 }],
    flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.ALL } },
    restrictDefaultSecurityGroup: true,
  });
  vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  vpc.addGatewayEndpoint('DynamoDb', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
  const endpoints = {
    ...INTERFACE_ENDPOINTS,
    ...(options.secrets ? { SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER } : {}),
  };
  for (const [id, service] of Object.entries(endpoints)) {
    const endpoint = vpc.addInterfaceEndpoint(id, { service, privateDnsEnabled: true, open: false });
    endpoint.connections.allowFrom(ec2.Peer.ipv4(SERVICES_CIDR), ec2.Port.tcp(443), 'HTTPS from the services');
  }
  return vpc;
}
