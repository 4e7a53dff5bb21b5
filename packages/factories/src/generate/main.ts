// `tenantkit-data-model`: a Prisma generator that writes the data model the factories read
// (models, columns, defaults, keys, relations, enums) next to the generated client, as a typed
// constant. Add it to schema.prisma after the client generator:
//   generator dataModel {
//     provider = "tenantkit-data-model"
//     output   = "../packages/db/src/generated/data-model.ts"
//   }
import generatorHelper from '@prisma/generator-helper'
import { writeDataModel } from './write-data-model.ts'

// CommonJS: no named exports under Node's ESM loader.
generatorHelper.generatorHandler({
  onManifest: () => ({
    prettyName: 'tenantkit data model',
    defaultOutput: './generated/data-model.ts',
    requiresGenerators: ['prisma-client'],
  }),
  onGenerate: writeDataModel,
})
