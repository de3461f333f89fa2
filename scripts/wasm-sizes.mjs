// Where a wasm file's bytes are: its sections, and, when it has a name section, its code by crate and its largest
// functions (scripts/bench-web.sh runs it on the browser build). Usage: node scripts/wasm-sizes.mjs FILE [TOP]
import { readFileSync } from "node:fs";

const file = process.argv[2];
const top = Number(process.argv[3] ?? 15);
const buf = readFileSync(file);
let pos = 8;

function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return result;
  }
}
function str() {
  const len = leb();
  const s = buf.toString("utf8", pos, pos + len);
  pos += len;
  return s;
}
function limits() {
  const flags = buf[pos++];
  leb();
  if (flags & 1) leb();
}

const SECTIONS = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element",
  "code", "data", "data count", "tag"];
const sections = new Map();
let importedFunctions = 0;
const bodies = [];
const names = new Map();

while (pos < buf.length) {
  const id = buf[pos++];
  const size = leb();
  const start = pos;
  const end = pos + size;
  let label = SECTIONS[id] ?? `section ${id}`;
  if (id === 0) {
    const name = str();
    label = `custom "${name}"`;
    if (name === "name") {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = leb();
          for (let i = 0; i < count; i++) {
            const index = leb();
            names.set(index, str());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      str();
      str();
      const kind = buf[pos++];
      if (kind === 0) {
        leb();
        importedFunctions++;
      } else if (kind === 1) {
        pos++;
        limits();
      } else if (kind === 2) {
        limits();
      } else if (kind === 3) {
        pos += 2;
      } else if (kind === 4) {
        pos++;
        leb();
      }
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const bodySize = leb();
      bodies.push(bodySize);
      pos += bodySize;
    }
  }
  sections.set(label, (sections.get(label) ?? 0) + size);
  pos = end;
  void start;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${file}: ${kb(buf.length)}`);
for (const [label, size] of [...sections].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${label.padEnd(28)} ${kb(size).padStart(12)}`);
}

// The crate of a v0-mangled Rust symbol (`_R…`): the first crate root of its path, past nested paths, impls and
// generic arguments (for an impl, the crate that holds the impl).
function crateOfV0(name) {
  let i = 2;
  const disambiguator = () => {
    if (name[i] === "s") i = name.indexOf("_", i) + 1;
  };
  while (i > 0 && i < name.length) {
    const tag = name[i];
    if (tag === "N") i += 2;
    else if (tag === "X" || tag === "M" || tag === "Y") {
      i += 1;
      disambiguator();
    } else if (tag === "I") i += 1;
    else if (tag === "C") {
      i += 1;
      disambiguator();
      const digits = /^[0-9]+/.exec(name.slice(i));
      if (!digits) break;
      return name.slice(i + digits[0].length, i + digits[0].length + Number(digits[0]));
    } else break;
  }
  return "(not Rust, or unnamed)";
}

// The crate of a (legacy-mangled, v0-mangled or plain) Rust symbol: its path's first segment, or the type's for an
// impl.
function crateOf(name) {
  if (name.startsWith("_R")) return crateOfV0(name);
  let path = name;
  if (path.startsWith("_ZN")) {
    const parts = [];
    let i = 3;
    while (i < path.length && path[i] !== "E") {
      let digits = "";
      while (/[0-9]/.test(path[i])) digits += path[i++];
      if (!digits) break;
      parts.push(path.slice(i, i + Number(digits)));
      i += Number(digits);
    }
    path = parts.join("::").replaceAll("$LT$", "<").replaceAll("..", "::").replace(/^_</, "<");
  }
  path = path.replace(/\[[0-9a-f]+\]/g, "").replace(/^<+/, "").replace(/^(dyn |&mut |&|\*const |\*mut )+/, "");
  const crate = path.split("::")[0];
  return /^[a-z_][a-z0-9_]*$/.test(crate) && path.includes("::") ? crate : "(not Rust, or unnamed)";
}

if (names.size === 0) {
  console.log("  (no name section: per-crate and per-function figures need a build that keeps names)");
} else {
  const crates = new Map();
  const fns = bodies.map((size, i) => ({ size, name: names.get(importedFunctions + i) ?? `function ${i}` }));
  for (const f of fns) crates.set(crateOf(f.name), (crates.get(crateOf(f.name)) ?? 0) + f.size);
  const code = bodies.reduce((a, b) => a + b, 0);
  console.log(`  code by crate (${fns.length} functions, ${kb(code)}):`);
  for (const [crate, size] of [...crates].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`    ${crate.padEnd(30)} ${kb(size).padStart(12)} ${((100 * size) / code).toFixed(1).padStart(5)} %`);
  }
  console.log(`  largest functions:`);
  for (const f of fns.sort((a, b) => b.size - a.size).slice(0, top)) {
    console.log(`    ${kb(f.size).padStart(10)}  ${f.name.replace(/\[[0-9a-f]+\]/g, "").slice(0, 110)}`);
  }
}
