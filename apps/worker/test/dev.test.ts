// Root `pnpm dev` end to end: the API and the worker in one process on one database; an item
// scheduled through the API over HTTP is published by the worker shortly after its time, and
// SIGTERM leaves no process behind. It runs on the test's own database (DATABASE_URL, which
// `pnpm dev` migrates and seeds like its embedded one): the embedded start is the API's
// `pnpm dev` test's concern (apps/api/test/dev.test.ts), and costs ~20 s on a busy machine.
import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { spawnTracked } from '@tenantkit/test-kit'
import { describe } from 'vitest'
import { expect, test } from './kit.ts'

const ROOT = resolve(import.meta.dirname, '../../..')

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

async function request(url: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await res.text()
  return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }
}

describe('pnpm dev', () => {
  test.override({ isolation: 'database' })

  test('publishes an item scheduled through the API once its time has come, and stops cleanly', async ({
    databaseUrl,
  }) => {
    // Registered with the run (spawnTracked): however the run ends, even by Ctrl-C while pnpm dev
    // starts, the run stops it and every process it started.
    await using dev = spawnTracked('pnpm', ['dev'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_URL: databaseUrl,
        // Set, so nothing is written into the repository's .tenantkit folder.
        JWT_SECRET: 'worker-dev-test-secret-0123456789abcdef',
        LOG_LEVEL: 'info',
        WORKER_POLL_INTERVAL_MS: '200',
      },
    })
    const output = await dev.waitForOutput(/worker: .*publishes/, 90_000)
    const url = /ready at (http:\/\/\S+)/.exec(output)?.[1] ?? ''
    const [, email, password] = /demo login: (\S+) \/ (\S+)/.exec(output) ?? []
    const login = await request(`${url}/auth/login`, { method: 'POST', body: { email, password } })
    expect(login.status, login.text).toBe(200)
    const token = String(login.body.accessToken)
    const me = await request(`${url}/me`, { token })
    const [membership] = me.body.memberships as { organization: { id: string } }[]
    const orgId = membership?.organization.id
    const created = await request(`${url}/orgs/${orgId}/content`, {
      method: 'POST',
      token,
      body: { title: 'Published by pnpm dev' },
    })
    expect(created.status, created.text).toBe(201)
    const itemUrl = `${url}/orgs/${orgId}/content/${created.body.id}`
    // A moment the API finds already past (a busy machine) is tried again twice as far ahead.
    let publishAt = new Date(0)
    let scheduled = { status: 0, text: '', body: {} as Record<string, unknown> }
    for (let margin = 1000; margin <= 64_000; margin *= 2) {
      publishAt = new Date(Date.now() + margin)
      scheduled = await request(`${itemUrl}/schedule`, {
        method: 'POST',
        token,
        body: { publishAt: publishAt.toISOString() },
      })
      if (scheduled.status !== 400 || !scheduled.text.includes('TK_PUBLISH_AT_IN_PAST')) break
    }
    expect(scheduled.status, scheduled.text).toBe(200)

    let item = scheduled.body
    // A safety net 30 s past the scheduled moment, not a budget: the loop ends on the status.
    for (
      const deadline = publishAt.getTime() + 30_000;
      item.status !== 'PUBLISHED' && Date.now() < deadline;
    ) {
      await sleep(100)
      item = (await request(itemUrl, { token })).body
    }
    expect(item, dev.output).toMatchObject({ status: 'PUBLISHED', publishAt: null })
    expect(new Date(String(item.publishedAt)).getTime()).toBeGreaterThanOrEqual(publishAt.getTime())
    expect(dev.output).toMatch(/"msg":"published 1 item"/)

    // SIGTERM to its group; stop() resolves once every process of it has ended (SIGKILL after 10 s).
    const how = await dev.stop('SIGTERM')
    expect([0, 'SIGTERM'], dev.output).toContain(how.signal ?? how.code)
    expect(groupAlive(dev.pid), `processes of pnpm dev still run:\n${dev.output}`).toBe(false)
    expect(dev.output).toContain('shutting down')
    expect(dev.output).toMatch(/"msg":"publisher stopped"/)
  })
})
