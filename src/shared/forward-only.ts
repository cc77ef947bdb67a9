/**
 * Migrations run forward only: a change is undone by a new migration, never by rolling back one
 * that production has already applied. Knex insists on a `down`, so every migration exports this.
 */
export function forwardOnly(): Promise<void> {
  return Promise.reject(new Error('Migrations are forward only: write a new migration to undo a change.'));
}
