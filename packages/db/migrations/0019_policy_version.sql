CREATE TABLE "policy_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- hand-written:
-- The policy version (ADR 0019): statement triggers on every table read scopes are made of move it
-- in the same transaction as the change, and tell every server process on the channel
-- bulwark_policy (delivered at commit, never for a rolled-back change). To watch a new table, add
-- one line: SELECT watch_policy_input('table'), or with the columns that matter on UPDATE.
ALTER TABLE policy_state ADD CONSTRAINT policy_state_one_row CHECK (id = 1);--> statement-breakpoint
INSERT INTO policy_state (id, version) VALUES (1, 1);--> statement-breakpoint
CREATE FUNCTION policy_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
BEGIN
  UPDATE policy_state SET version = version + 1 WHERE id = 1 RETURNING version INTO moved;
  PERFORM pg_notify('bulwark_policy', moved::text);
  RETURN NULL;
END
$$;--> statement-breakpoint
-- With `columns`, an UPDATE moves the version only when it sets one of them (so the sign-in
-- bookkeeping on users, written at every sign-in, leaves the caches alone). Calling it again for a
-- table replaces its triggers (e.g. to watch one column more).
CREATE FUNCTION watch_policy_input(target regclass, columns text[] DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS policy_input_changed ON %s', target);
  EXECUTE format('DROP TRIGGER IF EXISTS policy_input_updated ON %s', target);
  EXECUTE format('CREATE TRIGGER policy_input_changed AFTER INSERT OR DELETE OR TRUNCATE ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION policy_inputs_changed()', target);
  EXECUTE format('CREATE TRIGGER policy_input_updated AFTER UPDATE%s ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION policy_inputs_changed()',
    CASE WHEN columns IS NULL THEN ''
      ELSE ' OF ' || (SELECT string_agg(quote_ident(c), ', ') FROM unnest(columns) AS c) END,
    target);
END
$$;--> statement-breakpoint
SELECT watch_policy_input('organisations');--> statement-breakpoint
SELECT watch_policy_input('users', ARRAY['organisation_id', 'roles', 'active']);--> statement-breakpoint
SELECT watch_policy_input('community_organisations');--> statement-breakpoint
SELECT watch_policy_input('community_moderators');--> statement-breakpoint
SELECT watch_policy_input('api_tokens', ARRAY['user_id', 'revoked_at', 'expires_at']);
--> statement-breakpoint
-- Ended sessions (sign-out, password change, expiry) are no policy input, but processes that
-- remember recent callers must hear of them: a notification only, no version.
CREATE FUNCTION sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('bulwark_sessions', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER sessions_ended AFTER DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION sessions_ended();
