import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  let dataSent: () => void = () => {};
  const firstDataSent = new Promise<void>((resolve) => (dataSent = resolve));
  const server = http.createServer((request, response) => {
    const headers = { ...request.headers };
    delete headers["accept-encoding"];
    const held = holding;
    const forward = () => {
      const onward = http.request(
        { host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on("data", (chunk: Buffer) => response.write(chunk));
          answer.on("end", () => {
            if (held && request.url?.includes(".data")) {
              dataSent();
              released.push(() => response.end());
            } else response.end();
          });
        },
      );
      request.pipe(onward);
    };
    if (held && request.url?.startsWith("/assets/")) released.push(forward);
    else forward();
  });
  return {
    server,
    hold: () => (holding = true),
    firstDataSent,
    release: () => {
      holding = false;
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

let proxy: ReturnType<typeof holdingProxy>;
let proxyUrl = "";
beforeAll(async () => {
  proxy = holdingProxy(new URL(baseUrl()));
  await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
});
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

    proxy.hold();
    // The search page's code is not loaded yet: its navigation waits for it, with the data's first line in.
    await page.evaluate(() => {
      void (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(
        "/zoeken?q=jeugdhulp",
      );
    });
    await proxy.firstDataSent;
    // The browser reads the first line it was sent (a network chunk and a few microtasks) well within this (1 s was
    // enough in nine runs beside `stress-ng --cpu 4`).
    await page.waitForTimeout(1500);
    // The person clicks on: the router cancels the search page's request.
    await page.evaluate(() => {
      void (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(
        "/overzicht?tab=alles",
      );
    });
    proxy.release();
    await page.waitForURL(`${proxyUrl}/overzicht?tab=alles`);
    await page.getByRole("heading", { level: 1 }).waitFor();

    // The cancellation did reach the page as unhandled rejections (Remix's stream decoder rejects promises that no
    // one awaits), so the case was met; the app took them as the cancellations they are, and the browser reported
    // nothing (without the app's handler: two errors "BodyStreamBuffer was aborted").
    const rejections = await page.evaluate(() => (window as unknown as { rejections: string[] }).rejections);
    expect(rejections.length).toBeGreaterThan(0);
    expect(new Set(rejections)).toEqual(new Set(["AbortError"]));
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it("leaves no error in the browser when someone moves on while a refused form's answer is still coming", async () => {
    const { page, errors } = await newPage(browser());
    await page.addInitScript(RECORD_REJECTIONS);
    await page.goto(`${proxyUrl}/inloggen`);
    await hydrated(page);

    proxy.hold();
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
    await page.evaluate(() => {
      void (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(
        "/inloggen?opnieuw=1",
      );
    });
    await page.waitForURL(`${proxyUrl}/inloggen?opnieuw=1`);
    proxy.release();

    const rejections = await page.evaluate(() => (window as unknown as { rejections: string[] }).rejections);
    expect(rejections.length).toBeGreaterThan(0);
    expect(new Set(rejections)).toEqual(new Set(["AbortError"]));
    // The one error is the browser's log of the refusal itself.
    expect(errors).toEqual(["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
    await page.context().close();
  }, 60_000);
});
