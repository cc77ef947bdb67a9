/**
 * The fault run's bookkeeping: what each answer told the member, and whether the rows agree with it.
 * A redirect to the meeting says it was saved (exactly one row must exist); an error page, a
 * refusal or the sign-in page says it was not (none may exist); an answer that never came (a reset,
 * a timeout) leaves the member not knowing, which disagrees with the database whatever it holds.
 */
export type Kind = 'saved (303 to the meeting)' | 'nothing saved (503)' | 'sign-in page (303)' | 'other status' | 'no answer (reset, timeout)';

export interface Answer {
  tag: string;
  kind: Kind;
  detail: string;
}

const NOTHING_SAVED = 'Nothing was saved';

/** Sorts one POST's outcome into a kind; `error` when fetch gave no response at all. */
export async function answerOf(tag: string, outcome: Response | Error): Promise<Answer> {
  if (outcome instanceof Error) {
    const cause = (outcome as { cause?: { code?: string; message?: string } }).cause;
    return { tag, kind: 'no answer (reset, timeout)', detail: cause?.code ?? cause?.message ?? outcome.name };
  }
  const location = outcome.headers.get('location') ?? '';
  let body: string;
  try {
    body = await outcome.text();
  } catch (err) {
    return { tag, kind: 'no answer (reset, timeout)', detail: `body cut off: ${(err as Error).message}` };
  }
  if (outcome.status === 303 && /^\/meetings\/\d+/.test(location)) return { tag, kind: 'saved (303 to the meeting)', detail: location };
  if (outcome.status === 303 && location.startsWith('/login')) return { tag, kind: 'sign-in page (303)', detail: location };
  if (outcome.status === 503 && body.includes(NOTHING_SAVED)) return { tag, kind: 'nothing saved (503)', detail: '503' };
  return { tag, kind: 'other status', detail: String(outcome.status) };
}

/** Whether the rows with this answer's tag agree with what the answer said. */
export function agrees(answer: Answer, rows: { id: number }[]): boolean {
  switch (answer.kind) {
    case 'saved (303 to the meeting)':
      return rows.length === 1 && answer.detail.startsWith(`/meetings/${rows[0].id}`);
    case 'no answer (reset, timeout)':
      return false;
    default:
      return rows.length === 0;
  }
}

/** Answers, agreeing, disagreeing, and both by kind, as printed lines. */
export function tally(answers: Answer[], rowsByTag: Map<string, { id: number }[]>): { lines: string[]; disagreeing: Answer[] } {
  const byKind = new Map<Kind, { n: number; agree: number }>();
  const disagreeing: Answer[] = [];
  for (const a of answers) {
    const entry = byKind.get(a.kind) ?? { n: 0, agree: 0 };
    entry.n += 1;
    if (agrees(a, rowsByTag.get(a.tag) ?? [])) entry.agree += 1;
    else disagreeing.push(a);
    byKind.set(a.kind, entry);
  }
  const lines = [
    `answers ${answers.length}, agreeing with the rows ${answers.length - disagreeing.length}, disagreeing ${disagreeing.length}`,
    ...[...byKind].map(([kind, e]) => `  ${kind.padEnd(28)} ${String(e.n).padStart(4)}  agreeing ${String(e.agree).padStart(4)}  disagreeing ${e.n - e.agree}`),
  ];
  return { lines, disagreeing };
}
