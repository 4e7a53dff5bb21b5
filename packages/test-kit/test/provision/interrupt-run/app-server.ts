// A stand-in for an app's `pnpm dev` that a test spawns: a PostgreSQL of its own (embedded, data
// in the folder given, from the cached cluster), and a helper process in a process group of its
// own, as pnpm runs its script. SIGTERM stops both; anything harder leaves them to whoever ends the run.
//   node app-server.ts <data folder>
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { startEmbedded } from '../../../src/provision/providers/embedded.ts'
import { readCacheDir } from '../../../src/provision/settings.ts'

const dataFolder = process.argv[2] ?? ''
// As `pnpm dev` does: a new data folder starts from the kit's cached initdb cluster, not initdb.
const database = await startEmbedded({ persistentDataDir: join(dataFolder, 'pg'), cacheDir: readCacheDir() })
const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
  detached: true,
  stdio: 'ignore',
})
console.log(`app: ready (database ${database.adminUrl}, helper ${helper.pid})`)
const keepAlive = setInterval(() => {}, 1000)
process.once('SIGTERM', async () => {
  helper.kill('SIGTERM')
  await database.stop()
  clearInterval(keepAlive)
})
