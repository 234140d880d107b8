/**
 * A real HTTP server on 127.0.0.1 for tests that play a service the code talks to over HTTP
 * (S3, a page's backend): started on a free port, closed with its kept-alive connections.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export interface LocalHttpServer {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  close(): Promise<void>;
}

export async function startLocalHttpServer(listener: RequestListener): Promise<LocalHttpServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    server,
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
