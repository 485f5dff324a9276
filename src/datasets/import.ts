import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fsReason, lstatOrNull } from "../shared/index.js";
import { DatasetError } from "./errors.js";
import { listFiles } from "./fingerprint.js";
import { MANIFEST } from "./folder.js";
import { loadDataset } from "./load.js";
import type { Manifest, ManifestSample } from "./manifest.js";
import type { Dataset } from "./types.js";

/** What an import wrote: the folder, and what loading it found. */
export interface ImportedDataset extends Pick<Dataset, "root" | "id" | "fingerprint" | "tasks"> {
  samples: number;
}

/**
 * Writes `dataset` in the tool's own folder format (dataset.json, its pages at their paths, the
 * screenshots in screenshots/, the asset folder's other files) to `out`, which must be new or
 * empty. Everything is written beside `out` first and moved into place only once the written
 * folder loads with every sample: a failure leaves nothing. The same dataset always writes the
 * same bytes, so an import's fingerprint is stable.
 */
export async function importDataset(dataset: Dataset, out: string): Promise<ImportedDataset> {
  const target = resolve(out);
  // dataset.json has no place for interactions: such a folder is read where it lies.
  if (dataset.samples.some((sample) => sample.interactions)) throw new DatasetError(`${dataset.root}: an interaction dataset (${dataset.format}) cannot be imported; use it where it lies`);
  checkEmptyTarget(target);
  let temporary: string;
  try {
    temporary = mkdtempSync(join(dirname(target), `.${basename(target)}.import-`));
  } catch (error) {
    throw new DatasetError(`${dirname(target)}: cannot write (${fsReason(error)}), cannot import into ${target}`);
  }
  try {
    const written = new Set<string>();
    const place = (path: string, write: (to: string) => void) => {
      if (written.has(path)) throw new DatasetError(`${target}: two files of the import would be ${path}`);
      written.add(path);
      mkdirSync(dirname(join(temporary, path)), { recursive: true });
      write(join(temporary, path));
    };
    if (dataset.assetRoot) {
      const withheld = new Set(dataset.withheldFiles.map((file) => realpathSync(file)));
      for (const file of listFiles(dataset.assetRoot)) {
        const from = join(dataset.assetRoot, file);
        if (file !== MANIFEST && !withheld.has(realpathSync(from))) place(file, (to) => copyFileSync(from, to));
      }
    }
    const samples: ManifestSample[] = [];
    for (const sample of dataset.samples) {
      const image = `screenshots/${sample.id}.png`;
      const png = await sample.readImage();
      place(image, (to) => writeFileSync(to, png));
      if (sample.readHtml) {
        const html = await sample.readHtml();
        place(sample.pagePath, (to) => writeFileSync(to, html));
      }
      samples.push({
        id: sample.id,
        ...(sample.readHtml ? { html: sample.pagePath } : {}),
        image,
        ...(sample.description === undefined ? {} : { description: sample.description }),
        tags: sample.tags,
        ...(sample.question === undefined ? {} : { question: sample.question }),
        ...(sample.answer === undefined ? {} : { answer: sample.answer }),
        ...(sample.category === undefined ? {} : { category: sample.category }),
      });
    }
    const manifest: Manifest = {
      id: dataset.id,
      version: dataset.version,
      description: dataset.description,
      licence: dataset.licence,
      viewport: dataset.viewport,
      instruction: dataset.instruction,
      samples,
    };
    place(MANIFEST, (to) => writeFileSync(to, `${JSON.stringify(manifest, null, 2)}\n`));
    const imported = await loadDataset(temporary);
    if (imported.samples.length !== dataset.samples.length) {
      throw new DatasetError(`${target}: the import holds ${imported.samples.length} samples, not ${dataset.samples.length}`);
    }
    renameSync(temporary, target);
    // The fingerprint covers paths inside the folder only: the moved folder has the one checked.
    return { root: target, id: imported.id, fingerprint: imported.fingerprint, samples: imported.samples.length, tasks: imported.tasks };
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(`${target}: cannot import (${fsReason(error)})`);
  }
}

/** An import goes into a new folder or an empty one, never over files. */
function checkEmptyTarget(target: string): void {
  if (!lstatOrNull(target)) return;
  let isFolder: boolean;
  try {
    isFolder = statSync(target).isDirectory();
  } catch (error) {
    throw new DatasetError(`${target}: a link that leads nowhere (${fsReason(error)}); choose another --out`);
  }
  if (!isFolder) throw new DatasetError(`${target}: not a folder; choose another --out`);
  if (readdirSync(target).length) throw new DatasetError(`${target}: folder is not empty; choose another --out`);
}
