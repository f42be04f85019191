// The HTTP server under the end-to-end tests' fakes (fake-cloud.ts, fake-oidc.ts): on a free port of 127.0.0.1 (or, to
// stand where a real service is, HTTPS on an address and port of the test's namespace), the whole body read before the
// fake's handler sees the request, a thrown or rejected handler answered with a 500, and every connection cut on stop
// (a fake told to hang keeps its sockets open until then).
import * as fs from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import type {AddressInfo, Socket} from 'node:net'

/** Where a fake listens instead of a free port of 127.0.0.1 over plain HTTP. */
export interface Listen {
  host: string
  port: number
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls?: {cert: string; key: string}
}

export abstract class LoopbackServer {
  private readonly sockets = new Set<Socket>()
  private server: http.Server | https.Server | undefined
  url = ''

  /** Answers one request (or leaves it hanging). */
  protected abstract handle(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): void | Promise<void>

  async start(listen: Listen = {host: '127.0.0.1', port: 0}): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      let body = ''
      req.on('data', chunk => (body += chunk))
      req.on('end', () => {
        const failed = (error: unknown): void => {
          res.writeHead(500, {'content-type': 'application/json'})
          res.end(JSON.stringify({error_code: 'FAKE.500', error_msg: String(error)}))
        }
        try {
          Promise.resolve(this.handle(req, new URL(req.url ?? '/', `${listen.tls ? 'https' : 'http'}://${req.headers.host}`), body, res)).catch(failed)
        } catch (error) {
          failed(error)
        }
      })
    }
    this.server = listen.tls ? https.createServer({cert: fs.readFileSync(listen.tls.cert), key: fs.readFileSync(listen.tls.key)}, handler) : http.createServer(handler)
    // Over TLS a socket reaches 'secureConnection'; its raw socket is what 'connection' gives, and what stop() must cut.
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject)
      this.server?.listen(listen.port, listen.host, resolve)
    })
    this.url = `${listen.tls ? 'https' : 'http'}://${listen.host}:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}
