// The build every package of the kit packs: each module of src/ as ESM (.mjs) with its .d.mts, one
// file per module, so the paths a module computes from import.meta.url hold in dist/ as in src/.
import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/**/*.ts', '!src/**/*.test.ts'],
  unbundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  fixedExtension: true,
  dts: true,
  sourcemap: false,
})
