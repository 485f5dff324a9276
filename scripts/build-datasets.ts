/**
 * Renders every built-in dataset's reference pages with the tool's own renderer and writes the
 * screenshots the models are given: `npm run build:datasets [-- ID...]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { PNG } from "pngjs";
import { BUILTIN_DATASETS_DIR, builtinDatasetIds, ManifestSchema } from "../src/datasets/index.js";
import { Renderer } from "../src/render/index.js";

const ids = process.argv.slice(2).length ? process.argv.slice(2) : builtinDatasetIds();
for (const id of ids) {
  const root = join(BUILTIN_DATASETS_DIR, id);
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(root, "dataset.json"), "utf8")));
  const renderer = await Renderer.launch({ assetRoot: root, viewport: manifest.viewport, concurrency: 2 });
  try {
    await Promise.all(
      manifest.samples.map(async (sample) => {
        // The built-in datasets are image2html benchmarks: every sample has its page.
        const htmlPath = join(root, sample.html!);
        const result = await renderer.render({
          html: readFileSync(htmlPath, "utf8"),
          pagePath: relative(root, htmlPath).split(sep).join("/"),
        });
        if (!result.ok) throw new Error(`${sample.id}: ${result.status}: ${result.error}`);
        const out = join(root, sample.image);
        mkdirSync(dirname(out), { recursive: true });
        // The renderer favours encoding speed; the committed copy favours size.
        writeFileSync(out, PNG.sync.write(PNG.sync.read(result.png), { deflateLevel: 9 }));
        console.log(`${id}/${sample.id}: ${result.facts.width}x${result.facts.height}`);
      }),
    );
  } finally {
    await renderer.close();
  }
}
