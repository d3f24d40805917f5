// Renders every processes/*.bpmn to docs/images/<name>.png with bpmn-js
// (NavigatedViewer) in Debian's headless Chromium (/usr/bin/chromium).
// No browser is ever downloaded: puppeteer-core only drives the system binary.
//
// Usage (from the project root):
//   npm ci --prefix docs/render-diagrams
//   node docs/render-diagrams/render.mjs

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const CHROMIUM = '/usr/bin/chromium';
const SCALE = 1.5;      // device scale factor of the PNG
const PADDING = 40;     // model-coordinate margin around the diagram
const PADDING_BOTTOM = 70; // extra room so the bpmn.io watermark sits below the diagram
const DETAIL_ABOVE_WIDTH = 3000; // model width above which the top-level sub-processes are also drawn on their own

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const processesDir = join(root, 'processes');
const imagesDir = join(root, 'docs', 'images');

const require = createRequire(import.meta.url);
const bpmnJsDir = dirname(require.resolve('bpmn-js/package.json'));
const viewerJs = join(bpmnJsDir, 'dist', 'bpmn-navigated-viewer.production.min.js');
const cssFiles = [
  join(bpmnJsDir, 'dist', 'assets', 'diagram-js.css'),
  join(bpmnJsDir, 'dist', 'assets', 'bpmn-js.css'),
  join(bpmnJsDir, 'dist', 'assets', 'bpmn-font', 'css', 'bpmn-embedded.css'),
];

function fail(message) {
  console.error(`render-diagrams: ${message}`);
  process.exitCode = 1;
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found; install Debian's chromium package (apt-get install -y chromium)`);
  }
  const files = readdirSync(processesDir).filter((f) => f.endsWith('.bpmn')).sort();
  if (files.length === 0) throw new Error(`no .bpmn files in ${processesDir}`);
  mkdirSync(imagesDir, { recursive: true });

  const userDataDir = mkdtempSync(join(tmpdir(), 'render-diagrams-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const problems = [];
  const renderedFrom = {};
  try {
    for (const file of files) {
      const name = basename(file, '.bpmn');
      const xml = readFileSync(join(processesDir, file), 'utf8');
      const page = await browser.newPage();
      page.on('pageerror', (err) => problems.push(`${file}: page error: ${err.message}`));
      await page.setViewport({ width: 1600, height: 1000, deviceScaleFactor: SCALE });
      await page.setContent(
        '<!doctype html><html><head><meta charset="utf-8"></head>' +
        '<body style="margin:0;background:#fff"><div id="canvas" style="width:100%;height:100%"></div></body></html>'
      );
      for (const path of cssFiles) {
        if (existsSync(path)) await page.addStyleTag({ path });
      }
      await page.addStyleTag({ content: 'html,body{margin:0;width:100%;height:100%;background:#fff;overflow:hidden} .djs-container{background:#fff}' });
      await page.addScriptTag({ path: viewerJs });

      const result = await page.evaluate(async (diagramXml) => {
        const viewer = new window.BpmnJS({ container: '#canvas' });
        window.__viewer = viewer;
        try {
          const { warnings } = await viewer.importXML(diagramXml);
          const messages = (warnings || []).map((w) => String(w.message || w));
          // bpmn-js silently skips model elements that have no DI; report them too.
          const registry = viewer.get('elementRegistry');
          const visit = (container) => {
            for (const el of container.flowElements || []) {
              if (el.$type !== 'bpmn:DataObject' && !registry.get(el.id)) {
                messages.push(`<${el.$type} id="${el.id}"> has no shape/edge in the diagram (missing DI)`);
              }
              visit(el);
            }
          };
          for (const root of viewer.getDefinitions().rootElements || []) visit(root);
          return { warnings: messages };
        } catch (err) {
          const warnings = (err.warnings || []).map((w) => String(w.message || w));
          return { error: String(err.message || err), warnings };
        }
      }, xml);

      if (result.error || result.warnings.length) {
        if (result.error) problems.push(`${file}: import error: ${result.error}`);
        for (const w of result.warnings) problems.push(`${file}: import warning: ${w}`);
        await page.close();
        continue;
      }

      // Bounding box of everything drawn (shapes, flows, labels) in model coordinates.
      const bbox = await page.evaluate(() => {
        const canvas = window.__viewer.get('canvas');
        const box = canvas.getActiveLayer().getBBox();
        return { x: box.x, y: box.y, width: box.width, height: box.height };
      });
      const width = Math.ceil(bbox.width + 2 * PADDING);
      const height = Math.ceil(bbox.height + PADDING + PADDING_BOTTOM);
      await page.setViewport({ width, height, deviceScaleFactor: SCALE });
      await page.evaluate((b, w, h, pad) => {
        const canvas = window.__viewer.get('canvas');
        canvas.resized();
        canvas.viewbox({ x: b.x - pad, y: b.y - pad, width: w, height: h });
      }, bbox, width, height, PADDING);
      // let the font and layout settle
      await page.evaluate(() => document.fonts.ready);
      await new Promise((r) => setTimeout(r, 200));

      const out = join(imagesDir, `${name}.png`);
      await page.screenshot({ path: out, clip: { x: 0, y: 0, width, height }, omitBackground: false });
      renderedFrom[file] = createHash('sha256').update(xml).digest('hex');
      console.log(`render-diagrams: ${file} -> ${out} (${Math.round(width * SCALE)}x${Math.round(height * SCALE)} px)`);

      // A diagram too wide to read at page width also gets one picture per expanded sub-process on the top level,
      // named <diagram>-<sub-process id>.png, so docs/designers.md can show the parts at a readable size.
      if (width > DETAIL_ABOVE_WIDTH) {
        const parts = await page.evaluate(() => window.__viewer.get('elementRegistry')
          .filter((e) => e.type === 'bpmn:SubProcess' && e.di && e.di.isExpanded && e.businessObject.$parent.$type === 'bpmn:Process')
          .map((e) => ({ id: e.id, x: e.x, y: e.y, width: e.width, height: e.height })));
        for (const part of parts) {
          const w = Math.ceil(part.width + 2 * PADDING);
          const h = Math.ceil(part.height + 2 * PADDING);
          await page.setViewport({ width: w, height: h, deviceScaleFactor: SCALE });
          await page.evaluate((b, ww, hh, pad) => {
            const canvas = window.__viewer.get('canvas');
            canvas.resized();
            canvas.viewbox({ x: b.x - pad, y: b.y - pad, width: ww, height: hh });
          }, part, w, h, PADDING);
          await new Promise((r) => setTimeout(r, 100));
          const detail = join(imagesDir, `${name}-${part.id}.png`);
          await page.screenshot({ path: detail, clip: { x: 0, y: 0, width: w, height: h }, omitBackground: false });
          console.log(`render-diagrams: ${file} ${part.id} -> ${detail}`);
        }
      }
      await page.close();
    }
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }

  // The build compares these hashes with processes/*.bpmn, so a picture never silently drifts from its model.
  if (Object.keys(renderedFrom).length === files.length) {
    writeFileSync(join(imagesDir, 'rendered-from.json'), JSON.stringify(renderedFrom, null, 2) + '\n');
  }

  if (problems.length) {
    for (const p of problems) console.error(`render-diagrams: ${p}`);
    fail(`${problems.length} problem(s) while importing diagrams; fix the BPMN and re-run`);
  }
}

main().catch((err) => {
  fail(err.stack || String(err));
});
