// One of three files that run in parallel workers: none may see another's rows.
import { defineOwnRowsTests } from './support/own-rows-tests.ts'

defineOwnRowsTests('parallel-c')
