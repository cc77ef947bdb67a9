import type { Knex } from 'knex';

/**
 * The dashboard counts the follow-ups open at the end of a day (created by then, not done by then)
 * and, of those, the overdue ones (due before that day), for today and for 30 days earlier. Reading
 * every open follow-up of a large campaign took 5–10 ms a view. Each follow-up instead adds to the
 * day it opens and takes away on the day it is done, so that the count at the end of a day is the
 * sum of these changes up to that day: one row per day, whatever the number of follow-ups.
 *
 * With c its creation day, d its completion day (none while open) and due its due date, both in
 * Toronto time, a follow-up is open at the end of day A when c <= A < d, and overdue when also
 * due < A. Taking d' = greatest(c, d) changes neither (a follow-up "done" before it was created is
 * never open), and then:
 *   open(A)    = #{c <= A} - #{d' <= A}
 *   overdue(A) = #{greatest(c, due + 1) <= A} - #{greatest(d', due + 1) <= A}
 * since d' <= A implies c <= A. So a follow-up adds +1 open on day c and -1 on day d', +1 overdue on
 * day greatest(c, due + 1) and -1 on day greatest(d', due + 1).
 *
 * Rows are kept for the whole campaign (local_id NULL) and for each local (a member's view), from
 * the campaign, local and deletion each follow-up copies from its meeting. A trigger keeps them right
 * in the writer's transaction: a new follow-up, one done or reopened, a change of its due date, and
 * its meeting moved, deleted or restored. Changes commute, so concurrent writers need no lock; what
 * a follow-up took away is only ever updated, never inserted, so rows cascading away with their
 * campaign or local are safe.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE follow_up_deltas (
    campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    local_id integer REFERENCES locals (id) ON DELETE CASCADE,
    day date NOT NULL,
    open_change integer NOT NULL,
    overdue_change integer NOT NULL,
    CONSTRAINT follow_up_deltas_key UNIQUE NULLS NOT DISTINCT (campaign_id, local_id, day))`);
  await knex.raw(`COMMENT ON COLUMN follow_up_deltas.local_id IS 'The local whose follow-ups are counted; NULL: every local''s (the whole campaign)'`);

  // The changes one follow-up makes, by day (a day where they cancel out is left out).
  await knex.raw(`CREATE FUNCTION follow_up_changes(f follow_ups) RETURNS TABLE (day date, open_change integer, overdue_change integer)
  LANGUAGE sql STABLE AS $$
    WITH d AS (SELECT (f.created_at AT TIME ZONE 'America/Toronto')::date AS opened,
      CASE WHEN f.done_at IS NOT NULL THEN greatest((f.created_at AT TIME ZONE 'America/Toronto')::date,
        (f.done_at AT TIME ZONE 'America/Toronto')::date) END AS closed)
    SELECT e.day, sum(e.open_change)::int, sum(e.overdue_change)::int
    FROM d, LATERAL (VALUES (d.opened, 1, 0), (d.closed, -1, 0),
      (CASE WHEN f.due_on IS NOT NULL THEN greatest(d.opened, f.due_on + 1) END, 0, 1),
      (CASE WHEN f.due_on IS NOT NULL AND d.closed IS NOT NULL THEN greatest(d.closed, f.due_on + 1) END, 0, -1)) e (day, open_change, overdue_change)
    WHERE e.day IS NOT NULL AND f.campaign_id IS NOT NULL AND NOT f.meeting_deleted
    GROUP BY e.day HAVING sum(e.open_change) <> 0 OR sum(e.overdue_change) <> 0
  $$`);

  await knex.raw(`CREATE FUNCTION follow_up_deltas_apply() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.campaign_id, OLD.local_id, OLD.meeting_deleted, OLD.created_at, OLD.done_at, OLD.due_on)
        IS NOT DISTINCT FROM (NEW.campaign_id, NEW.local_id, NEW.meeting_deleted, NEW.created_at, NEW.done_at, NEW.due_on) THEN
      RETURN NULL; -- a new assignee or description: nothing counted changed
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      UPDATE follow_up_deltas d SET open_change = d.open_change - c.open_change, overdue_change = d.overdue_change - c.overdue_change
      FROM follow_up_changes(OLD) c WHERE d.campaign_id = OLD.campaign_id AND d.local_id IS NULL AND d.day = c.day;
      IF OLD.local_id IS NOT NULL THEN
        UPDATE follow_up_deltas d SET open_change = d.open_change - c.open_change, overdue_change = d.overdue_change - c.overdue_change
        FROM follow_up_changes(OLD) c WHERE d.campaign_id = OLD.campaign_id AND d.local_id = OLD.local_id AND d.day = c.day;
      END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO follow_up_deltas AS d (campaign_id, local_id, day, open_change, overdue_change)
      SELECT NEW.campaign_id, l.local_id, c.day, c.open_change, c.overdue_change
      FROM follow_up_changes(NEW) c, (SELECT NULL::int UNION ALL SELECT NEW.local_id WHERE NEW.local_id IS NOT NULL) l (local_id)
      ON CONFLICT ON CONSTRAINT follow_up_deltas_key DO UPDATE
        SET open_change = d.open_change + excluded.open_change, overdue_change = d.overdue_change + excluded.overdue_change;
    END IF;
    RETURN NULL;
  END $$`);
  await knex.raw(`CREATE TRIGGER follow_up_deltas_apply AFTER INSERT OR UPDATE OR DELETE ON follow_ups
    FOR EACH ROW EXECUTE FUNCTION follow_up_deltas_apply()`);

  // Everything counted again from the follow-ups: the first fill, and after a bulk load made with the trigger off.
  await knex.raw(`CREATE FUNCTION rebuild_follow_up_deltas() RETURNS void LANGUAGE sql AS $$
    TRUNCATE follow_up_deltas;
    INSERT INTO follow_up_deltas (campaign_id, local_id, day, open_change, overdue_change)
    SELECT f.campaign_id, l.local_id, c.day, sum(c.open_change), sum(c.overdue_change)
    FROM follow_ups f, follow_up_changes(f) c, LATERAL (SELECT NULL::int UNION ALL SELECT f.local_id WHERE f.local_id IS NOT NULL) l (local_id)
    GROUP BY f.campaign_id, l.local_id, c.day;
  $$`);
  await knex.raw('SELECT rebuild_follow_up_deltas()');
}

export { forwardOnly as down } from '../src/shared/forward-only';
