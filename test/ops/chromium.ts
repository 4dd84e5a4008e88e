/**
 * The browser the browser tests, the screenshots and the benchmarks drive: Debian's `chromium-headless-shell`,
 * the same Chromium build without the desktop browser's window, profile and UI machinery (playwright-core cannot
 * download browsers here). On the browser suite it took a third less CPU than the full `chromium` in headless
 * mode (renderer 281 s against 430 s, browser process 54 s against 156 s; the suite 358 s against 515 s).
 * CHROMIUM_PATH points elsewhere, e.g. at /usr/bin/chromium.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell";
