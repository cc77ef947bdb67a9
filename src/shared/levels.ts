/**
 * The levels of government an official sits at. Campaigns target by level and the officials'
 * directory and import read them, so they live here rather than inside one feature.
 */
export const LEVELS = ['federal', 'senate', 'provincial', 'territorial', 'municipal'] as const;
export type Level = (typeof LEVELS)[number];
