import { createServer, IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { withTimeout } from './tools';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** e.g. 127.0.0.1:40123 */
  host: string;
  port: number;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, server: TestServer) => void;

/**
 * A loopback HTTP server for imitating registries (429, hangs, garbage, token realms).
 * Records every request; stop() also destroys open sockets so a hanging handler cannot
 * keep the test process alive.
 */
export async function startHttpServer(handler: Handler, hostname = '127.0.0.1'): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  const server = createServer();
  const info: TestServer = { url: '', host: '', port: 0, requests, stop: async () => undefined };
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('request', (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    try {
      handler(req, res, info);
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
  });
  await withTimeout(new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, hostname, () => resolve());
  }), 5000, 'test server listen');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  info.port = address.port;
  info.host = `${hostname}:${address.port}`;
  info.url = `http://${info.host}`;
  info.stop = async () => {
    for (const s of sockets) s.destroy();
    await withTimeout(new Promise<void>((resolve) => server.close(() => resolve())), 5000, 'test server close');
  };
  return info;
}
