// axe-core (from web/node_modules, a devDependency there) run inside the page.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from './stack.mjs';

const require = createRequire(path.join(projectRoot, 'web', 'package.json'));
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations of impact serious or critical on the page as it is now, as readable lines. */
export async function seriousViolations(page) {
  // Evaluated over the DevTools protocol, so no Content-Security-Policy of the page is in the way.
  await page.evaluate(axeSource);
  // A toast or the panel still fading in is drawn translucent, and axe then measures the faded colours: scan the page at rest.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished)));
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} elements, e.g. ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
}
