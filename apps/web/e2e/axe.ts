import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** What a failing check prints: enough to find each offending element without opening a trace. */
function describeViolation(violation: {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}) {
  return {
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 8).map((node) => ({
      target: JSON.stringify(node.target),
      summary: node.failureSummary?.split('\n').slice(0, 3).join(' '),
    })),
  };
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation
 * (WCAG 2.x A/AA and axe's best practices). Minor and moderate findings are not gated.
 */
export async function expectNoSeriousAxeViolations(page: Page, screen: string) {
  // Mantine's transitions animate opacity; a half-faded element reads as low contrast.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(250);
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(describeViolation);
  expect(blocking, `serious or critical axe violations on ${screen}`).toEqual([]);
}
