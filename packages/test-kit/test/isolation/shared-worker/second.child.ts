import { defineLeakTests } from './leak-tests.ts'

defineLeakTests('second')
