import { createWorker, OEM, type Worker } from "tesseract.js";
import eng from "@tesseract.js-data/eng";

/**
 * The text of a screenshot as tesseract.js reads it with its packaged English model: how both sides
 * of an interaction's text score are read (the dataset's states are screenshots only, so ours are
 * read the same way, never from the DOM). One worker per process, started on the first read (its
 * start takes seconds) and reused; `closeOcr` ends it.
 *
 * Offline and leaves no files: the model is read from the `@tesseract.js-data/eng` package
 * (`langPath`), and `cacheMethod: "none"` turns off tesseract.js' cache, which would otherwise
 * write `eng.traineddata` into the working folder (its `cachePath` defaults to `.`).
 */
let worker: Promise<Worker> | undefined;

/**
 * A screenshot has no physical resolution. Fixed, tesseract does not guess one, nor warn on the
 * process's output about the 25 dpi that sharp writes into the PNGs it encodes; the text read from
 * a sample state was the same at 96, 192 and 300 and with none set.
 */
const SCREEN_DPI = "96";

function ocrWorker(): Promise<Worker> {
  worker ??= createWorker(eng.code, OEM.LSTM_ONLY, {
    langPath: eng.langPath,
    gzip: eng.gzip,
    cacheMethod: "none",
    // Without a handler tesseract.js throws a failed job's error out of its message listener,
    // uncaught; the job's own promise rejects with it anyway.
    errorHandler: () => {},
  })
    .then(async (started) => {
      await started.setParameters({ user_defined_dpi: SCREEN_DPI }).catch(async (error: unknown) => {
        await started.terminate();
        throw error;
      });
      return started;
    })
    .catch((error: unknown) => {
      worker = undefined;
      throw ocrError("could not start the OCR worker", error);
    });
  return worker;
}

/** The words tesseract.js reads in a PNG, whitespace collapsed to single spaces and trimmed. Throws with a one-line message. */
export async function readText(png: Buffer): Promise<string> {
  // Checked here: tesseract's image reader prints its own complaint on the process's output first.
  if (!png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) throw new Error("OCR failed: not a PNG");
  // Reads asked for at once queue on the worker's thread, where tesseract.js runs each job whole.
  const reader = await ocrWorker();
  try {
    const { data } = await reader.recognize(png);
    return data.text.replace(/\s+/g, " ").trim();
  } catch (error) {
    throw ocrError("OCR failed", error);
  }
}

/** Ends the worker, if one was started; the next `readText` starts another. */
export async function closeOcr(): Promise<void> {
  const started = worker;
  worker = undefined;
  if (started) await (await started.catch(() => undefined))?.terminate();
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ocrError(what: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`${what}: ${reason.replace(/\s+/g, " ").trim()}`);
}
