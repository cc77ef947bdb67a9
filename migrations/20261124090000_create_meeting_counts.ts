import type { Knex } from 'knex';

/**
 * Meetings counted per campaign, local, day and status (not deleted ones): the dashboard's
 * headline and weekly chart sum these rows instead of reading every meeting of the campaign
 * (50,000 in a large one). A trigger on meetings keeps them right in the same transaction,
 * whatever code writes: insert, an edit of the status, date, local or campaign, a soft delete
 * or a restore, a hard delete. A meeting without a campaign is not counted (the dashboard is
 * always about one campaign). Rows that fall to zero are kept: sums ignore them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE meeting_counts (
    campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    local_id integer REFERENCES locals (id) ON DELETE CASCADE,
    held_on date NOT NULL,
    status text NOT NULL,
    meetings integer NOT NULL,
    CONSTRAINT meeting_counts_key UNIQUE NULLS NOT DISTINCT (campaign_id, local_id, held_on, status))`);
  await knex.raw(`CREATE INDEX meeting_counts_campaign_day_index ON meeting_counts (campaign_id, held_on) INCLUDE (status, meetings)`);

  await knex.raw(`CREATE FUNCTION meeting_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.campaign_id, OLD.local_id, OLD.held_on, OLD.status, OLD.deleted_at IS NULL)
        IS NOT DISTINCT FROM (NEW.campaign_id, NEW.local_id, NEW.held_on, NEW.status, NEW.deleted_at IS NULL) THEN
      RETURN NULL; -- an edit of the notes, the stance, the attendees: nothing counted changes
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL AND OLD.campaign_id IS NOT NULL THEN
      UPDATE meeting_counts SET meetings = meetings - 1
      WHERE campaign_id = OLD.campaign_id AND held_on = OLD.held_on AND status = OLD.status
        AND (local_id = OLD.local_id OR (local_id IS NULL AND OLD.local_id IS NULL));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL AND NEW.campaign_id IS NOT NULL THEN
      INSERT INTO meeting_counts AS c (campaign_id, local_id, held_on, status, meetings)
      VALUES (NEW.campaign_id, NEW.local_id, NEW.held_on, NEW.status, 1)
      ON CONFLICT ON CONSTRAINT meeting_counts_key DO UPDATE SET meetings = c.meetings + 1;
    END IF;
    RETURN NULL;
  END $$`);
  await knex.raw(`CREATE TRIGGER meeting_counts_apply AFTER INSERT OR UPDATE OR DELETE ON meetings
    FOR EACH ROW EXECUTE FUNCTION meeting_counts_apply()`);

  await knex.raw(`INSERT INTO meeting_counts (campaign_id, local_id, held_on, status, meetings)
    SELECT campaign_id, local_id, held_on, status, count(*) FROM meetings
    WHERE deleted_at IS NULL AND campaign_id IS NOT NULL GROUP BY 1, 2, 3, 4`);
}

export { forwardOnly as down } from '../src/shared/forward-only';
