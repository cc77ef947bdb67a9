import type { Knex } from 'knex';

/**
 * What the dashboard needs to know about a campaign's meetings, kept per official and per local so
 * that a view reads one row per target (338) and per local (200) instead of every meeting (50,000
 * in a large campaign):
 * - official_tallies, per campaign and official, for the whole campaign (local_id NULL) and for each
 *   local (a member's view): meetings, held meetings, the first held one's date (met by a date), the
 *   latest stance recorded, the latest meeting (the worklist's "last request") and the last logged;
 * - local_tallies, per campaign and local: meetings, held, officials met and the last logged (the
 *   activity by local and the locals gone quiet).
 * Meetings without a campaign are not counted, nor meetings without a local per local.
 *
 * One trigger on meetings keeps both right in the writer's transaction, whatever code writes. Counts
 * move by ±1, so concurrent writers commute. A latest or earliest value moves by comparison when a
 * meeting comes in; when the meeting holding it goes (a delete, or an edit of its date, stance,
 * status, official, local or campaign), it is read again from the meetings, by an index probe, once
 * the tally row is locked: that read takes a fresh snapshot, so it sees every writer that updated
 * the row before and none can update it until this transaction ends. Removals only ever update
 * rows, never create them, so a campaign or local being deleted (its rows cascading away) is safe.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE official_tallies (
    campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    local_id integer REFERENCES locals (id) ON DELETE CASCADE,
    official_id integer NOT NULL REFERENCES officials (id) ON DELETE CASCADE,
    meetings integer NOT NULL,
    held integer NOT NULL,
    first_held_on date,
    stance text,
    stance_held_on date,
    stance_meeting_id integer,
    last_status text,
    last_held_on date,
    last_meeting_id integer,
    last_logged timestamptz,
    CONSTRAINT official_tallies_key UNIQUE NULLS NOT DISTINCT (campaign_id, local_id, official_id))`);
  await knex.raw(`COMMENT ON COLUMN official_tallies.local_id IS 'The local whose meetings are tallied; NULL: every local''s (the whole campaign)'`);
  await knex.raw(`CREATE TABLE local_tallies (
    campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    local_id integer NOT NULL REFERENCES locals (id) ON DELETE CASCADE,
    meetings integer NOT NULL,
    held integer NOT NULL,
    officials_met integer NOT NULL,
    last_logged timestamptz,
    PRIMARY KEY (campaign_id, local_id))`);

  for (const scope of ['whole', 'local'] as const) {
    await knex.raw(addToOfficial(scope));
    await knex.raw(removeFromOfficial(scope));
  }
  await knex.raw(`CREATE FUNCTION dashboard_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    -- What the whole campaign's row tallies changed (not only the local): else it is left alone.
    whole_changed boolean := TG_OP <> 'UPDATE'
      OR (OLD.campaign_id, OLD.official_id, OLD.status, OLD.held_on, OLD.stance, OLD.created_at, OLD.deleted_at IS NULL)
        IS DISTINCT FROM (NEW.campaign_id, NEW.official_id, NEW.status, NEW.held_on, NEW.stance, NEW.created_at, NEW.deleted_at IS NULL);
    official_held integer;
    last timestamptz;
  BEGIN
    IF NOT whole_changed AND OLD.local_id IS NOT DISTINCT FROM NEW.local_id THEN
      RETURN NULL; -- an edit of the notes, the format, the attendees: nothing tallied changed
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL AND OLD.campaign_id IS NOT NULL THEN
      IF OLD.local_id IS NOT NULL THEN
        official_held := official_tallies_remove_local(OLD);
        UPDATE local_tallies SET meetings = meetings - 1, held = held - (OLD.status = 'held')::int,
          officials_met = officials_met - coalesce(OLD.status = 'held' AND official_held = 0, false)::int
        WHERE campaign_id = OLD.campaign_id AND local_id = OLD.local_id RETURNING last_logged INTO last;
        IF FOUND AND OLD.created_at >= last THEN -- it was the local's last logged: read the last one again
          UPDATE local_tallies SET last_logged = (SELECT max(x.created_at) FROM meetings x
            WHERE x.campaign_id = OLD.campaign_id AND x.local_id = OLD.local_id AND x.deleted_at IS NULL)
          WHERE campaign_id = OLD.campaign_id AND local_id = OLD.local_id;
        END IF;
      END IF;
      IF whole_changed THEN PERFORM official_tallies_remove_whole(OLD); END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL AND NEW.campaign_id IS NOT NULL THEN
      IF NEW.local_id IS NOT NULL THEN
        official_held := official_tallies_add_local(NEW);
        INSERT INTO local_tallies AS t (campaign_id, local_id, meetings, held, officials_met, last_logged)
        VALUES (NEW.campaign_id, NEW.local_id, 1, (NEW.status = 'held')::int, (NEW.status = 'held' AND official_held = 1)::int, NEW.created_at)
        ON CONFLICT (campaign_id, local_id) DO UPDATE SET meetings = t.meetings + 1, held = t.held + excluded.held,
          officials_met = t.officials_met + excluded.officials_met, last_logged = greatest(t.last_logged, excluded.last_logged);
      END IF;
      IF whole_changed THEN PERFORM official_tallies_add_whole(NEW); END IF;
    END IF;
    RETURN NULL;
  END $$`);
  await knex.raw(`CREATE TRIGGER dashboard_tallies_apply AFTER INSERT OR UPDATE OR DELETE ON meetings
    FOR EACH ROW EXECUTE FUNCTION dashboard_tallies_apply()`);

  // Everything counted again from the meetings: the first fill, and after a bulk load made with the trigger off.
  await knex.raw(`CREATE FUNCTION rebuild_dashboard_tallies() RETURNS void LANGUAGE sql AS $$
    TRUNCATE official_tallies, local_tallies;
    INSERT INTO official_tallies (campaign_id, local_id, official_id, meetings, held, first_held_on,
      stance, stance_held_on, stance_meeting_id, last_status, last_held_on, last_meeting_id, last_logged)
    SELECT campaign_id, local_id, official_id, count(*), count(*) FILTER (WHERE status = 'held'),
      min(held_on) FILTER (WHERE status = 'held'),
      (array_agg(stance ORDER BY held_on DESC, id DESC) FILTER (WHERE stance IS NOT NULL))[1],
      (array_agg(held_on ORDER BY held_on DESC, id DESC) FILTER (WHERE stance IS NOT NULL))[1],
      (array_agg(id ORDER BY held_on DESC, id DESC) FILTER (WHERE stance IS NOT NULL))[1],
      (array_agg(status ORDER BY held_on DESC, id DESC))[1], max(held_on), (array_agg(id ORDER BY held_on DESC, id DESC))[1],
      max(created_at)
    FROM meetings WHERE deleted_at IS NULL AND campaign_id IS NOT NULL
    GROUP BY GROUPING SETS ((campaign_id, local_id, official_id), (campaign_id, official_id))
    HAVING grouping(local_id) = 1 OR local_id IS NOT NULL;
    INSERT INTO local_tallies (campaign_id, local_id, meetings, held, officials_met, last_logged)
    SELECT campaign_id, local_id, sum(meetings), sum(held), count(*) FILTER (WHERE held > 0), max(last_logged)
    FROM official_tallies WHERE local_id IS NOT NULL GROUP BY campaign_id, local_id;
  $$`);
  await knex.raw('SELECT rebuild_dashboard_tallies()');
}

type Scope = 'whole' | 'local';

/** The tally row of meeting `m`: the campaign's (local_id NULL) or its local's. */
const row = (scope: Scope) =>
  `campaign_id = m.campaign_id AND official_id = m.official_id AND ${scope === 'whole' ? 'local_id IS NULL' : 'local_id = m.local_id'}`;

/** The meetings that row tallies (the indexes by campaign and official, or by campaign, local and official). */
const meetingsOf = (scope: Scope) => `FROM meetings x WHERE x.campaign_id = m.campaign_id AND x.official_id = m.official_id
  AND x.deleted_at IS NULL${scope === 'whole' ? '' : ' AND x.local_id = m.local_id'}`;

/** Counts meeting `m` in a row, creating it if need be; returns the row's held meetings after. */
function addToOfficial(scope: Scope): string {
  const newerStance = `excluded.stance IS NOT NULL AND (t.stance_meeting_id IS NULL
    OR (excluded.stance_held_on, excluded.stance_meeting_id) >= (t.stance_held_on, t.stance_meeting_id))`;
  const newerLast = `t.last_meeting_id IS NULL OR (excluded.last_held_on, excluded.last_meeting_id) >= (t.last_held_on, t.last_meeting_id)`;
  return `CREATE FUNCTION official_tallies_add_${scope}(m meetings) RETURNS integer LANGUAGE plpgsql AS $$
  DECLARE
    n integer;
  BEGIN
    INSERT INTO official_tallies AS t (campaign_id, local_id, official_id, meetings, held, first_held_on,
      stance, stance_held_on, stance_meeting_id, last_status, last_held_on, last_meeting_id, last_logged)
    VALUES (m.campaign_id, ${scope === 'whole' ? 'NULL' : 'm.local_id'}, m.official_id, 1, (m.status = 'held')::int,
      CASE WHEN m.status = 'held' THEN m.held_on END,
      m.stance, CASE WHEN m.stance IS NOT NULL THEN m.held_on END, CASE WHEN m.stance IS NOT NULL THEN m.id END,
      m.status, m.held_on, m.id, m.created_at)
    ON CONFLICT ON CONSTRAINT official_tallies_key DO UPDATE SET
      meetings = t.meetings + 1,
      held = t.held + excluded.held,
      first_held_on = least(t.first_held_on, excluded.first_held_on),
      stance = CASE WHEN ${newerStance} THEN excluded.stance ELSE t.stance END,
      stance_held_on = CASE WHEN ${newerStance} THEN excluded.stance_held_on ELSE t.stance_held_on END,
      stance_meeting_id = CASE WHEN ${newerStance} THEN excluded.stance_meeting_id ELSE t.stance_meeting_id END,
      last_status = CASE WHEN ${newerLast} THEN excluded.last_status ELSE t.last_status END,
      last_held_on = CASE WHEN ${newerLast} THEN excluded.last_held_on ELSE t.last_held_on END,
      last_meeting_id = CASE WHEN ${newerLast} THEN excluded.last_meeting_id ELSE t.last_meeting_id END,
      last_logged = greatest(t.last_logged, excluded.last_logged)
    RETURNING t.held INTO n;
    RETURN n;
  END $$`;
}

/**
 * Uncounts meeting `m` from its row (if the row is still there); when `m` held one of the row's
 * latest or earliest values, reads them again. Returns the row's held meetings after.
 */
function removeFromOfficial(scope: Scope): string {
  return `CREATE FUNCTION official_tallies_remove_${scope}(m meetings) RETURNS integer LANGUAGE plpgsql AS $$
  DECLARE
    r official_tallies;
  BEGIN
    UPDATE official_tallies SET meetings = meetings - 1, held = held - (m.status = 'held')::int
    WHERE ${row(scope)} RETURNING * INTO r;
    IF NOT FOUND THEN RETURN NULL; END IF;
    IF (m.status = 'held' AND m.held_on <= r.first_held_on) OR m.id IN (r.stance_meeting_id, r.last_meeting_id)
        OR m.created_at >= r.last_logged THEN
      UPDATE official_tallies SET
        first_held_on = (SELECT x.held_on ${meetingsOf(scope)} AND x.status = 'held' ORDER BY x.held_on LIMIT 1),
        (stance, stance_held_on, stance_meeting_id) = (SELECT x.stance, x.held_on, x.id ${meetingsOf(scope)}
          AND x.stance IS NOT NULL ORDER BY x.held_on DESC, x.id DESC LIMIT 1),
        (last_status, last_held_on, last_meeting_id) = (SELECT x.status, x.held_on, x.id ${meetingsOf(scope)}
          ORDER BY x.held_on DESC, x.id DESC LIMIT 1),
        last_logged = (SELECT max(x.created_at) ${meetingsOf(scope)})
      WHERE ${row(scope)};
    END IF;
    RETURN r.held;
  END $$`;
}

export { forwardOnly as down } from '../src/shared/forward-only';
