-- Row-level security: the app connects as app_user, which owns no table, so the policies below
-- apply to every statement it runs; FORCE makes them apply to the tables' owner as well. A request
-- sets app.workspace_id inside each query's transaction (src/tenant-client.ts).

-- Roles belong to the server, not to a database: create it once, whichever database comes first.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_user') THEN
    CREATE ROLE app_user NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO app_user;
GRANT SELECT, INSERT, UPDATE, DELETE ON "workspaces", "accounts", "seats", "projects" TO app_user;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO app_user;

-- Unset, or set and then cleared at the end of a transaction (''), the setting matches no row.
ALTER TABLE "seats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "seats" FORCE ROW LEVEL SECURITY;
CREATE POLICY "seats_of_the_current_workspace" ON "seats"
  USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', TRUE), '')::integer);

ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "projects" FORCE ROW LEVEL SECURITY;
CREATE POLICY "projects_of_the_current_workspace" ON "projects"
  USING ("workspace_id" = NULLIF(current_setting('app.workspace_id', TRUE), '')::integer);
