// V8's side of Airlock's benchmarks: the same .wasm modules, the same glue calls, the same inputs
// as the JVM engines, run by node with its own WASI (node:wasi, preview1).
//
//   node --no-warnings bench/node/bench.mjs MANIFEST.json OUT.json
//
// MANIFEST.json is written by the Java side (dev.airlock.bench.RunAll): the .wasm files, the
// inputs (files on disk) with the SHA-256 of the pixels the native build decoded, the text line to
// render, and the iteration settings (the same as JMH's: warm-up iterations, measured iterations,
// time per iteration). For each input this script decodes the file to RGBA once and checks the
// hash (a broken engine must not post a time), warms up, then measures: each iteration runs the
// operation until the iteration time has passed and records ms per operation. OUT.json gets
// every iteration's ms/op; the Java side computes means and error bars as JMH does.
//
// The host side mirrors the libs bindings: malloc an out-parameter area plus the input, copy the
// input in, call the glue, read the out-parameters, copy the result out, free.
import { readFileSync, writeFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { createHash } from 'node:crypto';

const [manifestPath, outPath] = process.argv.slice(2);
if (!manifestPath || !outPath) {
  console.error('usage: node bench.mjs MANIFEST.json OUT.json');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const settings = manifest.settings;

async function instantiate(wasmFile) {
  const wasi = new WASI({ version: 'preview1', args: [], env: {}, returnOnExit: true });
  const module = await WebAssembly.compile(readFileSync(wasmFile));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  wasi.initialize(instance);
  return instance.exports;
}

const MAX_OUTPUT_BYTES = 1 << 28;

function decodeRgba(ex, file) {
  const OUT_AREA = 48;
  const block = ex.malloc(OUT_AREA + file.length) >>> 0;
  if (block === 0) throw new Error('malloc failed');
  try {
    new Uint8Array(ex.memory.buffer, block + OUT_AREA, file.length).set(file);
    const pixels = ex.airlock_stbi_load(block + OUT_AREA, file.length, 4, MAX_OUTPUT_BYTES, block) >>> 0;
    if (pixels === 0) throw new Error('stb_image failed to decode');
    try {
      // The memory may have grown during the call: views are made afterwards.
      const out = new Int32Array(ex.memory.buffer, block, 5);
      const [width, height, , channels] = out;
      if (width <= 0 || height <= 0 || channels !== 4) throw new Error(`bad result ${width}x${height}x${channels}`);
      return new Uint8Array(ex.memory.buffer, pixels, width * height * 4).slice();
    } finally {
      ex.airlock_stbi_free(pixels);
    }
  } finally {
    ex.free(block);
  }
}

function openFont(ex, font) {
  const OUT_AREA = 64;
  const block = ex.malloc(OUT_AREA + font.length) >>> 0;
  new Uint8Array(ex.memory.buffer, block + OUT_AREA, font.length).set(font);
  const info = ex.airlock_tt_open(block + OUT_AREA, font.length, 0, block) >>> 0;
  if (info === 0) throw new Error('cannot open the font');
  return { block, info };
}

const encoder = new TextEncoder();

function renderLine(ex, font, text, pixelHeight, width, height) {
  const utf8 = encoder.encode(text);
  const size = width * height;
  const area = ex.malloc(utf8.length + size + 1) >>> 0;
  if (area === 0) throw new Error('malloc failed');
  try {
    const bitmap = area + utf8.length;
    new Uint8Array(ex.memory.buffer, area, utf8.length).set(utf8);
    new Uint8Array(ex.memory.buffer, bitmap, size).fill(0);
    const ok = ex.airlock_tt_render_line(font.info, pixelHeight, area, utf8.length, bitmap, width, height, font.block);
    if (ok === 0) throw new Error('cannot render the line');
    return new Uint8Array(ex.memory.buffer, bitmap, size).slice();
  } finally {
    ex.free(area);
  }
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

// Runs op for at least ms milliseconds (and at least once); returns ms per operation.
function iteration(op, ms) {
  let sink = 0;
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(ms * 1e6));
  let now = start;
  do {
    sink ^= op().length;
    count++;
    now = process.hrtime.bigint();
  } while (now < end);
  globalThis.__sink = sink;
  return Number(now - start) / 1e6 / count;
}

function measure(op) {
  const warmup = [];
  for (let i = 0; i < settings.warmupIterations; i++) warmup.push(iteration(op, settings.warmupMs));
  const samples = [];
  for (let i = 0; i < settings.iterations; i++) samples.push(iteration(op, settings.iterationMs));
  return { warmup, samples };
}

const results = [];
let failures = 0;

const stb = await instantiate(manifest.wasm.stb_image);
for (const input of manifest.inputs) {
  const file = readFileSync(input.file);
  const entry = { kind: 'decode', id: input.id };
  try {
    const hash = sha256(decodeRgba(stb, file));
    entry.sha256 = hash;
    entry.samePixels = hash === input.sha256;
    if (!entry.samePixels) {
      failures++;
      entry.error = `pixels differ from native (sha256 ${hash}, native ${input.sha256})`;
    } else {
      Object.assign(entry, measure(() => decodeRgba(stb, file)));
    }
  } catch (e) {
    failures++;
    entry.error = String(e && e.stack || e);
  }
  results.push(entry);
  const mean = entry.samples ? (entry.samples.reduce((a, b) => a + b, 0) / entry.samples.length).toFixed(3) : '-';
  console.log(`v8 decode ${input.id}: ${entry.error ? 'FAILED: ' + entry.error : mean + ' ms/op'}`);
}

const tt = await instantiate(manifest.wasm.stb_truetype);
{
  const t = manifest.text;
  const entry = { kind: 'text', id: 'renderLine' };
  try {
    const font = openFont(tt, readFileSync(t.font));
    const render = () => renderLine(tt, font, t.text, t.pixelHeight, t.width, t.height);
    const hash = sha256(render());
    entry.sha256 = hash;
    entry.samePixels = hash === t.sha256;
    if (!entry.samePixels) {
      failures++;
      entry.error = `bitmap differs from native (sha256 ${hash}, native ${t.sha256})`;
    } else {
      Object.assign(entry, measure(render));
    }
  } catch (e) {
    failures++;
    entry.error = String(e && e.stack || e);
  }
  results.push(entry);
  const mean = entry.samples ? (entry.samples.reduce((a, b) => a + b, 0) / entry.samples.length).toFixed(4) : '-';
  console.log(`v8 renderLine: ${entry.error ? 'FAILED: ' + entry.error : mean + ' ms/op'}`);
}

writeFileSync(outPath, JSON.stringify({
  engine: 'v8',
  node: process.version,
  v8: process.versions.v8,
  settings,
  results,
}, null, 2) + '\n');
process.exit(failures === 0 ? 0 : 1);
