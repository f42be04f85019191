// The HTTP server under the end-to-end tests' fakes (fake-cloud.ts, fake-oidc.ts): on a free port of 127.0.0.1, the
// whole body read before the fake's handler sees the request, a thrown or rejected handler answered with a 500, and
// every connection cut on stop (a fake told to hang keeps its sockets open until then).
import * as http from 'node:http'
import type {AddressInfo, Socket} from 'node:net'

export abstract class LoopbackServer {
  private readonly sockets = new Set<Socket>()
  private server: http.Server | undefined
  url = ''

  /** Answers one request (or leaves it hanging). */
  protected abstract handle(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): void | Promise<void>

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = ''
      req.on('data', chunk => (body += chunk))
      req.on('end', () => {
        const failed = (error: unknown): void => {
          res.writeHead(500, {'content-type': 'application/json'})
          res.end(JSON.stringify({error_code: 'FAKE.500', error_msg: String(error)}))
        }
        try {
          Promise.resolve(this.handle(req, new URL(req.url ?? '/', `http://${req.headers.host}`), body, res)).catch(failed)
        } catch (error) {
          failed(error)
        }
      })
    })
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>(resolve => this.server?.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}
