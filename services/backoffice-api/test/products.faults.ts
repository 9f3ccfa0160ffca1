import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * A Kysely plugin that fails every INSERT into `table` before it reaches the server: a database failure
 * injected after the uploads, without triggers or mocks of the query layer.
 */
export function failOnInsertInto(table: string): KyselyPlugin {
  return {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const node = args.node;
      if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === table) {
        throw new Error(`injected failure: insert into ${table}`);
      }
      return node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
}
