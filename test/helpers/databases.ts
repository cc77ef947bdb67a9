/** Names shared by the global setup and the per-file databases of one test run. */
export function templateName(): string {
  return `mpt_test_template_${process.env.MPT_TEST_RUN}`;
}

export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
