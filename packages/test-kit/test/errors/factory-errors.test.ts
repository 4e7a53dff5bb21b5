// Each error of the factories (@tenantkit/factories), provoked for real: its class, its stable code,
// and a message that names the option or setting at fault and the fix.
import { appFactories } from '@tenantkit/db/factories'
import { Sequences } from '@tenantkit/factories/sequences'
import { describe, expect, test } from 'vitest'
import { toDataModel, writeDataModel } from '../../../factories/src/generate/write-data-model.ts'
import {
  createFactories,
  type DataModel,
  DataModelError,
  DataModelGeneratorError,
  defineFactories,
  FactoryUsageError,
  readTestSeed,
  SeedError,
  SequenceNamespaceError,
  TenantMixError,
} from '../../src/index.ts'
import { test as kitTest } from '../kit.ts'
import { dataModel as shopDataModel } from '../shop/generated/data-model.ts'
import { caught } from './support/caught.ts'

const noDatabase = () => {
  throw new Error('build() must not touch the database')
}
const app = () => createFactories(noDatabase, appFactories, { seed: 1 })

describe('FactoryUsageError (TK_FACTORY_USAGE)', () => {
  test.for([
    [
      'an unknown override',
      () => app().user.build({ nope: 1 } as never),
      /no column, relation or transient param "nope"\. Columns: id, email/,
    ],
    [
      'an unknown trait',
      () =>
        app()
          .user.with('admin' as never)
          .build(),
      /no trait "admin"\. Its traits: inactive, unverified/,
    ],
    [
      'a negative count',
      () => app().user.buildList(-1),
      /createList\(-1\): the count must be a whole number ≥ 0/,
    ],
    [
      'a relation that disagrees with its id column',
      () => {
        const f = app()
        return f.contentItem.build({
          organization: f.organization.build(),
          organizationId: f.faker.string.uuid(),
        })
      },
      /organizationId is .* but the relation given with it has id .*Give one of them/,
    ],
    [
      'tenant.run without the tenancy setting',
      () => {
        const f = createFactories(noDatabase, defineFactories({ dataModel: shopDataModel }))
        return f.tenant.run(f.customer.build() as never, () => 1)
      },
      /tenant\.run needs the factories' tenancy setting: add tenancy: \{ model, foreignKey \} to defineFactories/,
    ],
  ] as const)('%s', async ([, run, fix]) => {
    const error = await caught(run)
    expect(error).toBeInstanceOf(FactoryUsageError)
    expect(error.code).toBe('TK_FACTORY_USAGE')
    expect(error.message).toMatch(fix)
  })
})

describe('FactoryUsageError (TK_FACTORY_USAGE) on insert', () => {
  kitTest("a client of another schema says to pass the schema's own client", async ({ db }) => {
    const shop = createFactories(db, defineFactories({ dataModel: shopDataModel }), {
      insert: 'createManyAndReturn',
    })
    const error = await caught(() => shop.product.create())
    expect(error).toBeInstanceOf(FactoryUsageError)
    expect(error.code).toBe('TK_FACTORY_USAGE')
    expect(error.message).toMatch(
      /The client has no model "product"\. Pass the client generated from the schema/,
    )
  })
})

describe('TenantMixError (TK_TENANT_MIX)', () => {
  test('a row of another tenant inside tenant.run says how to keep one tenant', async () => {
    const f = app()
    const acme = f.organization.build({ slug: 'acme' })
    const globex = f.organization.build({ slug: 'globex' })
    const error = await caught(() => f.tenant.run(acme, () => f.contentItem.build({ organization: globex })))
    expect(error).toBeInstanceOf(TenantMixError)
    expect(error.code).toBe('TK_TENANT_MIX')
    expect(error.message).toMatch(
      /one graph must not mix two tenants\. Leave out the organization .*or make this row outside tenant\.run/,
    )
  })

  test('nesting tenant.run for another tenant says to leave the outer one', async () => {
    const f = app()
    const error = await caught(() =>
      f.tenant.run(f.organization.build(), () => f.tenant.run(f.organization.build(), () => 1)),
    )
    expect(error).toBeInstanceOf(TenantMixError)
    expect(error.code).toBe('TK_TENANT_MIX')
    expect(error.message).toMatch(/Leave the outer tenant\.run first/)
  })
})

/** Two models whose required relations point at each other. */
const cyclic: DataModel = {
  enums: {},
  models: Object.fromEntries(
    (['Egg', 'Hen'] as const).map((name) => {
      const other = name === 'Egg' ? 'Hen' : 'Egg'
      const fk = `${other.toLowerCase()}Id`
      return [
        name,
        {
          name,
          dbName: name.toLowerCase(),
          primaryKey: ['id'],
          uniqueIndexes: [['id']],
          fields: [
            {
              name: 'id',
              kind: 'scalar',
              type: 'String',
              dbName: 'id',
              isRequired: true,
              isList: false,
              isId: true,
              isUnique: true,
              isUpdatedAt: false,
              default: { kind: 'uuid' },
            },
            {
              name: fk,
              kind: 'scalar',
              type: 'String',
              dbName: fk,
              isRequired: true,
              isList: false,
              isId: false,
              isUnique: false,
              isUpdatedAt: false,
            },
            {
              name: other.toLowerCase(),
              kind: 'object',
              type: other,
              isRequired: true,
              isList: false,
              relationName: `${name}To${other}`,
              fromFields: [fk],
              toFields: ['id'],
            },
          ],
        },
      ]
    }),
  ),
}

describe('DataModelError (TK_DATA_MODEL)', () => {
  test('a tenancy model the schema does not have lists the models to use', async () => {
    const error = await caught(() =>
      defineFactories({
        dataModel: shopDataModel,
        tenancy: { model: 'store', foreignKey: 'storeId' } as never,
      }),
    )
    expect(error).toBeInstanceOf(DataModelError)
    expect(error.code).toBe('TK_DATA_MODEL')
    expect(error.message).toMatch(
      /tenancy\.model is "store", but the schema has no such model\. Use one of: customer/,
    )
  })

  test('a row planned into a cycle of required relations names the model, the relation and the customisation that breaks it', async () => {
    const f = createFactories(noDatabase, defineFactories({ dataModel: cyclic }))
    const error = await caught(() => f.egg?.build())
    expect(error).toBeInstanceOf(DataModelError)
    expect(error.code).toBe('TK_DATA_MODEL')
    expect(error.message).toMatch(
      /Hen cannot be made without input: its required relation Hen\.egg leads back to Egg \(Egg\.hen → Hen\.egg\).*customisation of Hen that sets eggId.*or make one of these relations optional in schema\.prisma/,
    )
  })
})

describe('DataModelGeneratorError (TK_DATA_MODEL_GENERATOR)', () => {
  const options = (generators: { output?: string; clientOutput?: string }) =>
    ({
      generator: { output: generators.output ? { value: generators.output } : null },
      otherGenerators: generators.clientOutput
        ? [{ provider: { value: 'prisma-client' }, output: { value: generators.clientOutput } }]
        : [],
      dmmf: { datamodel: { models: [], enums: [], types: [], indexes: [] } },
    }) as unknown as Parameters<typeof writeDataModel>[0]

  test('a generator block without output says to set one', async () => {
    const error = await caught(() => writeDataModel(options({ clientOutput: '/x' })))
    expect(error).toBeInstanceOf(DataModelGeneratorError)
    expect(error.code).toBe('TK_DATA_MODEL_GENERATOR')
    expect(error.message).toMatch(/has no `output`\. Set one/)
  })

  test('a schema without a prisma-client generator says to add one', async () => {
    const error = await caught(() => writeDataModel(options({ output: '/tmp/never-written.ts' })))
    expect(error).toBeInstanceOf(DataModelGeneratorError)
    expect(error.message).toMatch(/Add `generator client \{ provider = "prisma-client"/)
  })

  test('a field kind it cannot read names the field and the way out', async () => {
    const model = {
      name: 'Thing',
      dbName: null,
      fields: [{ name: 'odd', kind: 'unsupported', type: 'geometry', isRequired: true, isList: false }],
      primaryKey: null,
      uniqueFields: [],
    }
    const error = await caught(() =>
      toDataModel({ models: [model], enums: [], types: [], indexes: [] } as unknown as Parameters<
        typeof toDataModel
      >[0]),
    )
    expect(error).toBeInstanceOf(DataModelGeneratorError)
    expect(error.message).toMatch(
      /field odd is a unsupported; only scalars, enums and relations are supported\. Make it one of those/,
    )
  })
})

describe('SeedError (TK_SEED)', () => {
  test('a TEST_SEED that is not a seed names the setting and the fix', async () => {
    const error = await caught(() => readTestSeed({ TEST_SEED: 'abc' }))
    expect(error).toBeInstanceOf(SeedError)
    expect(error.code).toBe('TK_SEED')
    expect(error.message).toMatch(
      /TEST_SEED=abc is not a seed\. Use the integer a failed test printed.*or unset TEST_SEED/,
    )
  })
})

describe('SequenceNamespaceError (TK_SEQUENCE_NAMESPACE)', () => {
  test('a namespace unfit for e-mails and slugs names the option and the fix', async () => {
    const error = await caught(() => new Sequences('Not OK'))
    expect(error).toBeInstanceOf(SequenceNamespaceError)
    expect(error.code).toBe('TK_SEQUENCE_NAMESPACE')
    expect(error.message).toMatch(
      /sequenceNamespace must be lowercase letters and digits.*Pass one such as "seed1"/,
    )
  })
})
