import { describe, expect, it } from "vitest";
import { isCrossOrigin } from "./cross-origin";

describe("form posts from another site", () => {
  const host = { host: "127.0.0.1:3000" };

  it("are refused when the Origin is another host, not a URL, or null, or the browser says cross-site", () => {
    for (const headers of [
      { ...host, origin: "http://evil.example" },
      { ...host, origin: "http://127.0.0.1:3001" },
      { ...host, origin: "null" },
      { ...host, origin: "geen url" },
      { ...host, origin: "" },
      { ...host, "sec-fetch-site": "cross-site" },
      { ...host, origin: "http://127.0.0.1:3000", "sec-fetch-site": "cross-site" },
      { origin: "http://127.0.0.1:3000" },
      { ...host, "x-forwarded-host": "h10.example", origin: "http://127.0.0.1:3000" },
    ])
      for (const method of ["POST", "put", "PATCH", "DELETE"])
        expect(isCrossOrigin(method, "/trajecten/x/financien", headers), JSON.stringify(headers)).toBe(true);
  });

  it("pass from this site, without an Origin, with safe methods, and to the API", () => {
    expect(isCrossOrigin("POST", "/inloggen", { ...host, origin: "http://127.0.0.1:3000" })).toBe(false);
    expect(isCrossOrigin("POST", "/inloggen", { ...host, "sec-fetch-site": "same-origin" })).toBe(false);
    expect(isCrossOrigin("POST", "/inloggen", host)).toBe(false);
    expect(
      isCrossOrigin("POST", "/inloggen", {
        ...host,
        "x-forwarded-host": "h10.example, proxy.internal",
        origin: "https://h10.example",
      }),
    ).toBe(false);
    expect(isCrossOrigin("GET", "/regio", { ...host, origin: "http://evil.example" })).toBe(false);
    expect(isCrossOrigin("POST", "/api/v1/trails/x/positions", { ...host, origin: "http://evil.example" })).toBe(false);
    // The one-click unsubscribe of e-mails: a signed token, not a session, authenticates it (RFC 8058).
    expect(isCrossOrigin("POST", "/e-mail/afmelden", { ...host, "sec-fetch-site": "cross-site" })).toBe(false);
    expect(isCrossOrigin("POST", "/e-mail/afmeldenx", { ...host, "sec-fetch-site": "cross-site" })).toBe(true);
  });
});
