import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { ROLES } from '@ndf/contracts';

export interface EmployeeUserPool {
  readonly userPool: cognito.UserPool;
  /** The mobile app: a public client (no secret), whose ID tokens the APIs accept. */
  readonly appClient: cognito.UserPoolClient;
}

/**
 * The employees' identities. ID tokens carry what the APIs authorise on: `custom:tenant`
 * (set once by an administrator, never by the user) and `cognito:groups` (one group per role
 * of @ndf/contracts), as the local token issuer shapes them.
 */
export function employeeUserPool(scope: Construct, id: string, prefix: string): EmployeeUserPool {
  const userPool = new cognito.UserPool(scope, id, {
    userPoolName: `${prefix}employees`,
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    standardAttributes: { email: { required: true, mutable: true } },
    customAttributes: { tenant: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }) },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const role of ROLES) new cognito.CfnUserPoolGroup(scope, `${id}Group-${role}`, { userPoolId: userPool.userPoolId, groupName: role });
  const appClient = userPool.addClient('MobileApp', {
    userPoolClientName: `${prefix}mobile-app`,
    generateSecret: false,
    authFlows: { userSrp: true },
    preventUserExistenceErrors: true,
    idTokenValidity: Duration.hours(1),
    accessTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
    enableTokenRevocation: true,
    // The tenant is read from the token, never written by the user.
    readAttributes: new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true })
      .withCustomAttributes('tenant'),
    writeAttributes: new cognito.ClientAttributes().withStandardAttributes({}),
  });
  return { userPool, appClient };
}
