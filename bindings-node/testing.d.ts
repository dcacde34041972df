// Types of `orgkit/testing`: the in-process mock server of all five providers.

import type { Provider } from './surface'

export interface MockServerOptions {
  /** ourganize's requests per window (default 1000). */
  rateLimit?: number
  /** ourganize's rate-limit window, in milliseconds (default one hour). */
  rateWindow?: number
}

/** A fault in the mock's JSON format (tests/mock-server/README.md). */
export interface Fault {
  /** Only requests to this provider (default: any). */
  provider?: Provider
  /** Only requests with this method. */
  method?: string
  /** Only requests under this path (provider-relative, `/projects`, or full, `/ourganize/projects`). */
  path?: string
  /** How many requests it answers (default 1). */
  times?: number
  /**
   * `{ status, headers?, body? }`, `{ delay_ms }`, `{ stall_body_ms }`,
   * `{ close: 'before_response' }`, `{ truncate: true }` or `{ non_json, status? }`.
   */
  action: Record<string, unknown>
}

/** One request the server received. */
export interface RecordedRequest {
  provider: Provider
  method: string
  /** Provider-relative, as sent (`/projects/1/tasks`). */
  path: string
  /** Decoded query parameters. */
  query: Record<string, string>
  /** The query string as sent, without `?`. */
  rawQuery: string
  /** Lowercase names; repeated headers joined with `, `. */
  headers: Record<string, string>
  /** The JSON body, or its text when it is not JSON; `null` when empty. */
  body: any
  /** When it arrived, in Unix milliseconds. */
  atMs: number
}

/**
 * The in-process emulator of ourganize, orgstack, achieveapex, kaana and
 * pm415 on a free loopback port, with seeded data and credentials
 * (`seed`), fault injection and a request log.
 */
export declare class MockServer {
  constructor(options?: MockServerOptions)
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  /** The base URL to give a client for `provider`. */
  baseUrl(provider: Provider): string
  /** Queues faults; returns how many. */
  inject(faults: Fault | Fault[]): number
  /** The faults still queued, with their remaining `times`. */
  faults(): Fault[]
  /** The requests received since the last reset or clear (optionally filtered). */
  requests(filter?: { provider?: Provider; method?: string; path?: string }): RecordedRequest[]
  /** How many requests have `method` (`''`: any) and a path under `path`. */
  requestCount(method?: string, path?: string): number
  /** Back to the seed state: data, tokens, rate limit, faults and request log. */
  reset(): void
  clearFaults(): void
  clearRequests(): void
  /** ourganize's requests per window, from now on. */
  setRateLimit(limit: number): void
  /** Stops the server (closing twice is fine). */
  close(): void
  [Symbol.dispose](): void
  [Symbol.asyncDispose](): Promise<void>
}

/** The seeded credentials and data the mock accepts, by their Rust names (`seed.PM415_ADMIN_API_KEY`). */
export declare const seed: Readonly<Record<string, any>>
