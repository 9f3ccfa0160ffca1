import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * MariaDB stores JSON as LONGTEXT and mysql2 hands it back as a string (MySQL 8 parses it already):
 * this is the one place JSON columns are parsed, by column name.
 */
export class JsonColumnsPlugin implements KyselyPlugin {
  readonly #columns: ReadonlySet<string>;

  constructor(columns: Iterable<string>) {
    this.#columns = new Set(columns);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) {
      for (const column of this.#columns) {
        const value = row[column];
        if (typeof value === 'string') row[column] = JSON.parse(value);
      }
    }
    return args.result;
  }
}
