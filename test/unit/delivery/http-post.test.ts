import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../../../src/delivery/http-post.ts';
import { buildAllowlist, WebhookTargetRefused } from '../../../src/delivery/url-guard.ts';
import { TransientError } from '../../../src/errors/index.ts';

let server: http.Server;
let port = 0;
const bodies: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 1500);
      if (req.url === '/hop') return void res.writeHead(308, { location: '/final' }).end();
      res.writeHead(req.url === '/final' ? 201 : 200).end(`got ${req.url}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const request = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });

describe('postWebhook', () => {
  it('resolves a name through the guard and connects only when its address is explicitly allowed', async () => {
    const allowed = await postWebhook(request(`http://localhost:${port}/x`), { allowlist: buildAllowlist(['localhost', '127.0.0.1', '::1']), timeoutMs: 2000 });
    expect(allowed).toMatchObject({ status: 200, body: 'got /x' });
    // The name alone does not admit a loopback address.
    await expect(postWebhook(request(`http://localhost:${port}/x`), { allowlist: buildAllowlist(['localhost']), timeoutMs: 2000 })).rejects.toBeInstanceOf(WebhookTargetRefused);
    // Nor does the address alone admit a name that resolves to it.
    await expect(postWebhook(request(`http://localhost:${port}/x`), { allowlist: buildAllowlist(['127.0.0.1', '::1']), timeoutMs: 2000 })).rejects.toBeInstanceOf(WebhookTargetRefused);
  });

  it('follows a 308 to an allowed target with the same body, and times out a slow receiver as retryable', async () => {
    const allow = buildAllowlist(['127.0.0.1']);
    bodies.length = 0;
    const hop = await postWebhook(request(`http://127.0.0.1:${port}/hop`), { allowlist: allow, timeoutMs: 2000 });
    expect(hop.status).toBe(201);
    expect(bodies).toEqual(['{"a":1}', '{"a":1}']);
    const slow = postWebhook(request(`http://127.0.0.1:${port}/slow`), { allowlist: allow, timeoutMs: 300 });
    await expect(slow).rejects.toBeInstanceOf(TransientError);
    await expect(slow).rejects.toThrow(/no answer within 300 ms/);
  });
});
