// A driver adapter for clients that outlive one test: every call goes to the adapter of the test
// it belongs to (test-context.ts). One PrismaClient on it keeps its compiled query plans from test
// to test, whatever database each test has — the app's module-level client in either isolation
// mode, and the kit's own client in database mode.
import { PrismaPg } from '@prisma/adapter-pg'
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils'
import { currentAdapter } from './test-context.ts'

const KIT_ADAPTER = Symbol.for('tenantkit.adapter')

/** Marks an adapter factory as the kit's, so a bound client module keeps it (bindPrismaModule). */
export function markKitAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  Object.defineProperty(factory, KIT_ADAPTER, { value: true })
  return factory
}

export function isKitAdapter(value: unknown): boolean {
  return typeof value === 'object' && value !== null && KIT_ADAPTER in value
}

const ADAPTER_NAME = new PrismaPg({}).adapterName

/** The routed adapter factory: `new PrismaClient({ adapter: routedAdapter() })`. */
export function routedAdapter(): SqlDriverAdapterFactory {
  return markKitAdapter({
    provider: 'postgres',
    adapterName: ADAPTER_NAME,
    connect: async () => new RoutedAdapter(),
  })
}

class RoutedAdapter implements SqlDriverAdapter {
  readonly provider = 'postgres'
  readonly adapterName = ADAPTER_NAME

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return (await currentAdapter()).queryRaw(query)
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return (await currentAdapter()).executeRaw(query)
  }

  async executeScript(script: string): Promise<void> {
    return (await currentAdapter()).executeScript(script)
  }

  /** The transaction stays on the database of the test that started it. */
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return (await currentAdapter()).startTransaction(isolationLevel)
  }

  getConnectionInfo() {
    return { supportsRelationJoins: true }
  }

  /** Each test's adapter is the kit's to close, when its test ends. */
  async dispose(): Promise<void> {}
}
