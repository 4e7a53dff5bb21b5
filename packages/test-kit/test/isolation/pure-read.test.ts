// What counts as a read that changes nothing (isolation/pure-read.ts): Prisma's own SELECTs do;
// anything that locks, calls a function the kit does not know, or sends more than one statement
// does not.
import { describe, expect, it } from 'vitest'
import { isPureRead } from '../../src/isolation/pure-read.ts'

describe('isPureRead', () => {
  it('takes the SELECTs Prisma generates for reads, counts and relation loads', () => {
    expect(
      isPureRead(
        'SELECT "public"."users"."id", "public"."users"."email" FROM "public"."users" WHERE "public"."users"."id" = $1 LIMIT $2 OFFSET $3',
      ),
    ).toBe(true)
    expect(
      isPureRead(
        'SELECT COUNT(*) AS "_count._all" FROM (SELECT "public"."organizations"."id" FROM "public"."organizations" WHERE 1=1 OFFSET $1) AS "sub"',
      ),
    ).toBe(true)
    expect(
      isPureRead(
        'SELECT "t1"."id", COALESCE(JSONB_AGG("t2"."__prisma_data__"), \'[]\') AS "memberships" FROM "public"."organizations" AS "t1" LEFT JOIN LATERAL (SELECT 1) AS "t2" ON true',
      ),
    ).toBe(true)
    expect(isPureRead('select 1;')).toBe(true)
  })

  it('refuses what may write or lock: writes, locking reads, unknown or quoted functions, several statements', () => {
    expect(isPureRead('INSERT INTO "public"."users" ("id") VALUES ($1) RETURNING "id"')).toBe(false)
    expect(isPureRead('WITH x AS (DELETE FROM users RETURNING id) SELECT * FROM x')).toBe(false)
    expect(isPureRead('SELECT "id" FROM "public"."jobs" WHERE "status" = $1 FOR UPDATE SKIP LOCKED')).toBe(
      false,
    )
    expect(isPureRead('SELECT id FROM jobs FOR NO KEY UPDATE')).toBe(false)
    expect(isPureRead("SELECT tk_add_user('a@example.com')")).toBe(false)
    expect(isPureRead("SELECT nextval('users_id_seq')")).toBe(false)
    expect(isPureRead("SELECT set_config('app.tenant', $1, true)")).toBe(false)
    expect(isPureRead('SELECT pg_advisory_lock(1)')).toBe(false)
    expect(isPureRead('SELECT "public"."touch"($1)')).toBe(false)
    expect(isPureRead('SELECT 1; DELETE FROM users')).toBe(false)
  })
})
