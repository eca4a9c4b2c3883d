import { queueName, type Catalog } from '@ndf/catalog';
import type { PipelineEdge } from '@ndf/alerting';

/**
 * How work flows between the catalog's components: an API's writes reach a table's stream router
 * and its uploads a bucket's consumers; a router fans a table's changes out to the subscribed
 * services' queues; a service sends to another's queue or writes a table a router reads.
 */
export function pipelineEdges(catalog: Catalog, prefix: string): PipelineEdge[] {
  const edges: PipelineEdge[] = [];
  const routersOf = (table: string) => catalog.routers.filter((router) => router.table === table);
  for (const api of catalog.apis) {
    for (const table of api.tables)
      for (const router of routersOf(table)) edges.push({ from: api.name, to: router.name, via: `${table} stream` });
    for (const service of catalog.services) {
      const source = service.consumes;
      if (source.kind === 's3' && api.buckets.includes(source.bucket))
        edges.push({ from: api.name, to: service.name, via: `${source.bucket} bucket` });
    }
  }
  for (const service of catalog.services) {
    const source = service.consumes;
    if (source.kind === 'stream')
      for (const router of routersOf(source.table))
        edges.push({ from: router.name, to: service.name, via: queueName(prefix, service.name) });
    for (const output of service.emits) {
      if (output.kind === 'service') edges.push({ from: service.name, to: output.service, via: queueName(prefix, output.service) });
      if (output.kind === 'table')
        for (const router of routersOf(output.table)) edges.push({ from: service.name, to: router.name, via: `${output.table} stream` });
    }
  }
  return edges;
}
