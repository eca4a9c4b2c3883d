import type { Catalog } from './types.js';
import { FARGATE_MEMORY_MIB } from './deployment.js';
import { downstreamServices } from './wiring.js';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Every inconsistency of the catalog, as sentences; empty when it is sound. */
export function catalogProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  const tableNames = new Set(catalog.tables.map((table) => table.name));
  const bucketNames = new Set(catalog.buckets.map((bucket) => bucket.name));
  const serviceNames = new Set(catalog.services.map((service) => service.name));

  const duplicates = (names: string[]) => names.filter((name, index) => names.indexOf(name) !== index);
  for (const name of duplicates(catalog.tables.map((t) => t.name))) problems.push(`Table "${name}" is declared twice.`);
  for (const name of duplicates(catalog.buckets.map((b) => b.name))) problems.push(`Bucket "${name}" is declared twice.`);
  for (const name of duplicates([...catalog.services, ...catalog.apis, ...catalog.routers].map((s) => s.name)))
    problems.push(`Service, API or router "${name}" is declared twice.`);
  for (const router of catalog.routers) {
    const where = `Router "${router.name}"`;
    if (!KEBAB.test(router.name)) problems.push(`${where}: the name must be kebab-case.`);
    const table = catalog.tables.find((t) => t.name === router.table);
    if (!table) problems.push(`${where} reads the stream of unknown table "${router.table}".`);
    else if (!table.stream) problems.push(`${where} reads the stream of table "${router.table}", which has none.`);
    if (!(Number.isInteger(router.batchSize) && router.batchSize >= 1 && router.batchSize <= 1000))
      problems.push(`${where}: batchSize must be an integer from 1 to 1000.`);
    if (!(Number.isInteger(router.maxRetries) && router.maxRetries >= 0 && router.maxRetries <= 10))
      problems.push(`${where}: maxRetries must be an integer from 0 to 10.`);
    if (!(router.deadlineMs >= 100 && router.deadlineMs <= 15 * 60_000))
      problems.push(`${where}: deadlineMs must be between 100 ms and 15 minutes.`);
  }
  const routedTables = new Set(catalog.routers.map((router) => router.table));

  for (const port of duplicates(catalog.apis.map((a) => String(a.localPort)))) problems.push(`Local port ${port} is used by two APIs.`);
  for (const api of catalog.apis) {
    if (!KEBAB.test(api.name)) problems.push(`API "${api.name}": the name must be kebab-case.`);
    for (const table of api.tables) if (!tableNames.has(table)) problems.push(`API "${api.name}" uses unknown table "${table}".`);
    for (const bucket of api.buckets) if (!bucketNames.has(bucket)) problems.push(`API "${api.name}" uses unknown bucket "${bucket}".`);
    if (!api.basePath.startsWith('/') || api.basePath.endsWith('/'))
      problems.push(`API "${api.name}": basePath must start with "/" and not end with one.`);
    if (!(Number.isInteger(api.localPort) && api.localPort >= 1024 && api.localPort <= 65_535))
      problems.push(`API "${api.name}": localPort must be a port from 1024 to 65535.`);
    // API Gateway gives an integration at most 30 s; the Lambda timeout must leave room above the deadline.
    if (!(api.deadlineMs >= 100 && api.deadlineMs <= 25_000))
      problems.push(`API "${api.name}": deadlineMs must be between 100 ms and 25 s.`);
    if (!(Number.isInteger(api.maxBodyBytes) && api.maxBodyBytes >= 1 && api.maxBodyBytes <= 6 * 1024 * 1024)) {
      problems.push(`API "${api.name}": maxBodyBytes must be from 1 byte to 6 MiB (Lambda's payload limit).`);
    }
    for (const route of api.publicRoutes) {
      if (!/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/\S*$/.test(route))
        problems.push(`API "${api.name}": public route "${route}" is not "METHOD /path".`);
    }
    const throttled = api.throttle.ratePerSecond >= 1 && api.throttle.burst >= 1;
    if (!throttled) problems.push(`API "${api.name}": throttle rate and burst must be at least 1.`);
    if (!(api.publicThrottle.ratePerSecond >= 1 && api.publicThrottle.burst >= 1))
      problems.push(`API "${api.name}": publicThrottle rate and burst must be at least 1.`);
    else if (throttled && (api.publicThrottle.ratePerSecond > api.throttle.ratePerSecond || api.publicThrottle.burst > api.throttle.burst))
      problems.push(`API "${api.name}": publicThrottle must not be above the API's throttle.`);
    if (!(Number.isInteger(api.reservedConcurrency) && api.reservedConcurrency >= 1))
      problems.push(`API "${api.name}": reservedConcurrency must be a positive integer.`);
  }

  const fedByOthers = new Set(catalog.services.flatMap(downstreamServices));
  for (const service of catalog.services) {
    const where = `Service "${service.name}"`;
    if (!KEBAB.test(service.name)) problems.push(`${where}: the name must be kebab-case.`);
    // The DLQ takes the name plus "-dlq"; SQS names are at most 80 characters.
    if (service.name.length > 60) problems.push(`${where}: the name must be at most 60 characters.`);
    const source = service.consumes;
    if (source.kind === 'stream') {
      const table = catalog.tables.find((t) => t.name === source.table);
      if (!table) problems.push(`${where} consumes the stream of unknown table "${source.table}".`);
      else if (!table.stream) problems.push(`${where} consumes the stream of table "${source.table}", which has none.`);
      if (source.events.length === 0) problems.push(`${where} subscribes to no stream event.`);
      if (table?.stream && !routedTables.has(source.table))
        problems.push(`${where} consumes the stream of table "${source.table}", which no router reads.`);
      for (const filter of [source.where ?? {}, ...Object.values(source.whereByType ?? {})]) {
        for (const [attribute, values] of Object.entries(filter)) {
          if (values.length === 0) problems.push(`${where} filters on "${attribute}" with no value: nothing would pass.`);
        }
      }
      for (const itemType of Object.keys(source.whereByType ?? {})) {
        if (!source.itemTypes.includes(itemType))
          problems.push(`${where} filters item type "${itemType}", which it does not subscribe to.`);
      }
    }
    if (source.kind === 's3' && !bucketNames.has(source.bucket))
      problems.push(`${where} consumes events of unknown bucket "${source.bucket}".`);
    if (source.kind === 'queue' && !fedByOthers.has(service.name)) problems.push(`${where} consumes a queue that no service emits to.`);
    if (source.kind === 'schedule') {
      if (!(Number.isInteger(source.everySeconds / 60) && source.everySeconds >= 60))
        problems.push(`${where}: everySeconds must be a whole number of minutes (an EventBridge rate), at least 60.`);
      if (!(Number.isInteger(source.localEverySeconds) && source.localEverySeconds >= 1))
        problems.push(`${where}: localEverySeconds must be a whole number of seconds, at least 1.`);
    }
    for (const output of service.emits) {
      if (output.kind === 'table' && !tableNames.has(output.table)) problems.push(`${where} emits to unknown table "${output.table}".`);
      if ((output.kind === 'bucket' || output.kind === 'expiry') && !bucketNames.has(output.bucket))
        problems.push(`${where} emits to unknown bucket "${output.bucket}".`);
      if (output.kind === 'service' && !serviceNames.has(output.service))
        problems.push(`${where} emits to unknown service "${output.service}".`);
      if (output.kind === 'service' && output.service === service.name) problems.push(`${where} emits to itself.`);
      if (output.kind === 'api' && !catalog.apis.some((api) => api.name === output.api))
        problems.push(`${where} calls unknown API "${output.api}".`);
    }
    const { deadlineMs, concurrency, maxAttempts } = service.limits;
    if (!(deadlineMs >= 100 && deadlineMs <= 15 * 60_000)) problems.push(`${where}: deadlineMs must be between 100 ms and 15 minutes.`);
    if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 1000))
      problems.push(`${where}: concurrency must be an integer from 1 to 1000.`);
    if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1 && maxAttempts <= 1000))
      problems.push(`${where}: maxAttempts must be an integer from 1 to 1000.`);
    if (!(service.alarms.maxMessageAgeSeconds >= 10))
      problems.push(`${where}: maxMessageAgeSeconds must be at least 10 (the alarm period).`);
    if (!(service.alarms.quarantinedMessages >= 1)) problems.push(`${where}: quarantinedMessages must be at least 1.`);
    if (!(service.alarms.heartbeatMissingSeconds >= 10)) problems.push(`${where}: heartbeatMissingSeconds must be at least 10.`);
    for (const counter of service.alarms.pagingCounters ?? [])
      if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(counter))
        problems.push(`${where}: paging counter "${counter}" is not a snake_case metric name.`);
    for (const input of service.reads ?? []) {
      if (input.kind === 'table' && !tableNames.has(input.table)) problems.push(`${where} reads unknown table "${input.table}".`);
      if (input.kind === 'bucket' && !bucketNames.has(input.bucket)) problems.push(`${where} reads unknown bucket "${input.bucket}".`);
      if (input.kind === 'index') {
        const table = catalog.tables.find((candidate) => candidate.name === input.table);
        if (!table?.globalIndexes.some((index) => index.name === input.index))
          problems.push(`${where} reads unknown index "${input.index}" of table "${input.table}".`);
        if (input.partitions.length === 0 || input.partitions.some((partition) => partition.startsWith('T#')))
          problems.push(`${where} reads index "${input.index}" on no partition, or on tenant ones (read the table for those).`);
      }
      if (input.kind === 'backlog' && !serviceNames.has(input.service))
        problems.push(`${where} watches the backlog of unknown service "${input.service}".`);
    }
    if (service.task && !(FARGATE_MEMORY_MIB[service.task.cpu] ?? []).includes(service.task.memoryMiB)) {
      problems.push(`${where}: ${service.task.memoryMiB} MiB is not a Fargate memory size for ${service.task.cpu} CPU units.`);
    }
    if (service.scaling) {
      if (!(Number.isInteger(service.scaling.maxTasks) && service.scaling.maxTasks >= 1 && service.scaling.maxTasks <= 100))
        problems.push(`${where}: maxTasks must be an integer from 1 to 100.`);
      if (service.critical && service.scaling.scaleToZero) problems.push(`${where} is critical and so may not scale to zero.`);
    }
  }
  return problems;
}

export function assertCatalog(catalog: Catalog): void {
  const problems = catalogProblems(catalog);
  if (problems.length > 0) throw new Error(`The catalog is inconsistent:\n- ${problems.join('\n- ')}`);
}
