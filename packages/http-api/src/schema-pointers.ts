const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

type Operations = Record<
  string,
  { requestBody?: { content: Record<string, unknown> }; responses?: Record<string, { content?: Record<string, unknown> }> }
>;

/** The pointer (`paths/~1v1~1notes/post/responses/201/content/application~1json/schema`) of every request and answer schema of a document. */
export function schemaPointers(document: { readonly paths: object }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Operations).flatMap(([method, operation]) => {
      if (method === 'parameters') return [];
      const at = `paths/${escape(path)}/${method}`;
      const bodies = Object.keys(operation.requestBody?.content ?? {}).map((type) => `${at}/requestBody/content/${escape(type)}/schema`);
      const answers = Object.entries(operation.responses ?? {}).flatMap(([status, response]) =>
        Object.keys(response.content ?? {}).map((type) => `${at}/responses/${status}/content/${escape(type)}/schema`),
      );
      return [...bodies, ...answers];
    }),
  );
}
