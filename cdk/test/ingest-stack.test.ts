import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { catalog } from '@ndf/catalog';
import { RECEIPT_DERIVED_PREFIX, ROLES, RECEIPT_ORIGINALS_PREFIX } from '@ndf/contracts';
import { allows, logicalIdOf, statementsOn, type Statement } from './policy.js';
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

  it("lets the handlers list a bucket only under a prefix (the receipts' derived/, the audit trail's tenants/), never a whole bucket", () => {
    const statements = handlerStatements();
    const listingsOf = (bucket: string) =>
      statementsOn(statements, { construct: synthesized.platform.data.buckets.get(bucket)! })
        .filter((statement) => [statement.Action].flat().includes('s3:ListBucket'))
        .map((statement) => statement.Condition);
    expect(listingsOf('receipts')).toEqual([{ StringLike: { 's3:prefix': [`${RECEIPT_DERIVED_PREFIX}*`] } }]);
    expect(listingsOf('audit')).toEqual([{ StringLike: { 's3:prefix': ['tenants/*'] } }]);
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

  it('writes only tenant items, originals under tenants/ and reads derived copies', () => {
    const statements = handlerStatements();
    const dynamo = statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const statement of dynamo) expect(statement.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#*'] } });
    const receipts = { construct: synthesized.platform.data.buckets.get('receipts')! };
    expect(allows(statements, 's3:PutObject', { ...receipts, path: '/tenants/acme/receipts/r1' })).toBe(true);
    expect(allows(statements, 's3:GetObject', { ...receipts, path: '/tenants/acme/receipts/r1' })).toBe(false);
    expect(allows(statements, 's3:GetObject', { ...receipts, path: '/derived/r1.webp' })).toBe(true);
    expect(allows(statements, 's3:PutObject', { ...receipts, path: '/derived/r1.webp' })).toBe(false);
  });

  it("reads a note's audit trail (the audit bucket's tenants/) and can never write nor delete a record", () => {
    const statements = handlerStatements();
    const audit = { construct: synthesized.platform.data.buckets.get('audit')! };
    const record = { ...audit, path: '/tenants/acme/notes/n1/20260302T190000000Z_NOTE_1_e1.json' };
    expect(allows(statements, 's3:GetObject', record)).toBe(true);
    for (const action of ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'])
      expect(allows(statements, action, record), action).toBe(false);
    expect(allows(statements, 's3:GetObject', { ...audit, path: '/index/2026-03-02.json' })).toBe(false);
  });
});
