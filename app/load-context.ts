/** What server/index.ts hands every loader and action besides the request. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Nonce for inline scripts under the Content-Security-Policy. */
    cspNonce?: string;
    /** The client's address as Express resolved it. */
    clientIp?: string;
  }
}

export {};
