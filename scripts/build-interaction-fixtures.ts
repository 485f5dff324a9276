/**
 * Makes the reference screenshots of test/fixtures/interaction (`npx tsx scripts/build-interaction-fixtures.ts`):
 * for each page folder and each interaction K of its action.json, the page before (`src`), marked
 * (`src_mark.png`: a 3-px red box around #interactK) and after the action (`dst`), the page
 * reloaded between interactions. A fixture maker only, kept short: the tool's interaction driver
 * lives in src/render.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import puppeteer, { type Page } from "puppeteer-core";
import { actionKind } from "../src/datasets/action-kind.js";
import { findBrowser } from "../src/render/browser-path.js";

const ROOT = fileURLToPath(new URL("../test/fixtures/interaction/", import.meta.url));
const entry = (value: unknown) => value as { src: string; dst: string; action: string; "tag type": string[] };

const browser = await puppeteer.launch({ executablePath: (await findBrowser())?.path ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 720 });
const shoot = async (folder: string, name: string) =>
  // Flat pages compress well at the highest level: the committed PNGs stay a few KB.
  writeFileSync(
    join(folder, `${name}.png`),
    PNG.sync.write(PNG.sync.read(Buffer.from(await page.screenshot({ fullPage: true }))), { deflateLevel: 9 }),
  );

async function act(page: Page, selector: string, action: string, tagTypes: string[]): Promise<void> {
  const kind = actionKind(action, tagTypes);
  if (kind.action === "hover") return page.hover(selector);
  if (kind.action === "type") return page.type(selector, kind.text ?? "");
  if (kind.action === "click") return page.click(selector);
  // select: the option after the selected one, as the driver chooses.
  const next = await page.$eval(
    selector,
    (select) => (select as HTMLSelectElement).options[(select as HTMLSelectElement).selectedIndex + 1]?.value ?? "",
  );
  await page.select(selector, next);
}

for (const id of readdirSync(ROOT)) {
  const folder = join(ROOT, id);
  const actions = JSON.parse(readFileSync(join(folder, "action.json"), "utf8")) as Record<string, unknown>;
  for (const key of Object.keys(actions).filter((k) => /^[0-9]+$/.test(k))) {
    const { src, dst, action, "tag type": tagTypes } = entry(actions[key]);
    const selector = `#interact${key}`;
    await page.goto(`file://${join(folder, "index.html")}`, { waitUntil: "load" });
    await shoot(folder, src);
    const box = (await (await page.$(selector))!.boundingBox())!;
    const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
    const mark = await page.evaluateHandle(
      ({ x, y, width, height }) => {
        const div = document.body.appendChild(document.createElement("div"));
        div.style.cssText = `position:absolute;left:${x - 3}px;top:${y - 3}px;width:${width + 6}px;height:${height + 6}px;border:3px solid rgb(255,0,0);box-sizing:border-box;pointer-events:none`;
        return div;
      },
      { x: box.x + scroll.x, y: box.y + scroll.y, width: box.width, height: box.height },
    );
    await shoot(folder, `${src}_mark`);
    await mark.evaluate((div) => div.remove());
    await act(page, selector, action, tagTypes);
    await shoot(folder, dst);
    console.log(`${id}/${key}: ${src} -> ${dst}`);
  }
}
await browser.close();
