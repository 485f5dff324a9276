import { createSocket } from "node:dgram";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { makeDataset, tempDir } from "./dataset.js";

/**
 * The hostile corpus (test/fixtures/hostile/): one page per attack on the renderer's sandbox. Pages
 * that aim at the network say `__LISTENER__` (http://127.0.0.1:PORT), `__LISTENER6__`
 * (http://[::1]:PORT6), `__PORT__` and `__PORT6__` (TCP), `__UDP_PORT__` and `__UDP_PORT6__` (UDP, for
 * STUN); pages that reach for local files say
 * `__SECRET_DIR__` (an absolute folder), `__SECRET_NAME__` (its name) and `__SECRET_MARKER__`.
 * The largest pages are made here, not committed.
 */
export const HOSTILE_DIR = fileURLToPath(new URL("../fixtures/hostile/", import.meta.url));

/** A loopback TCP listener that records every connection, whatever it says (HTTP, WebSocket, TURN...). */
export interface Listener {
  port: number;
  /** One entry per connection: the first line it sent, or "" when it sent nothing. */
  connections: string[];
  close(): Promise<void>;
}

export async function startListener(host: "127.0.0.1" | "::1"): Promise<Listener> {
  const connections: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const index = connections.push("") - 1;
    sockets.add(socket);
    socket.once("data", (data: Buffer) => (connections[index] = data.toString("latin1").split("\r\n")[0] ?? ""));
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback UDP socket that records every datagram it receives (a STUN binding request, say). */
export async function startUdpListener(host: "127.0.0.1" | "::1"): Promise<Listener> {
  const connections: string[] = [];
  const socket = createSocket(host === "::1" ? "udp6" : "udp4");
  socket.on("message", (message, from) => connections.push(`${message.length} bytes from ${from.address}:${from.port}`));
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, host, resolve);
  });
  return { port: socket.address().port, connections, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

/** Every listener a hostile page aims at: TCP and UDP, IPv4 and IPv6. */
export interface Listeners {
  tcp4: Listener;
  tcp6: Listener;
  udp4: Listener;
  udp6: Listener;
}

export async function startListeners(): Promise<Listeners> {
  const [tcp4, tcp6, udp4, udp6] = await Promise.all([
    startListener("127.0.0.1"),
    startListener("::1"),
    startUdpListener("127.0.0.1"),
    startUdpListener("::1"),
  ]);
  return { tcp4, tcp6, udp4, udp6 };
}

/** What each listener saw. */
export function seen(listeners: Listeners): Record<keyof Listeners, string[]> {
  const { tcp4, tcp6, udp4, udp6 } = listeners;
  return { tcp4: [...tcp4.connections], tcp6: [...tcp6.connections], udp4: [...udp4.connections], udp6: [...udp6.connections] };
}

export async function closeListeners(listeners: Listeners | undefined): Promise<void> {
  if (listeners) await Promise.all(Object.values(listeners).map((listener: Listener) => listener.close()));
}

/**
 * A page that reaches every listener when nothing guards it: images over TCP (IPv4 and IPv6) and
 * WebRTC STUN over UDP (IPv4 and IPv6). Rendered with the guard off, it proves the listeners see
 * what the hostile pages would send.
 */
export function reachEveryListener(listeners: Listeners): string {
  const { tcp4, tcp6, udp4, udp6 } = listeners;
  return `<!DOCTYPE html><html><body>
<img src="http://127.0.0.1:${tcp4.port}/control.png"><img src="http://[::1]:${tcp6.port}/control6.png">
<script>
  const pc = new RTCPeerConnection({ iceServers: [{ urls: "stun:127.0.0.1:${udp4.port}" }, { urls: "stun:[::1]:${udp6.port}" }] });
  pc.createDataChannel("control");
  pc.createOffer().then((offer) => pc.setLocalDescription(offer));
</script>
</body></html>`;
}

/** Local files a page must never show: each paints magenta where it would appear, or carries the marker. */
export interface Secret {
  dir: string;
  marker: string;
}

export const MAGENTA = [255, 0, 255] as const;

export function writeSecret(): Secret {
  const dir = tempDir("w2c-secret-");
  const marker = `W2C-SECRET-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, "secret.png"), solidPng(64, 64, MAGENTA));
  writeFileSync(join(dir, "secret.txt"), `${marker}\n`);
  writeFileSync(join(dir, "secret.html"), `<!DOCTYPE html><body style="margin:0;background:#ff00ff;height:100vh">${marker}</body>`);
  writeFileSync(join(dir, "secret.css"), "html, body, iframe, img, div { background: #ff00ff !important; }\n");
  writeFileSync(
    join(dir, "secret.svg"),
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#ff00ff"/></svg>`,
  );
  writeFileSync(join(dir, "secret.woff2"), marker);
  return { dir, marker };
}

/** Symbolic links inside the dataset folder that point at the secret (`secret-link.png` and so on). */
export function linkSecret(datasetRoot: string, secret: Secret): void {
  for (const ext of ["png", "css", "html"]) symlinkSync(join(secret.dir, `secret.${ext}`), join(datasetRoot, `secret-link.${ext}`));
}

export function solidPng(width: number, height: number, [r, g, b]: readonly number[]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([r!, g!, b!, 255], i);
  return PNG.sync.write(png);
}

/** Pixels of exactly the secret's colour in a render. */
export function magentaPixels(png: Buffer): number {
  const { data } = PNG.sync.read(png);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === MAGENTA[0] && data[i + 1] === MAGENTA[1] && data[i + 2] === MAGENTA[2]) count++;
  }
  return count;
}

export interface HostilePage {
  /** The fixture's name without `.html`, or the generated page's name. */
  name: string;
  /** Raw bytes: bad UTF-8 stays bad. */
  content: Buffer;
}

/** Every fixture with its placeholders filled in, then the generated giants. */
export function hostileCorpus(listeners: Listeners, secret: Secret): HostilePage[] {
  const { tcp4, tcp6, udp4, udp6 } = listeners;
  const fill = (text: string) =>
    text
      .replaceAll("__LISTENER6__", `http://[::1]:${tcp6.port}`)
      .replaceAll("__LISTENER__", `http://127.0.0.1:${tcp4.port}`)
      .replaceAll("__PORT6__", String(tcp6.port))
      .replaceAll("__PORT__", String(tcp4.port))
      .replaceAll("__UDP_PORT6__", String(udp6.port))
      .replaceAll("__UDP_PORT__", String(udp4.port))
      .replaceAll("__SECRET_DIR__", secret.dir)
      .replaceAll("__SECRET_NAME__", basename(secret.dir))
      .replaceAll("__SECRET_MARKER__", secret.marker);
  const fixtures = readdirSync(HOSTILE_DIR)
    .filter((file) => file.endsWith(".html"))
    .sort()
    .map((file) => ({
      name: file.slice(0, -".html".length),
      // latin1 keeps every byte as it is, and the placeholders are ASCII.
      content: Buffer.from(fill(readFileSync(join(HOSTILE_DIR, file), "latin1")), "latin1"),
    }));
  return [...fixtures, ...generatedPages()];
}

/** A 25 MB page, a page nested 30,000 deep, a page of 60,000 blocks. */
export function generatedPages(): HostilePage[] {
  const line = "<p>Twenty-five megabytes of text, far over the renderer's size cap.</p>\n";
  const huge = `<!DOCTYPE html><html><body>${line.repeat(Math.ceil((25 * 1024 * 1024) / line.length))}</body></html>`;
  const deep = `<!DOCTYPE html><html><body>${"<div>".repeat(30_000)}thirty thousand deep${"</div>".repeat(30_000)}</body></html>`;
  const blocks =
    `<!DOCTYPE html><html><head><style>.b{display:inline-block;width:38px;height:18px;margin:1px;background:#9ac;font:9px sans-serif}</style></head><body>` +
    Array.from({ length: 60_000 }, (_, i) => `<div class="b">${i}</div>`).join("") +
    "</body></html>";
  return [
    { name: "huge-25mb", content: Buffer.from(huge) },
    { name: "deep-30000", content: Buffer.from(deep) },
    { name: "blocks-60000", content: Buffer.from(blocks) },
  ];
}

/**
 * A normal page that shows the state a page could inherit from the one before it (storage, cookies,
 * the window's name, history length), so that anything left over changes its text and its pixels.
 */
export function canaryPrediction(n: number): string {
  return `<!DOCTYPE html><html><head><title>Canary ${n}</title></head><body style="margin:0;font:16px sans-serif">
<h1 style="margin:8px">Canary ${n}</h1>
<p id="state" style="margin:8px">state</p>
<div style="width:${120 + (n % 7) * 20}px;height:60px;margin:8px;background:#2a7"></div>
<script>
  let local = -1, session = -1;
  try { local = localStorage.length; session = sessionStorage.length; } catch (error) { /* none */ }
  document.getElementById("state").textContent =
    "cookie=" + JSON.stringify(document.cookie) + " local=" + local + " session=" + session +
    " name=" + JSON.stringify(window.name) + " history=" + history.length;
</script>
</body></html>`;
}

/** The canary's reference: close to the prediction, not the same, so that every metric has room to move. */
export function canaryReference(n: number): string {
  return `<!DOCTYPE html><html><head><title>Canary ${n}</title></head><body style="margin:0;font:16px sans-serif">
<h1 style="margin:8px">Canary ${n}</h1>
<p style="margin:8px">A plain page with a green box.</p>
<div style="width:200px;height:60px;margin:8px;background:#2a7"></div>
</body></html>`;
}

export const CONTROL_ID = "00-control";

export const PLAIN_REFERENCE = `<!DOCTYPE html><html><body style="margin:0"><h1>Reference</h1><p>A plain reference page.</p></body></html>`;

export interface CorpusRun {
  /**
   * The dataset: first `00-control`, whose prediction shows a magenta picture that is a dataset file
   * (proof that a secret that loaded would show), then for each hostile page `NN-name` and its canary `NN-canary`.
   */
  dataset: string;
  predictions: string;
  hostileIds: string[];
  canaryIds: string[];
  /** The canaries alone, in a dataset and prediction folder of their own. */
  canaryDataset: string;
  canaryPredictions: string;
}

/** Writes the corpus as a dataset and a replay folder, each hostile page followed by a canary. */
export function writeCorpusRun(pages: HostilePage[], secret: Secret): CorpusRun {
  const references: Record<string, string> = { [CONTROL_ID]: PLAIN_REFERENCE };
  const predictions = tempDir("w2c-hostile-preds-");
  writeFileSync(
    join(predictions, `${CONTROL_ID}.html`),
    `<!DOCTYPE html><html><body style="margin:0"><img src="../assets/magenta.png" width="64" height="64"></body></html>`,
  );
  const canaryPredictions = tempDir("w2c-canary-preds-");
  const hostileIds: string[] = [];
  const canaryIds: string[] = [];
  pages.forEach((page, i) => {
    const n = String(i + 1).padStart(2, "0");
    const hostile = `${n}-${page.name}`;
    const canary = `${n}-canary`;
    references[hostile] = PLAIN_REFERENCE;
    references[canary] = canaryReference(i + 1);
    writeFileSync(join(predictions, `${hostile}.html`), page.content);
    writeFileSync(join(predictions, `${canary}.html`), canaryPrediction(i + 1));
    writeFileSync(join(canaryPredictions, `${canary}.html`), canaryPrediction(i + 1));
    hostileIds.push(hostile);
    canaryIds.push(canary);
  });
  const dataset = makeDataset(references);
  linkSecret(dataset, secret);
  mkdirSync(join(dataset, "assets"));
  writeFileSync(join(dataset, "assets", "magenta.png"), readFileSync(join(secret.dir, "secret.png")));
  const canaryDataset = makeDataset(Object.fromEntries(canaryIds.map((id) => [id, references[id]!])));
  return { dataset, predictions, hostileIds, canaryIds, canaryDataset, canaryPredictions };
}
