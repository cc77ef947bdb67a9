import type { Knex } from 'knex';

/**
 * The headline counts the follow-ups open on a day among a campaign's meetings (of one local, for
 * a member). Joining every follow-up to every meeting of the campaign read both tables whole; each
 * follow-up now carries its meeting's campaign, local and whether it is deleted, so that the count
 * reads only the campaign's open follow-ups from an index. Triggers keep the copies right whatever
 * code writes: a new follow-up takes them from its meeting, and an edit of the meeting's campaign or
 * local, a soft delete or a restore passes them on.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE follow_ups ADD COLUMN campaign_id integer, ADD COLUMN local_id integer,
    ADD COLUMN meeting_deleted boolean NOT NULL DEFAULT false`);
  await knex.raw(`UPDATE follow_ups f SET campaign_id = m.campaign_id, local_id = m.local_id, meeting_deleted = m.deleted_at IS NOT NULL
    FROM meetings m WHERE m.id = f.meeting_id`);

  await knex.raw(`CREATE FUNCTION follow_ups_meeting_scope() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    SELECT m.campaign_id, m.local_id, m.deleted_at IS NOT NULL INTO NEW.campaign_id, NEW.local_id, NEW.meeting_deleted
    FROM meetings m WHERE m.id = NEW.meeting_id;
    RETURN NEW;
  END $$`);
  await knex.raw(`CREATE TRIGGER follow_ups_meeting_scope BEFORE INSERT OR UPDATE OF meeting_id ON follow_ups
    FOR EACH ROW EXECUTE FUNCTION follow_ups_meeting_scope()`);

  await knex.raw(`CREATE FUNCTION meetings_scope_to_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE follow_ups SET campaign_id = NEW.campaign_id, local_id = NEW.local_id, meeting_deleted = NEW.deleted_at IS NOT NULL
    WHERE meeting_id = NEW.id;
    RETURN NULL;
  END $$`);
  await knex.raw(`CREATE TRIGGER meetings_scope_to_follow_ups AFTER UPDATE OF campaign_id, local_id, deleted_at ON meetings
    FOR EACH ROW WHEN ((OLD.campaign_id, OLD.local_id, OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.campaign_id, NEW.local_id, NEW.deleted_at IS NULL))
    EXECUTE FUNCTION meetings_scope_to_follow_ups()`);

  // Open on a day: still open, or done after that day. Each read by campaign and creation time.
  await knex.raw(`CREATE INDEX follow_ups_campaign_open_index ON follow_ups (campaign_id, created_at) INCLUDE (local_id, due_on)
    WHERE done_at IS NULL AND NOT meeting_deleted`);
  await knex.raw(`CREATE INDEX follow_ups_campaign_done_index ON follow_ups (campaign_id, done_at) INCLUDE (local_id, due_on, created_at)
    WHERE done_at IS NOT NULL AND NOT meeting_deleted`);
}

export { forwardOnly as down } from '../src/shared/forward-only';
