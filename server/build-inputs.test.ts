import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildInputsHash } from "./build-inputs";

describe("the build's inputs (build:changed)", () => {
  const made: string[] = [];
  afterEach(() => made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const project = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "h10-build-inputs-"));
    made.push(dir);
    fs.mkdirSync(path.join(dir, "app/routes"), { recursive: true });
    fs.writeFileSync(path.join(dir, "app/routes/overzicht.tsx"), "export default 1;\n");
    fs.writeFileSync(path.join(dir, "package.json"), "{}\n");
    return dir;
  };

  it("stays the same while nothing changes, also when a file is only touched", () => {
    const dir = project();
    const before = buildInputsHash(dir);
    const file = path.join(dir, "app/routes/overzicht.tsx");
    fs.utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    expect(buildInputsHash(dir)).toBe(before);
  });

  it("changes with a file's content, a new file, a renamed file and a root configuration file", () => {
    const dir = project();
    const seen = new Set([buildInputsHash(dir)]);
    const file = path.join(dir, "app/routes/overzicht.tsx");
    fs.writeFileSync(file, "export default 2;\n");
    seen.add(buildInputsHash(dir));
    fs.mkdirSync(path.join(dir, "server"));
    fs.writeFileSync(path.join(dir, "server/index.ts"), "");
    seen.add(buildInputsHash(dir));
    fs.renameSync(file, path.join(dir, "app/routes/trajecten.tsx"));
    seen.add(buildInputsHash(dir));
    fs.writeFileSync(path.join(dir, "vite.config.ts"), "export default {};\n");
    seen.add(buildInputsHash(dir));
    expect(seen.size).toBe(5);
  });

  it("leaves out what the build does not read (data, tests' artefacts, the build itself)", () => {
    const dir = project();
    const before = buildInputsHash(dir);
    for (const folder of ["data", "build", "test/artifacts"]) {
      fs.mkdirSync(path.join(dir, folder), { recursive: true });
      fs.writeFileSync(path.join(dir, folder, "x.txt"), "x");
    }
    expect(buildInputsHash(dir)).toBe(before);
  });
});
