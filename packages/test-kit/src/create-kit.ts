// The one place an app binds the kit to its schema: the generated client (built on the adapter
// the kit supplies) and the factories spec from its data model. Everything the kit offers —
// `test` with `db` and `factories`, `useDatabase`, plain factories — comes from the result.
import {
  createFactories,
  type DataModel,
  type Factories,
  type FactoriesSpec,
  type FactoryClient,
  type FactoryOptions,
} from '@tenantkit/factories'
import { kitFixtures } from './fixtures.ts'
import { useDatabaseWith } from './hooks.ts'
import type { ClientFactory, DatabaseBinding, KitClient } from './isolation/kit-client.ts'
import type { IsolationMode } from './isolation/test-database.ts'

export type KitConfig<C extends KitClient, DM extends DataModel, FC, E> = DatabaseBinding<C> & {
  /** The schema's client on a driver adapter the kit supplies: `(adapter) => new PrismaClient({ adapter })`. */
  client: ClientFactory<C>
  /** The factories spec (`defineFactories({ dataModel, customizations, tenancy })`). */
  factories: FactoriesSpec<DM, FC, E>
}

export type Kit<C extends KitClient, DM extends DataModel, FC, E> = {
  /** `test` with the `db`, `isolation` and `factories` fixtures. */
  test: ReturnType<typeof kitFixtures<C, DM, FC, E>>
  /** Hooks instead of fixtures: `const database = useDatabase()`, then `database.db` in tests. */
  useDatabase(options?: { isolation?: IsolationMode }): { readonly db: C }
  /** Factories over any client (a seed script, a benchmark, a second connection). */
  createFactories(db: FactoryClient | (() => FactoryClient), options?: FactoryOptions): Factories<DM, FC, E>
  readonly config: KitConfig<C, DM, FC, E>
}

/**
 * Binds the kit to a schema.
 * @example
 * // apps/api/test/kit.ts
 * import { PrismaClient } from '../generated/prisma/client.ts' // your schema's generated client
 * import { appFactories } from './factories.ts' // defineFactories({ dataModel, customizations, tenancy })
 * export const kit = createKit({ client: (adapter) => new PrismaClient({ adapter }), factories: appFactories })
 * export const { test, useDatabase } = kit
 */
export function createKit<C extends KitClient, DM extends DataModel, FC, E>(
  config: KitConfig<C, DM, FC, E>,
): Kit<C, DM, FC, E> {
  return {
    test: kitFixtures(config, config.factories),
    useDatabase: (options) => useDatabaseWith(config, options),
    createFactories: (db, options) => createFactories(db, config.factories, options),
    config,
  }
}
