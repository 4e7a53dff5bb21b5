// The kit's factories: the schema-driven engine (@tenantkit/factories) and its Vitest side —
// per-test seeds and the replay command.
export * from '@tenantkit/factories'
export { createTestFactories, replayCommand, runSeed } from './test-factories.ts'
