import { describe, expect, it } from 'vitest';
import { catalog, catalogProblems, matchesPattern, serviceAccess, serviceDeployment, type Catalog, type ServiceEntry } from '@ndf/catalog';

const service = (overrides: Partial<ServiceEntry>): ServiceEntry => ({
  name: 'vat-calculator',
  description: 'test',
  critical: false,
  consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT'] },
  emits: [],
  limits: { deadlineMs: 5_000, concurrency: 16, maxAttempts: 5 },
  alarms: { maxMessageAgeSeconds: 60, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
  ...overrides,
});
const withServices = (...services: ServiceEntry[]): Catalog => ({ ...catalog, services });

describe("a service's deployment in the cloud", () => {
  it('takes the smallest Fargate task and one to ten tasks when its entry says nothing', () => {
    expect(serviceDeployment(service({}))).toEqual({ cpu: 256, memoryMiB: 512, minTasks: 1, maxTasks: 10 });
  });

  it('idles at zero tasks only where the catalog allows it, never for a critical service', () => {
    expect(serviceDeployment(service({ scaling: { maxTasks: 4, scaleToZero: true } })).minTasks).toBe(0);
    expect(serviceDeployment(service({ critical: true, scaling: { maxTasks: 4, scaleToZero: true } })).minTasks).toBe(1);
    expect(catalogProblems(withServices(service({ critical: true, scaling: { maxTasks: 4, scaleToZero: true } })))).toEqual([
      'Service "vat-calculator" is critical and so may not scale to zero.',
    ]);
  });

  it('refuses a task size Fargate does not run, a task range out of bounds, and reads of unknown places', () => {
    const problems = catalogProblems(
      withServices(
        service({
          task: { cpu: 256, memoryMiB: 4096 },
          scaling: { maxTasks: 0, scaleToZero: false },
          reads: [
            { kind: 'bucket', bucket: 'nowhere', prefix: 'x/' },
            { kind: 'table', table: 'nothing' },
          ],
        }),
      ),
    );
    expect(problems).toEqual([
      'Service "vat-calculator" reads unknown bucket "nowhere".',
      'Service "vat-calculator" reads unknown table "nothing".',
      'Service "vat-calculator": 4096 MiB is not a Fargate memory size for 256 CPU units.',
      'Service "vat-calculator": maxTasks must be an integer from 1 to 100.',
    ]);
  });
});

describe('a service fed by a schedule', () => {
  it('ticks in the cloud on whole minutes (an EventBridge rate), and reads only indexes and backlogs that exist', () => {
    const problems = catalogProblems(
      withServices(
        service({
          consumes: { kind: 'schedule', everySeconds: 90, localEverySeconds: 0 },
          reads: [
            { kind: 'index', table: 'notes', index: 'nope', partitions: ['RECONCILE#*'] },
            { kind: 'index', table: 'notes', index: 'gsi1', partitions: ['T#*'] },
            { kind: 'backlog', service: 'nobody' },
          ],
        }),
      ),
    );
    expect(problems).toEqual([
      'Service "vat-calculator": everySeconds must be a whole number of minutes (an EventBridge rate), at least 60.',
      'Service "vat-calculator": localEverySeconds must be a whole number of seconds, at least 1.',
      'Service "vat-calculator" reads unknown index "nope" of table "notes".',
      'Service "vat-calculator" reads index "gsi1" on no partition, or on tenant ones (read the table for those).',
      'Service "vat-calculator" watches the backlog of unknown service "nobody".',
    ]);
  });
});

describe('what a service may touch', () => {
  it('reads its source, reads what it declares, writes what it emits, and keeps its own quarantine', () => {
    const access = serviceAccess(
      catalog,
      service({
        consumes: { kind: 's3', bucket: 'receipts', prefix: 'tenants/' },
        reads: [{ kind: 'bucket', bucket: 'receipts', prefix: 'derived/' }],
        emits: [
          { kind: 'table', table: 'notes' },
          { kind: 'bucket', bucket: 'receipts', prefix: 'derived/' },
          { kind: 'service', service: 'ocr' },
          { kind: 'email' },
        ],
      }),
    );
    expect(access).toEqual({
      sendsTo: ['ocr'],
      watchesBacklogOf: [],
      indexes: [],
      tables: [{ table: 'notes', write: true, partitions: ['T#*'] }],
      buckets: [
        { bucket: 'receipts', prefix: 'tenants/', read: true, write: false, expire: false },
        { bucket: 'receipts', prefix: 'derived/', read: true, write: true, expire: false },
        { bucket: 'quarantine', prefix: 'quarantine/vat-calculator/', read: true, write: true, expire: false },
      ],
      sendsEmail: true,
    });
  });

  it('queries the index partitions and watches the backlogs it declares, and only those', () => {
    const access = serviceAccess(
      catalog,
      service({
        consumes: { kind: 'schedule', everySeconds: 60, localEverySeconds: 10 },
        reads: [
          { kind: 'index', table: 'notes', index: 'gsi1', partitions: ['RECONCILE#*'] },
          { kind: 'backlog', service: 'ocr' },
        ],
      }),
    );
    expect(access.indexes).toEqual([{ table: 'notes', index: 'gsi1', partitions: ['RECONCILE#*'] }]);
    expect(access.watchesBacklogOf).toEqual(['ocr']);
    expect(access.tables).toEqual([]);
  });

  it('reads the table of its stream without writing it when it emits nothing there', () => {
    expect(serviceAccess(catalog, service({})).tables).toEqual([{ table: 'notes', write: false, partitions: ['T#*'] }]);
  });

  it('touches a table of reference data on its own partitions, not tenant ones', () => {
    const access = serviceAccess(catalog, service({ reads: [{ kind: 'table', table: 'reference' }] }));
    expect(access.tables).toContainEqual({ table: 'reference', write: false, partitions: ['RATES#*'] });
  });
});

describe('public routes of an API', () => {
  it('must be "METHOD /path"', () => {
    const api = catalog.apis[0]!;
    const problems = catalogProblems({
      ...catalog,
      apis: [{ ...api, publicRoutes: ['health', 'GET /health'], throttle: { ratePerSecond: 0, burst: 1 }, reservedConcurrency: 0 }],
    });
    expect(problems).toEqual([
      `API "${api.name}": public route "health" is not "METHOD /path".`,
      `API "${api.name}": throttle rate and burst must be at least 1.`,
      `API "${api.name}": reservedConcurrency must be a positive integer.`,
    ]);
  });

  it("have a throttle of their own, at least 1 and not above the API's", () => {
    const api = catalog.apis[0]!;
    const problems = (publicThrottle: { ratePerSecond: number; burst: number }) =>
      catalogProblems({ ...catalog, apis: [{ ...api, publicThrottle }] });
    expect(problems({ ratePerSecond: 0, burst: 5 })).toEqual([`API "${api.name}": publicThrottle rate and burst must be at least 1.`]);
    expect(problems({ ratePerSecond: api.throttle.ratePerSecond + 1, burst: 1 })).toEqual([
      `API "${api.name}": publicThrottle must not be above the API's throttle.`,
    ]);
    expect(problems({ ratePerSecond: 1, burst: 1 })).toEqual([]);
  });
});

describe('IAM-style patterns', () => {
  it('let * stand for any run of characters and take everything else literally', () => {
    expect(matchesPattern('T#*', 'T#acme#N#1')).toBe(true);
    expect(matchesPattern('T#*', 'ADMIN#T#acme')).toBe(false);
    expect(matchesPattern('QUARANTINE#ocr', 'QUARANTINE#ocr-2')).toBe(false);
    expect(matchesPattern('/derived/*.json', '/derived/a.json')).toBe(true);
    expect(matchesPattern('/derived/*.json', '/derived/ajson')).toBe(false);
  });
});
