import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, browserForFile, hydrated, newPage, signedIn } from "./helpers";

const browser = browserForFile();

/**
 * A proxy on loopback in front of the test server that, while holding, keeps back the app's code (/assets/) and
 * the end of each page's data (a .data request): the browser gets the data's first line but the request stays open
 * and the page's code does not come. So a navigation is still under way with its data half read, as on a slow line.
 */
function holdingProxy(upstream: URL) {
  let holding = false;
  const released: (() => void)[] = [];
  let dataSent: { path: string; resolve: () => void } | null = null;
  const server = http.createServer((request, response) => {
    const headers = { ...request.headers };
    delete headers["accept-encoding"];
    const url = request.url ?? "/";
    const forward = () => {
      const onward = http.request(
        { host: upstream.hostname, port: upstream.port, path: url, method: request.method, headers, agent: false },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on("data", (chunk: Buffer) => response.write(chunk));
          answer.on("end", () => {
            // Decided when the answer has been sent whole: one that ends after the release is not kept back.
            if (!holding || !url.includes(".data")) return void response.end();
            released.push(() => response.end());
            if (dataSent && url.startsWith(dataSent.path)) dataSent.resolve();
          });
        },
      );
      onward.on("error", () => response.destroy());
      request.pipe(onward);
    };
    if (holding && url.startsWith("/assets/")) released.push(forward);
    else forward();
  });
  return {
    server,
    /** Holds from now on; resolves once the data of the path has been sent but for its end. */
    hold: (dataPath = "/") => {
      holding = true;
      return new Promise<void>((resolve) => (dataSent = { path: dataPath, resolve }));
    },
    release: () => {
      holding = false;
      dataSent = null;
      for (const go of released.splice(0)) go();
    },
  };
}

/** Records every unhandled rejection the page sees, before the app's own handler decides on it. */
const RECORD_REJECTIONS = () => {
  const seen: string[] = [];
  (window as unknown as { rejections: string[] }).rejections = seen;
  window.addEventListener("unhandledrejection", (event: PromiseRejectionEvent) =>
    seen.push((event.reason as Error | undefined)?.name ?? String(event.reason)),
  );
};

/** The unhandled rejections the page has seen, by name. */
const rejectionsOf = (page: Page) => page.evaluate(() => (window as unknown as { rejections: string[] }).rejections);

/** Starts a navigation of Remix's router in the page, as a link does, without waiting for it. */
const startNavigation = (page: Page, to: string) =>
  page.evaluate((to) => {
    void (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(
      to,
    );
  }, to);

let proxy: ReturnType<typeof holdingProxy>;
let proxyUrl = "";
beforeAll(async () => {
  proxy = holdingProxy(new URL(baseUrl()));
  await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
});
// A test that failed while holding leaves nothing held for the next.
afterEach(() => proxy.release());
afterAll(async () => {
  proxy.release();
  proxy.server.closeAllConnections();
  await new Promise((resolve) => proxy.server.close(resolve));
});

describe("a navigation cut short", () => {
  it("leaves no error in the browser when someone clicks on before the page they asked for has come", async () => {
    const { page, errors } = await newPage(browser());
    await page.addInitScript(RECORD_REJECTIONS);
    // Cookies belong to the host, not the port: the session holds on the proxy's address too.
    await signedIn(page, "secretaris@h10.example");
    await page.goto(`${proxyUrl}/overzicht`);
    await hydrated(page);

    // Each try asks for a page whose code is not loaded yet, so its navigation waits for the code with the data's
    // first line in. Cut short before that line was read, the try does not meet the case (Remix logs that abort
    // itself); the next page is tried then.
    for (const [at, target] of ["/zoeken?q=jeugdhulp", "/vergaderingen", "/contracten"].entries()) {
      const dataSent = proxy.hold(`${target.split("?")[0]}.data`);
      await startNavigation(page, target);
      await dataSent;
      // The browser reads the first line it was sent (a network chunk and a few microtasks) well within this (1 s
      // was enough in nine runs beside `stress-ng --cpu 4`).
      await page.waitForTimeout(1500);
      // The person clicks on: the router cancels the page's request.
      await startNavigation(page, `/overzicht?poging=${at}`);
      proxy.release();
      await page.waitForURL(`${proxyUrl}/overzicht?poging=${at}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      if ((await rejectionsOf(page)).length) break;
    }

    // The cancellation did reach the page as unhandled rejections (Remix's stream decoder rejects promises that no
    // one awaits), so the case was met; the app took them as the cancellations they are, and the browser reported
    // nothing (without the app's handler: two errors "BodyStreamBuffer was aborted").
    const seen = await rejectionsOf(page);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(["AbortError"]));
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it("leaves no error in the browser when someone moves on while a refused form's answer is still coming", async () => {
    const { page, errors } = await newPage(browser());
    await page.addInitScript(RECORD_REJECTIONS);
    await page.goto(`${proxyUrl}/inloggen`);
    await hydrated(page);

    void proxy.hold();
    // The form posted as the page posts it (its CSRF token included), with an address the server refuses (400):
    // the router then loads nothing and keeps the request, whose answer has its first line in but not its end.
    await page.evaluate(() => {
      const data = new FormData(document.querySelector("form[method=post]") as HTMLFormElement);
      data.set("email", "geen-adres");
      data.set("password", "iets");
      void (
        window as unknown as { __remixRouter: { navigate: (to: string, opts: object) => Promise<void> } }
      ).__remixRouter.navigate("/inloggen", { formMethod: "post", formData: data });
    });
    // The refusal is on the page: the router has read the answer's first line.
    await page.waitForFunction(() => {
      const state = (
        window as unknown as { __remixRouter: { state: { navigation: { state: string }; actionData: unknown } } }
      ).__remixRouter.state;
      return state.navigation.state === "idle" && state.actionData !== null;
    });
    // The person moves on: the router aborts the refused form's request, its answer not yet ended.
    await startNavigation(page, "/inloggen?opnieuw=1");
    await page.waitForURL(`${proxyUrl}/inloggen?opnieuw=1`);
    proxy.release();

    const seen = await rejectionsOf(page);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(["AbortError"]));
    // The one error is the browser's log of the refusal itself.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/status of 400\b/);
    await page.context().close();
  }, 60_000);
});
