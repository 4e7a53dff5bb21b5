// bin/node, the `node` of every pnpm script: the PATH's Node when new enough, else the pinned Node 24.
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'

const SHIM = new URL('../bin/node', import.meta.url).pathname
const ROOT_PACKAGE = new URL('../../../package.json', import.meta.url)
// The commands the shim itself uses, linked into a folder of their own: the children's PATH holds no
// node but the ones a test puts there.
const SHIM_COMMANDS = ['sh', 'uname', 'tr', 'readlink', 'dirname']

const scratch: string[] = []
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A folder with a `node` that reports `version` and, when run with arguments, says it ran. */
function fakeNode(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tk-node-runtime-'))
  scratch.push(dir)
  const node = join(dir, 'node')
  writeFileSync(
    node,
    `#!/bin/sh\n[ "$1" = --version ] && echo v${version} && exit 0\necho "fake node ${version} ran $*"\n`,
  )
  chmodSync(node, 0o755)
  return dir
}

function shimCommands(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tk-node-runtime-'))
  scratch.push(dir)
  for (const command of SHIM_COMMANDS) {
    const found = ['/usr/bin', '/bin'].map((bin) => join(bin, command)).find((path) => existsSync(path))
    if (!found) throw new Error(`${command} is not in /usr/bin or /bin`)
    symlinkSync(found, join(dir, command))
  }
  return dir
}

function runShim(shim: string, pathDirs: string[], args: string[]) {
  const result = spawnSync(shim, args, {
    encoding: 'utf8',
    env: { PATH: [...pathDirs, shimCommands()].join(':'), HOME: tmpdir() },
  })
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() }
}

describe('bin/node', () => {
  test('runs the Node on PATH when it is new enough', () => {
    const result = runShim(SHIM, [fakeNode('22.22.0')], ['-e', '1'])
    expect(result, JSON.stringify(result)).toMatchObject({ status: 0, stdout: 'fake node 22.22.0 ran -e 1' })
  })

  test('runs the pinned Node 24 from the lockfile when the Node on PATH is older', () => {
    const result = runShim(SHIM, [fakeNode('20.20.2')], ['-p', 'process.versions.node'])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^24\./)
  })

  test('runs the pinned Node when PATH has no node at all, and skips node_modules/.bin shims', () => {
    const shimDir = join(fakeNode('99.0.0'), 'node_modules/.bin')
    mkdirSync(shimDir, { recursive: true })
    copyFileSync(join(shimDir, '../../node'), join(shimDir, 'node'))
    const result = runShim(SHIM, [shimDir], ['-p', 'process.versions.node'])
    expect(result.stdout, result.stderr).toMatch(/^24\./)
  })

  test('says which Node it needs and how to get one when there is neither', () => {
    const alone = mkdtempSync(join(tmpdir(), 'tk-node-runtime-'))
    scratch.push(alone)
    mkdirSync(join(alone, 'bin'))
    copyFileSync(SHIM, join(alone, 'bin/node'))
    chmodSync(join(alone, 'bin/node'), 0o755)
    const result = runShim(join(alone, 'bin/node'), [fakeNode('20.20.2')], ['-e', '1'])
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/needs Node >= 22\.22; PATH has v20\.20\.2.*Install Node 24/)
  })

  test('asks for the Node version the root package.json declares', () => {
    const engines = JSON.parse(readFileSync(ROOT_PACKAGE, 'utf8')).engines.node as string
    const shim = readFileSync(SHIM, 'utf8')
    const [, major, minor] = /^>=(\d+)\.(\d+)/.exec(engines) ?? []
    expect(shim).toContain(`MIN_MAJOR=${major}\n`)
    expect(shim).toContain(`MIN_MINOR=${minor} `)
  })
})
