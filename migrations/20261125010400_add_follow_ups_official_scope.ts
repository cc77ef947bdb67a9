import type { Knex } from 'knex';

/**
 * A dashboard narrowed to a province or party counts the follow-ups open on a day among the meetings
 * with those officials: joining every follow-up to the meetings read the follow-ups whole (100,000,
 * ~20 ms). Follow-ups already carry their meeting's campaign, local and deletion; they now carry its
 * official too, kept by the same triggers (a new follow-up takes it from its meeting; a meeting moved
 * to another official passes it on), and an index by campaign and official holds what the count
 * reads, so that it reads only the follow-ups of those officials.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE follow_ups ADD COLUMN official_id integer');
  await knex.raw('UPDATE follow_ups f SET official_id = m.official_id FROM meetings m WHERE m.id = f.meeting_id');

  await knex.raw(`CREATE OR REPLACE FUNCTION follow_ups_meeting_scope() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    SELECT m.campaign_id, m.local_id, m.official_id, m.deleted_at IS NOT NULL
    INTO NEW.campaign_id, NEW.local_id, NEW.official_id, NEW.meeting_deleted
    FROM meetings m WHERE m.id = NEW.meeting_id;
    RETURN NEW;
  END $$`);
  await knex.raw(`CREATE OR REPLACE FUNCTION meetings_scope_to_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE follow_ups SET campaign_id = NEW.campaign_id, local_id = NEW.local_id, official_id = NEW.official_id,
      meeting_deleted = NEW.deleted_at IS NOT NULL
    WHERE meeting_id = NEW.id;
    RETURN NULL;
  END $$`);
  await knex.raw('DROP TRIGGER meetings_scope_to_follow_ups ON meetings');
  await knex.raw(`CREATE TRIGGER meetings_scope_to_follow_ups AFTER UPDATE OF campaign_id, local_id, official_id, deleted_at ON meetings
    FOR EACH ROW WHEN ((OLD.campaign_id, OLD.local_id, OLD.official_id, OLD.deleted_at IS NULL)
      IS DISTINCT FROM (NEW.campaign_id, NEW.local_id, NEW.official_id, NEW.deleted_at IS NULL))
    EXECUTE FUNCTION meetings_scope_to_follow_ups()`);

  await knex.raw(`CREATE INDEX follow_ups_campaign_official_index ON follow_ups (campaign_id, official_id)
    INCLUDE (local_id, created_at, done_at, due_on) WHERE NOT meeting_deleted`);
}

export { forwardOnly as down } from '../src/shared/forward-only';
