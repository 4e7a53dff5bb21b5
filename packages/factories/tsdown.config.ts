// The packed build, the same for every package of the kit.
export { default } from '../tooling/src/tsdown-package.ts'
