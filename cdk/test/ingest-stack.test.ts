import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { catalog } from '@ndf/catalog';
import { RECEIPT_DERIVED_PREFIX, ROLES, RECEIPT_ORIGINALS_PREFIX } from '@ndf/contracts';
import { allows, logicalIdOf, type Statement } from './policy.js';
import { sharedPlatform, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
});

/** Every statement of the API handlers' policies. */
const handlerStatements = (): Statement[] =>
  Object.values(synthesized.template(synthesized.platform.ingest).findResources('AWS::IAM::Policy')).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement,
  );
const deployedApi = (name: string) => synthesized.platform.ingest.apis.find((api) => api.entry.name === name)!;

describe('the ingest stack', () => {
  it('depends on the data stack alone: the worker fleet can fail without touching it', () => {
    synthesized.template(synthesized.platform.ingest);
    expect(synthesized.platform.ingest.dependencies.map((stack) => stack.stackName)).toEqual(['Ndf-test-Data']);
  });

  it.each(catalog.apis.map((api) => [api.name, api] as const))(
    'runs %s as an arm64 Lambda on the current Node runtime, its timeout above its deadline, its concurrency reserved',
    (name, api) => {
      const template = synthesized.template(synthesized.platform.ingest);
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `ndf-test-${name}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Timeout: Math.ceil(api.deadlineMs / 1000) + 3,
        ReservedConcurrentExecutions: api.reservedConcurrency,
        TracingConfig: { Mode: 'Active' },
        Environment: { Variables: Match.objectLike({ NDF_PREFIX: 'ndf-test-' }) },
      });
      expect(Math.ceil(api.deadlineMs / 1000) + 3).toBeGreaterThan(api.deadlineMs / 1000);
    },
  );

  it.each(catalog.apis.map((api) => [api.name, api] as const))(
    'serves %s through an HTTP API with the JWT authorizer on every route but the public ones, throttled, with access logs',
    (name, api) => {
      const template = synthesized.template(synthesized.platform.ingest);
      const poolId = logicalIdOf(synthesized.platform.ingest.identities.userPool);
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: logicalIdOf(synthesized.platform.ingest.identities.appClient) }],
          Issuer: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('cognito-idp'), { Ref: poolId }])] },
        },
      });
      // Each API's own resources: its routes and stage name its HTTP API.
      const ofThisApi = { ApiId: { Ref: logicalIdOf(deployedApi(name).httpApi) } };
      const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: ofThisApi })).map((route) => [
        route.Properties.RouteKey,
        route.Properties.AuthorizationType,
      ]);
      expect(routes).toEqual(
        expect.arrayContaining([
          [`ANY ${api.basePath}/{proxy+}`, 'JWT'],
          ...api.publicRoutes.map((route) => [route.replace(' ', ` ${api.basePath}`), 'NONE']),
        ]),
      );
      expect(routes).toHaveLength(1 + api.publicRoutes.length);
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        ...ofThisApi,
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingRateLimit: api.throttle.ratePerSecond, ThrottlingBurstLimit: api.throttle.burst },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
      });
      expect(name).toBe(api.name);
    },
  );

  it.each(catalog.apis.map((api) => [api.name, api] as const))(
    "gives each public route of %s a throttle of its own, so that anonymous callers cannot use up the API's",
    (name, api) => {
      const template = synthesized.template(synthesized.platform.ingest);
      const stages = Object.values(
        template.findResources('AWS::ApiGatewayV2::Stage', { Properties: { ApiId: { Ref: logicalIdOf(deployedApi(name).httpApi) } } }),
      ).map((stage) => stage.Properties);
      expect(stages).toHaveLength(1);
      const stage = stages[0];
      expect(api.publicRoutes.length).toBeGreaterThan(0);
      expect(stage?.RouteSettings).toEqual(
        Object.fromEntries(
          api.publicRoutes.map((route) => [
            route.replace(' ', ` ${api.basePath}`),
            { ThrottlingRateLimit: api.publicThrottle.ratePerSecond, ThrottlingBurstLimit: api.publicThrottle.burst },
          ]),
        ),
      );
      expect(api.publicThrottle.ratePerSecond).toBeLessThan(api.throttle.ratePerSecond);
      expect(name).toBe(api.name);
    },
  );

  /** The statements of one API handler's role (its policies' logical ids start with the handler's construct id). */
  const statementsOf = (api: string) =>
    Object.entries(synthesized.template(synthesized.platform.ingest).findResources('AWS::IAM::Policy'))
      .filter(([logicalId]) => logicalId.startsWith(`Handler${api.replace(/-/g, '')}`))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
  const listingsOf = (api: string) =>
    statementsOf(api)
      .filter((statement) => [statement.Action].flat().includes('s3:ListBucket'))
      .map((statement) => statement.Condition);
  const objectGrantsOf = (api: string) =>
    statementsOf(api)
      .filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('s3:Get') || action.startsWith('s3:Put')))
      .map((statement) => [[statement.Action].flat().sort(), statement.Resource['Fn::Join'][1][1]]);
  const asArray = (value: unknown): unknown[] => (value === undefined ? [] : [value].flat());
  const leadingKeysOf = (api: string) =>
    statementsOf(api)
      .filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('dynamodb:')))
      .map((statement) => statement.Condition);

  it('lets the ingest handler list the receipts bucket only under the prefix its health probe lists (derived/), never the whole bucket', () => {
    expect(listingsOf('ingest-api')).toEqual([{ StringLike: { 's3:prefix': [`${RECEIPT_DERIVED_PREFIX}*`] } }]);
    expect(RECEIPT_DERIVED_PREFIX).not.toBe(RECEIPT_ORIGINALS_PREFIX);
  });

  it('gives employees tokens with an immutable tenant and one group per role, MFA required, no sign-up', () => {
    const template = synthesized.template(synthesized.platform.ingest);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenant', AttributeDataType: 'String', Mutable: false })]),
      DeletionProtection: 'ACTIVE',
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ReadAttributes: Match.arrayWith(['custom:tenant']),
      WriteAttributes: Match.not(Match.arrayWith(['custom:tenant'])),
    });
  });

  it('lets the ingest handler write only tenant items, originals under tenants/ and read derived copies', () => {
    const keys = leadingKeysOf('ingest-api');
    expect(keys.length).toBeGreaterThan(0);
    for (const condition of keys) expect(condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#*'] } });
    expect(
      objectGrantsOf('ingest-api')
        .map(([, suffix]) => suffix)
        .sort(),
    ).toEqual(['/derived/*', '/tenants/*']);
  });

  it("lets the expense handler touch tenant items and the reference table's rates only, read and write the exports' tenants/ prefix, and read the audit trail's", () => {
    const keys = leadingKeysOf('expense-api').map((condition) => condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']);
    expect(keys.length).toBeGreaterThan(0);
    for (const leading of keys) expect([['T#*'], ['RATES#*'], ['PAYABLE#*', 'MILEAGE_DUE#*']]).toContainEqual(leading);
    expect(keys).toContainEqual(['RATES#*']);
    // A batch on demand reads the payable notes' and the mileage differences' shards (gsi1 only, Query only).
    const shards = statementsOf('expense-api').filter((statement) =>
      asArray(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).includes('PAYABLE#*'),
    );
    expect(shards.map((statement) => [statement.Action, asArray(statement.Resource).length])).toEqual([['dynamodb:Query', 1]]);
    // The exports' SEPA files written and read; the audit records read only (each bucket's own statements).
    expect(objectGrantsOf('expense-api')).toEqual([
      [['s3:AbortMultipartUpload', 's3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], '/tenants/*'],
      [['s3:GetObject', 's3:GetObjectVersion'], '/tenants/*'],
    ]);
    expect(listingsOf('expense-api')).toEqual([
      { StringLike: { 's3:prefix': ['tenants/*'] } },
      { StringLike: { 's3:prefix': ['tenants/*'] } },
    ]);
  });

  it("lets the expense handler read a note's audit trail (the audit bucket's tenants/), and never write nor delete a record", () => {
    const statements = handlerStatements();
    const audit = { construct: synthesized.platform.data.buckets.get('audit')! };
    const record = { ...audit, path: '/tenants/acme/notes/n1/20260302T190000000Z_NOTE_1_e1.json' };
    expect(allows(statements, 's3:GetObject', record)).toBe(true);
    for (const action of ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'])
      expect(allows(statements, action, record), action).toBe(false);
    expect(allows(statements, 's3:GetObject', { ...audit, path: '/index/2026-03-02.json' })).toBe(false);
  });
});
