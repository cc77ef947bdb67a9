import type { Page } from 'playwright-core';
import { axeViolations, wideElements } from './browser';

/**
 * What every page must offer whoever uses it (issue: accessibility and phones). Each check returns
 * plain sentences naming what is wrong, so one run of the tour lists every problem on every page.
 */

/** The skip link is the first Tab stop and moves focus to the main content; the next stop shows its focus. */
export async function keyboardProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.keyboard.press('Tab');
  if (!(await page.evaluate(() => document.activeElement?.classList.contains('skip-link')))) problems.push('the first Tab stop is not the skip link');
  if (!(await focusIsVisible(page))) problems.push('the skip link shows no focus');
  await page.keyboard.press('Enter');
  if (!(await page.evaluate(() => document.activeElement?.id === 'main'))) problems.push('the skip link does not move focus to main');
  await page.keyboard.press('Tab');
  if (!(await focusIsVisible(page))) problems.push(`the first control in main shows no focus: ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))}`);
  return problems;
}

/** The focused element draws an outline or a focus ring (box-shadow) that it does not draw unfocused. */
function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return true; // nothing focusable in main: nothing to show
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
  });
}

/** Links and buttons in the navigation and in forms are at least 44 × 44 px (WCAG 2.5.5). */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>(
    'header nav a, header nav button, main form button, main form a, main form input[type=submit], .skip-link:focus'))
    .filter((e) => e.offsetParent !== null)
    .map((e) => ({ e, box: e.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && (box.height < 44 - 0.5 || box.width < 44 - 0.5))
    .map(({ e, box }) => `target smaller than 44 px: “${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}” ${Math.round(box.width)}×${Math.round(box.height)}`));
}

/** Every chart has its numbers in a table; every stance shown has words, not only a colour. */
export function meaningProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const charts = document.querySelectorAll('canvas').length;
    const tables = document.querySelectorAll('table.chart-data').length;
    if (charts > tables) problems.push(`${charts} charts but ${tables} tables of their numbers`);
    for (const e of Array.from(document.querySelectorAll('[class*="stance"]'))) {
      if (!e.textContent?.trim()) problems.push(`a stance shown without words: ${e.outerHTML.slice(0, 80)}`);
    }
    return problems;
  });
}

/**
 * A form that failed: a summary at the top of main links to each field in error, and each of those
 * fields names its message through aria-describedby.
 */
export function errorAnnouncementProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const summary = document.querySelector('main .error-summary');
    if (!summary) return ['no error summary'];
    const problems: string[] = [];
    const links = Array.from(summary.querySelectorAll<HTMLAnchorElement>('a[href^="#"]'));
    if (!links.length) problems.push('the error summary links to no field');
    for (const link of links) {
      const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field) { problems.push(`the summary links to a missing field ${link.hash}`); continue; }
      const described = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      if (!described.includes(link.textContent.trim())) problems.push(`${link.hash} does not describe itself with “${link.textContent.trim()}”`);
    }
    return problems;
  });
}

/** Every check of a page as it is now, at the current window size. */
export async function pageProblems(page: Page): Promise<string[]> {
  const axe = (await axeViolations(page)).map((v) => `axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  const wide = (await wideElements(page)).map((w) => `wider than the window: ${w}`);
  return [...axe, ...wide, ...(await smallTargets(page)), ...(await meaningProblems(page))];
}
